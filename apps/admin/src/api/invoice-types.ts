import type { Schemas } from '@ocop/api-client';

/*
 * The invoices DTOs declare their nullable text, number and date fields without a `type`, so the
 * OpenAPI document (and the generated client) calls them objects. Until the API declares them, the
 * invoice pages use these types, which say what the DTO classes say. Remove once the generated
 * types are right: every use below then compiles against `Schemas` directly.
 */

export type SellerInvoice = Omit<
  Schemas['SellerInvoiceDto'],
  'displaySymbol' | 'number' | 'issueDate' | 'relatedInvoiceId' | 'note' | 'nextAttemptAt' | 'lastError' | 'issuedAt'
> & {
  displaySymbol: string | null;
  number: number | null;
  issueDate: string | null;
  relatedInvoiceId: string | null;
  note: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  issuedAt: string | null;
};

export interface SellerInvoicePage {
  items: SellerInvoice[];
  total: number;
}

export type InvoiceSettings = Omit<
  Schemas['InvoiceSettingsDto'],
  'formNumber' | 'symbol' | 'displaySymbol' | 'providerBaseUrl' | 'providerTemplateCode' | 'certificate' | 'updatedAt'
> & {
  formNumber: number | null;
  symbol: string | null;
  displaySymbol: string | null;
  providerBaseUrl: string | null;
  providerTemplateCode: string | null;
  certificate: Schemas['CertificateDto'] | null;
  updatedAt: string | null;
};

export type InvoiceSettingsInput = Omit<
  Schemas['UpdateInvoiceSettingsDto'],
  'providerBaseUrl' | 'providerTemplateCode' | 'credentials'
> & {
  providerBaseUrl?: string | null;
  providerTemplateCode?: string | null;
  credentials?: Record<string, string> | null;
};

/** The generated body type of the settings route, from the input as the DTO class declares it. */
export function settingsBody(input: InvoiceSettingsInput): Schemas['UpdateInvoiceSettingsDto'] {
  return input as unknown as Schemas['UpdateInvoiceSettingsDto'];
}
