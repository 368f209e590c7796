import type { SigningCertificate } from '../certificates.js';
import type { InvoiceDocument, InvoiceProviderName } from '../invoice-model.js';

/** How to reach a seller's account at its provider; credentials are decrypted only for the call. */
export interface ProviderConnection {
  baseUrl: string | null;
  /** `pattern` / `templateCode` of the provider, e.g. `1/001`. */
  templateCode: string;
  credentials: Record<string, string> | null;
  timeoutMs: number;
}

export interface ProviderIssueRequest {
  /** Our invoice id: the provider's transaction id / fkey, so a repeated call issues nothing new. */
  transactionId: string;
  /** For a provider that numbers itself, `number` is null and `symbol` is the one to issue under. */
  document: InvoiceDocument;
  connection: ProviderConnection;
  /** The seller's signing certificate, used by the built-in provider. */
  signing: SigningCertificate | null;
  /** For adjustments and replacements: the provider's transaction id of the related invoice. */
  relatedTransactionId: string | null;
  now: Date;
}

export interface ProviderIssueResult {
  number: number;
  symbol: string;
  issueDate: string;
  providerTransactionId: string;
  /** What the buyer types at the provider's lookup page (Viettel reservation code, VNPT token). */
  providerReference: string | null;
  /** The invoice XML when the provider gives it back (always for the built-in one). */
  xml: string | null;
  signed: boolean;
}

/**
 * The e-invoice provider port. Each seller picks one in its settings; every adapter must be
 * idempotent by `transactionId`, because the outbox may call it again after a crash or a timeout.
 */
export interface EInvoiceProvider {
  readonly name: InvoiceProviderName;
  /**
   * True when the platform numbers the invoice in the issuing transaction (built-in provider);
   * false when the provider assigns the number and returns it.
   */
  readonly numbersLocally: boolean;
  issue(request: ProviderIssueRequest): Promise<ProviderIssueResult>;
}

export const EINVOICE_PROVIDERS = Symbol('EINVOICE_PROVIDERS');
export type ProviderRegistry = Record<InvoiceProviderName, EInvoiceProvider>;

/**
 * `retryable` separates an outage (network, timeout, 5xx: try again later, with backoff) from a
 * refusal (bad credentials, invalid data: retrying the same request cannot succeed).
 * Messages are ours, never the provider's raw body, so no credential can leak into logs or the API.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** fetch with a deadline; anything that is not an HTTP answer becomes a retryable ProviderError. */
export async function callProvider(
  provider: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'không phản hồi kịp' : 'không kết nối được';
    throw new ProviderError(`Nhà cung cấp ${provider} ${reason}`, true);
  }
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    throw new ProviderError(`Nhà cung cấp ${provider} đang lỗi (HTTP ${response.status})`, true);
  }
  return response;
}

export function requireCredential(credentials: Record<string, string> | null, key: string, provider: string): string {
  const value = credentials?.[key];
  if (!value) throw new ProviderError(`Thiếu thông tin đăng nhập ${provider} (${key})`, false);
  return value;
}

/** `C26TAA123` → 123: providers return the number glued to the symbol. */
export function numberFromInvoiceNo(invoiceNo: string, symbol: string): number {
  const digits = invoiceNo.startsWith(symbol) ? invoiceNo.slice(symbol.length) : (/(\d+)$/.exec(invoiceNo)?.[1] ?? '');
  const number = Number(digits);
  if (!Number.isSafeInteger(number) || number < 1)
    throw new ProviderError(`Số hóa đơn không đọc được: ${invoiceNo}`, false);
  return number;
}
