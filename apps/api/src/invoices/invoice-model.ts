/**
 * The vocabulary of e-invoicing shared by the service, the providers and the renderers. Amounts are
 * whole đồng; quantities may carry decimals (kilograms of tea), but every line amount is whole đồng.
 */

export const VAT_RATES = [0, 5, 8, 10, 'KCT', 'KKKNT'] as const;
/** A percentage, `KCT` (not subject to VAT) or `KKKNT` (not declared, not paid). */
export type VatRate = (typeof VAT_RATES)[number];

export function isVatRate(value: unknown): value is VatRate {
  return (VAT_RATES as readonly unknown[]).includes(value);
}

/** How the rate is written in `TSuat`: `10%`, `KCT`. */
export function vatRateLabel(rate: VatRate): string {
  return typeof rate === 'number' ? `${rate}%` : rate;
}

export const INVOICE_STATUSES = ['queued', 'issuing', 'issued', 'failed', 'replaced', 'adjusted', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Statuses of an invoice that exists legally (it has a number and was sent to the buyer). */
export const ISSUED_STATUSES: readonly InvoiceStatus[] = ['issued', 'replaced', 'adjusted'];
/** Statuses of an invoice still owed to the buyer. */
export const WAITING_STATUSES: readonly InvoiceStatus[] = ['queued', 'issuing', 'failed'];

export const INVOICE_PROVIDERS = ['builtin', 'viettel', 'vnpt'] as const;
export type InvoiceProviderName = (typeof INVOICE_PROVIDERS)[number];

export const ISSUE_TRIGGERS = ['on_payment', 'on_delivery'] as const;
export type IssueTrigger = (typeof ISSUE_TRIGGERS)[number];

/** What happened to the order that the orders module reports; compared with the seller's trigger. */
export type SellerOrderEvent = 'paid' | 'delivered';

export const INVOICE_KINDS = ['original', 'adjustment', 'replacement'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export type InvoiceRelation = 'adjusts' | 'replaces';

export const SOURCE_TYPES = ['seller_order'] as const;
export type InvoiceSourceType = (typeof SOURCE_TYPES)[number];

/** Forms the marketplace issues: 1 VAT invoice (credit method), 2 sales invoice (direct method). */
export const FORM_NUMBERS = [1, 2] as const;
export type FormNumber = (typeof FORM_NUMBERS)[number];

export interface InvoiceBuyer {
  /** Person or organisation name; a consumer who gives none is written "Người mua không lấy hóa đơn". */
  name: string;
  taxCode?: string;
  address?: string;
  email?: string;
  phone?: string;
}

export interface InvoiceLineInput {
  name: string;
  unit: string;
  /** Positive on an original invoice; negative on an adjustment that decreases. */
  quantity: number;
  /** Whole đồng, before VAT, unless `priceIncludesVat`. */
  unitPrice: number;
  vatRate: VatRate;
  itemCode?: string;
  /**
   * The price is what the buyer paid, VAT included (shop prices). On a VAT invoice the line is then
   * split into amount before VAT and VAT so that the total payable is exactly what was paid.
   */
  priceIncludesVat?: boolean;
}

/**
 * What the orders module hands over: everything the invoice says about the sale, nothing about how
 * or when it is issued. `sourceId` (the seller order's id) makes the request idempotent.
 */
export interface IssueInvoiceCommand {
  sellerOrganisationId: string;
  sourceType: InvoiceSourceType;
  sourceId: string;
  buyer: InvoiceBuyer;
  lines: InvoiceLineInput[];
  /** Free text written in `HTTToan`, e.g. `TM/CK`, `Chuyển khoản`, `Thanh toán khi nhận hàng`. */
  paymentMethod: string;
  /** When the sale happened (payment or delivery); the invoice is dated when it is issued. */
  issuedAt: Date;
  /** Sets `priceIncludesVat` on every line: the usual case for a shop whose prices include VAT. */
  pricesIncludeVat?: boolean;
}

/** A line as stored and printed: the input plus its position, nature and amount. */
export interface InvoiceLine {
  lineNumber: number;
  /** `TChat`: 1 goods or services, 4 a note (no amounts). */
  nature: 1 | 4;
  itemCode?: string;
  name: string;
  unit?: string;
  quantity?: number;
  unitPrice?: number;
  /** `ThTien`: quantity × unit price, whole đồng, before VAT. */
  amount?: number;
  vatRate?: VatRate;
  /** Stored lines only: `unitPrice` and `amount` include VAT and are split when the invoice is written. */
  priceIncludesVat?: boolean;
  /** Written lines only: the VAT-inclusive amount the line was split from, so that VAT = gross − net. */
  grossAmount?: number;
}

export interface RateTotal {
  rate: VatRate;
  /** `LTSuat/ThTien` */
  taxableAmount: number;
  /** `LTSuat/TThue`; 0 for KCT and KKKNT. */
  vatAmount: number;
}

export interface InvoiceTotals {
  byRate: RateTotal[];
  totalBeforeVat: number;
  totalVat: number;
  totalPayable: number;
  amountInWords: string;
}

export interface SellerParty {
  name: string;
  taxCode: string;
  address: string;
  phone?: string;
  email?: string;
}

export interface RelatedInvoiceRef {
  relation: InvoiceRelation;
  formNumber: number;
  symbol: string;
  number: number;
  /** YYYY-MM-DD */
  issueDate: string;
  note?: string;
}

/** Everything needed to write, print or transmit one invoice. */
export interface InvoiceDocument {
  formNumber: FormNumber;
  symbol: string;
  number: number | null;
  /** `NLap`, YYYY-MM-DD in Asia/Ho_Chi_Minh. */
  issueDate: string;
  currency: 'VND';
  paymentMethod: string;
  /** `MSTTCGP`: tax code of the e-invoice solution's provider. */
  solutionProviderTaxCode: string;
  seller: SellerParty;
  buyer: InvoiceBuyer;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  related?: RelatedInvoiceRef;
  lookupCode: string;
  lookupUrl: string;
}
