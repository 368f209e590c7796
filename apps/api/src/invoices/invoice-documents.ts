import type { EntityManager } from 'typeorm';
import type { Invoice } from './invoice.entity.js';
import type { FormNumber, InvoiceDocument, InvoiceLine, RelatedInvoiceRef, SellerParty } from './invoice-model.js';
import { computeTotals, splitIncludedVat } from './invoice-totals.js';

/**
 * The lines as written on the invoice. A sales invoice (form 2) carries no VAT: the rates are dropped
 * and VAT-inclusive prices are printed as they are. A VAT invoice splits VAT-inclusive prices.
 */
export function linesForForm(lines: InvoiceLine[], formNumber: FormNumber): InvoiceLine[] {
  if (formNumber === 1) return splitIncludedVat(lines);
  return lines.map(({ vatRate: _rate, priceIncludesVat: _included, ...line }) => line);
}

/** The seller as printed: name, tax code and a full address with commune and province. */
export async function sellerParty(manager: EntityManager, organisationId: string): Promise<SellerParty | null> {
  const [row] = (await manager.query(
    `SELECT o.name, o.tax_code, o.street_address, o.contact_phone, o.contact_email, c.name AS commune, p.name AS province
       FROM organisations o
       LEFT JOIN communes c ON c.code = o.commune_code
       LEFT JOIN provinces p ON p.code = c.province_code
      WHERE o.id = $1`,
    [organisationId],
  )) as {
    name: string;
    tax_code: string | null;
    street_address: string;
    contact_phone: string | null;
    contact_email: string | null;
    commune: string | null;
    province: string | null;
  }[];
  if (!row?.tax_code) return null;
  return {
    name: row.name,
    taxCode: row.tax_code,
    address: [row.street_address, row.commune, row.province].filter((part) => part && part.trim()).join(', '),
    ...(row.contact_phone ? { phone: row.contact_phone } : {}),
    ...(row.contact_email ? { email: row.contact_email } : {}),
  };
}

export function relatedRef(invoice: Invoice, related: Invoice | null): RelatedInvoiceRef | undefined {
  if (
    !related ||
    !invoice.relationType ||
    related.number === null ||
    !related.symbol ||
    !related.formNumber ||
    !related.issueDate
  ) {
    return undefined;
  }
  return {
    relation: invoice.relationType,
    formNumber: related.formNumber,
    symbol: related.symbol,
    number: related.number,
    issueDate: related.issueDate,
    ...(invoice.note ? { note: invoice.note } : {}),
  };
}

export interface DocumentParts {
  formNumber: FormNumber;
  symbol: string;
  number: number | null;
  issueDate: string;
  seller: SellerParty;
  related: RelatedInvoiceRef | undefined;
  solutionProviderTaxCode: string | undefined;
  lookupUrl: string;
}

export function toDocument(invoice: Invoice, parts: DocumentParts): InvoiceDocument {
  const lines = linesForForm(invoice.lines, parts.formNumber);
  return {
    formNumber: parts.formNumber,
    symbol: parts.symbol,
    number: parts.number,
    issueDate: parts.issueDate,
    currency: 'VND',
    paymentMethod: invoice.paymentMethod,
    solutionProviderTaxCode: parts.solutionProviderTaxCode ?? parts.seller.taxCode,
    seller: parts.seller,
    buyer: invoice.buyer,
    lines,
    totals: computeTotals(lines, parts.formNumber),
    ...(parts.related ? { related: parts.related } : {}),
    lookupCode: invoice.lookupCode,
    lookupUrl: parts.lookupUrl,
  };
}
