import { signInvoiceXml } from '../xml/xml-signature.js';
import { buildInvoiceXml } from '../xml/invoice-xml.js';
import type { EInvoiceProvider, ProviderIssueRequest, ProviderIssueResult } from './invoice-provider.js';

/**
 * Writes and signs the invoice itself: the default that runs with nothing but Node. The number was
 * assigned in the same database transaction, so there is nothing to be idempotent about here.
 */
export class BuiltinInvoiceProvider implements EInvoiceProvider {
  readonly name = 'builtin' as const;
  readonly numbersLocally = true;

  async issue({ transactionId, document, signing, now }: ProviderIssueRequest): Promise<ProviderIssueResult> {
    if (document.number === null) throw new Error('The built-in provider needs the number assigned before issuing');
    const unsigned = buildInvoiceXml(document);
    const xml = signing ? signInvoiceXml(unsigned, signing, now) : unsigned;
    return {
      number: document.number,
      symbol: document.symbol,
      issueDate: document.issueDate,
      providerTransactionId: transactionId,
      providerReference: null,
      xml,
      signed: signing !== null,
    };
  }
}
