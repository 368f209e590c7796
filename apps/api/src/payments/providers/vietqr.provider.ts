import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import vietnamQrPay from 'vietnam-qr-pay';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import type { Payment } from '../payment.entity.js';
import type { CancelAtProvider, PaymentProvider, RefundAtProvider, StartedPayment } from '../payment-provider.js';

// The package is CommonJS; under ESM its named exports are reached through the default import.
const { QRPay, Banks } = vietnamQrPay;

export interface VietQrContent {
  bankBin: string;
  accountNumber: string;
  amount: number;
  reference: string;
}

/**
 * The EMVCo string of a dynamic VietQR code (NAPAS 247, transfer to an account): bank BIN and
 * account in tag 38, the amount in tag 54 and the reference as the transfer note (tag 62, purpose),
 * which banking apps copy into the transfer, so the bank notification carries it back to us.
 */
export function buildVietQrPayload(content: VietQrContent): string {
  return QRPay.initVietQR({
    bankBin: content.bankBin,
    bankNumber: content.accountNumber,
    amount: String(content.amount),
    purpose: content.reference,
  }).build();
}

export function bankNameForBin(bin: string): string | null {
  return Banks.find((bank) => bank.bin === bin)?.shortName ?? null;
}

/**
 * Bank transfer to the platform's collection account by VietQR. The transfer itself sends no
 * callback; a bank-transaction webhook (SePay/Casso style) reports incoming money and the
 * reference in its note tells which payment it is for.
 */
@Injectable()
export class VietQrProvider implements PaymentProvider {
  readonly method = 'vietqr' as const;
  readonly available: boolean;
  readonly expiryMinutes: number;
  private readonly apiKeyDigest: Buffer | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.expiryMinutes = config.VIETQR_EXPIRY_MINUTES;
    this.available = Boolean(
      config.VIETQR_BANK_BIN &&
      config.VIETQR_ACCOUNT_NUMBER &&
      config.VIETQR_ACCOUNT_NAME &&
      config.BANK_WEBHOOK_API_KEY,
    );
    this.apiKeyDigest = config.BANK_WEBHOOK_API_KEY ? sha256(config.BANK_WEBHOOK_API_KEY) : null;
  }

  async start(payment: Payment): Promise<StartedPayment> {
    const bankBin = this.config.VIETQR_BANK_BIN!;
    const accountNumber = this.config.VIETQR_ACCOUNT_NUMBER!;
    const vietqr = {
      payload: buildVietQrPayload({ bankBin, accountNumber, amount: payment.amount, reference: payment.reference }),
      bankBin,
      bankName: bankNameForBin(bankBin),
      accountNumber,
      accountName: this.config.VIETQR_ACCOUNT_NAME!,
      amount: payment.amount,
      reference: payment.reference,
    };
    return { providerReference: payment.reference, action: { type: 'vietqr', vietqr }, instructions: { vietqr } };
  }

  /** A transfer cannot be refused in advance; one that arrives after closing is flagged instead. */
  async cancel(): Promise<CancelAtProvider> {
    return 'not_supported';
  }

  /** A bank transfer cannot be reversed by an API: someone sends the money back from the collection account. */
  async refund(): Promise<RefundAtProvider> {
    return { outcome: 'manual' };
  }

  /**
   * `Authorization: Apikey <key>`, as SePay sends it. Digests of equal length are compared in
   * constant time, so neither the key's content nor its length leaks through timing.
   */
  isAuthorised(authorization: string | undefined): boolean {
    if (!this.apiKeyDigest || !authorization) return false;
    const match = /^apikey\s+(.+)$/i.exec(authorization.trim());
    if (!match) return false;
    return timingSafeEqual(sha256(match[1]!.trim()), this.apiKeyDigest);
  }

  /** Whether a notification is about money coming into the collection account. */
  isCollectionAccount(accountNumber: string | undefined, subAccount: string | null | undefined): boolean {
    const ours = this.config.VIETQR_ACCOUNT_NUMBER;
    return Boolean(ours) && (accountNumber === ours || subAccount === ours);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
