import { businessDate } from '../business-date.js';
import type { InvoiceDocument, VatRate } from '../invoice-model.js';
import {
  callProvider,
  type EInvoiceProvider,
  numberFromInvoiceNo,
  ProviderError,
  type ProviderIssueRequest,
  type ProviderIssueResult,
  requireCredential,
} from './invoice-provider.js';

export const VIETTEL_DEFAULT_BASE_URL = 'https://api-vinvoice.viettel.vn';
const SERVICE = '/services/einvoiceapplication/api/InvoiceAPI/InvoiceWS';
const NAME = 'Viettel S-Invoice';

/** Viettel writes "not subject to VAT" as -2 and "not declared" as -1 in `taxPercentage`. */
function taxPercentage(rate: VatRate | undefined): number {
  if (rate === 'KCT') return -2;
  if (rate === 'KKKNT') return -1;
  return rate ?? -2;
}

function startOfDayMillis(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00+07:00`);
}

interface ViettelResult {
  errorCode?: string | null;
  description?: string | null;
  result?: { invoiceNo?: string; transactionID?: string; reservationCode?: string } | null;
}

interface ViettelSearchResult {
  errorCode?: string | null;
  result?: { invoiceNo?: string; reservationCode?: string; issueDate?: number }[] | null;
}

/**
 * The body of `createInvoice`, shaped after Viettel's published JSON API (generalInvoiceInfo,
 * buyerInfo, sellerInfo, payments, itemInfo, summarizeInfo, taxBreakdowns). Adjustment amounts
 * are sent as magnitudes with `isIncreaseItem`, the way Viettel expects them.
 */
export function viettelInvoiceBody(
  document: InvoiceDocument,
  transactionId: string,
  templateCode: string,
  related?: { invoiceNo: string },
) {
  const adjustment = document.related?.relation === 'adjusts';
  const adjustmentType = !document.related ? '1' : adjustment ? '3' : '5';
  const total = document.totals;
  return {
    generalInvoiceInfo: {
      invoiceType: String(document.formNumber),
      templateCode,
      invoiceSeries: document.symbol,
      currencyCode: 'VND',
      exchangeRate: 1,
      adjustmentType,
      paymentStatus: true,
      cusGetInvoiceRight: true,
      transactionUuid: transactionId,
      invoiceIssuedDate: startOfDayMillis(document.issueDate),
      ...(document.related
        ? {
            originalInvoiceId: related?.invoiceNo ?? `${document.related.symbol}${document.related.number}`,
            originalInvoiceIssueDate: startOfDayMillis(document.related.issueDate),
            originalTemplateCode: templateCode,
            adjustmentInvoiceType: adjustment ? '1' : undefined,
            additionalReferenceDesc: document.related.note ?? (adjustment ? 'Điều chỉnh hóa đơn' : 'Thay thế hóa đơn'),
            additionalReferenceDate: startOfDayMillis(document.issueDate),
          }
        : {}),
    },
    buyerInfo: {
      buyerName: document.buyer.name,
      ...(document.buyer.taxCode ? { buyerLegalName: document.buyer.name, buyerTaxCode: document.buyer.taxCode } : {}),
      buyerAddressLine: document.buyer.address ?? '',
      buyerEmail: document.buyer.email ?? '',
      buyerPhoneNumber: document.buyer.phone ?? '',
    },
    sellerInfo: {
      sellerLegalName: document.seller.name,
      sellerTaxCode: document.seller.taxCode,
      sellerAddressLine: document.seller.address,
      sellerPhoneNumber: document.seller.phone ?? '',
      sellerEmail: document.seller.email ?? '',
    },
    payments: [{ paymentMethodName: document.paymentMethod }],
    itemInfo: document.lines.map((line) =>
      line.nature === 4
        ? { lineNumber: line.lineNumber, selection: 2, itemName: line.name }
        : {
            lineNumber: line.lineNumber,
            selection: 1,
            itemCode: line.itemCode ?? '',
            itemName: line.name,
            unitName: line.unit ?? '',
            unitPrice: Math.abs(line.unitPrice ?? 0),
            quantity: Math.abs(line.quantity ?? 0),
            itemTotalAmountWithoutTax: Math.abs(line.amount ?? 0),
            taxPercentage: document.formNumber === 1 ? taxPercentage(line.vatRate) : undefined,
            taxAmount:
              document.formNumber === 1 && typeof line.vatRate === 'number'
                ? Math.round((Math.abs(line.amount ?? 0) * line.vatRate) / 100)
                : 0,
            ...(adjustment ? { isIncreaseItem: (line.amount ?? 0) >= 0 } : {}),
          },
    ),
    summarizeInfo: {
      sumOfTotalLineAmountWithoutTax: Math.abs(total.totalBeforeVat),
      totalAmountWithoutTax: Math.abs(total.totalBeforeVat),
      totalTaxAmount: Math.abs(total.totalVat),
      totalAmountWithTax: Math.abs(total.totalPayable),
      totalAmountWithTaxInWords: total.amountInWords,
      ...(adjustment ? { isTotalAmountPos: total.totalPayable >= 0, isTotalTaxAmountPos: total.totalVat >= 0 } : {}),
    },
    taxBreakdowns: total.byRate.map((row) => ({
      taxPercentage: taxPercentage(row.rate),
      taxableAmount: Math.abs(row.taxableAmount),
      taxAmount: Math.abs(row.vatAmount),
      ...(adjustment ? { taxableAmountPos: row.taxableAmount >= 0, taxAmountPos: row.vatAmount >= 0 } : {}),
    })),
  };
}

/**
 * Viettel S-Invoice over its REST API: log in for a bearer token, look the transaction up by
 * `transactionUuid` first (so a retry after a lost answer finds the invoice instead of making a
 * second one), then `createInvoice`. Viettel numbers the invoice and returns `invoiceNo`.
 */
export class ViettelInvoiceProvider implements EInvoiceProvider {
  readonly name = 'viettel' as const;
  readonly numbersLocally = false;

  async issue({ transactionId, document, connection }: ProviderIssueRequest): Promise<ProviderIssueResult> {
    const base = (connection.baseUrl ?? VIETTEL_DEFAULT_BASE_URL).replace(/\/+$/, '');
    const username = requireCredential(connection.credentials, 'username', NAME);
    const password = requireCredential(connection.credentials, 'password', NAME);
    const supplierTaxCode = document.seller.taxCode;

    const login = await callProvider(
      NAME,
      `${base}/auth/login`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      },
      connection.timeoutMs,
    );
    if (!login.ok) throw new ProviderError(`${NAME} từ chối đăng nhập (HTTP ${login.status})`, false);
    const token = ((await login.json()) as { access_token?: string }).access_token;
    if (!token) throw new ProviderError(`${NAME} không trả về mã truy cập`, true);
    const auth = { authorization: `Bearer ${token}` };

    const search = await callProvider(
      NAME,
      `${base}${SERVICE}/searchInvoiceByTransactionUuid`,
      {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: new URLSearchParams({ supplierTaxCode, transactionUuid: transactionId }).toString(),
      },
      connection.timeoutMs,
    );
    if (search.ok) {
      const found = ((await search.json()) as ViettelSearchResult).result?.[0];
      if (found?.invoiceNo) {
        return {
          number: numberFromInvoiceNo(found.invoiceNo, document.symbol),
          symbol: document.symbol,
          issueDate: found.issueDate ? businessDate(new Date(found.issueDate)) : document.issueDate,
          providerTransactionId: transactionId,
          providerReference: found.reservationCode ?? null,
          xml: null,
          signed: true,
        };
      }
    }

    const created = await callProvider(
      NAME,
      `${base}${SERVICE}/createInvoice/${encodeURIComponent(supplierTaxCode)}`,
      {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(viettelInvoiceBody(document, transactionId, connection.templateCode)),
      },
      connection.timeoutMs,
    );
    const body = (await created.json().catch(() => ({}))) as ViettelResult;
    if (!created.ok || body.errorCode || !body.result?.invoiceNo) {
      const code = body.errorCode ? ` (${String(body.errorCode).slice(0, 60)})` : ` (HTTP ${created.status})`;
      throw new ProviderError(`${NAME} không lập được hóa đơn${code}`, false);
    }
    return {
      number: numberFromInvoiceNo(body.result.invoiceNo, document.symbol),
      symbol: document.symbol,
      issueDate: document.issueDate,
      providerTransactionId: body.result.transactionID ?? transactionId,
      providerReference: body.result.reservationCode ?? null,
      xml: null,
      signed: true,
    };
  }
}
