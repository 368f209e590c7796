import { XMLParser } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import type { InvoiceDocument } from '../invoice-model.js';
import { vatRateLabel } from '../invoice-model.js';
import { formatTaxCode } from '../xml/invoice-xml.js';
import {
  callProvider,
  type EInvoiceProvider,
  ProviderError,
  type ProviderIssueRequest,
  type ProviderIssueResult,
  requireCredential,
} from './invoice-provider.js';

const NAME = 'VNPT Invoice';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const TEMPURI = 'http://tempuri.org/';

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'Item',
});

type XMLBuilder = ReturnType<typeof create>;

function leaf(parent: XMLBuilder, name: string, value: string | number | undefined): void {
  if (value === undefined || value === '') return;
  parent.ele(name).txt(String(value));
}

/** `2026-03-15` → `15/03/2026`, VNPT's date format. */
function vnptDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * `xmlInvData` of VNPT's Circular-78 import: `Invoices/Inv` with the `key` (fkey, our transaction id)
 * and an `Invoice` whose buyer fields are VNPT's (`CusName`, `CusTaxCode`…) and whose lines and totals
 * use the circular's tags (`HHDVu`, `THTTLTSuat`, `TgTTTBSo`…).
 */
export function vnptInvoiceData(document: InvoiceDocument, fkey: string): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('Invoices');
  const inv = root.ele('Inv');
  leaf(inv, 'key', fkey);
  const invoice = inv.ele('Invoice');
  leaf(invoice, 'CusName', document.buyer.name);
  leaf(invoice, 'CusTaxCode', document.buyer.taxCode ? formatTaxCode(document.buyer.taxCode) : undefined);
  leaf(invoice, 'CusAddress', document.buyer.address);
  leaf(invoice, 'CusPhone', document.buyer.phone);
  leaf(invoice, 'CusEmail', document.buyer.email);
  leaf(invoice, 'PaymentMethod', document.paymentMethod);
  leaf(invoice, 'ArisingDate', vnptDate(document.issueDate));
  leaf(invoice, 'CurrencyUnit', 'VND');
  const items = invoice.ele('DSHHDVu');
  for (const line of document.lines) {
    const item = items.ele('HHDVu');
    leaf(item, 'TChat', line.nature);
    leaf(item, 'STT', line.lineNumber);
    leaf(item, 'MHHDVu', line.itemCode);
    leaf(item, 'THHDVu', line.name);
    if (line.nature === 4) continue;
    leaf(item, 'DVTinh', line.unit);
    leaf(item, 'SLuong', line.quantity);
    leaf(item, 'DGia', line.unitPrice);
    leaf(item, 'ThTien', line.amount);
    if (document.formNumber === 1 && line.vatRate !== undefined) leaf(item, 'TSuat', vatRateLabel(line.vatRate));
  }
  if (document.formNumber === 1) {
    const byRate = invoice.ele('THTTLTSuat');
    for (const row of document.totals.byRate) {
      const rate = byRate.ele('LTSuat');
      leaf(rate, 'TSuat', vatRateLabel(row.rate));
      leaf(rate, 'ThTien', row.taxableAmount);
      leaf(rate, 'TThue', row.vatAmount);
    }
    leaf(invoice, 'TgTCThue', document.totals.totalBeforeVat);
    leaf(invoice, 'TgTThue', document.totals.totalVat);
  }
  leaf(invoice, 'TgTTTBSo', document.totals.totalPayable);
  leaf(invoice, 'TgTTTBChu', document.totals.amountInWords);
  if (document.related) leaf(invoice, 'GChu', document.related.note);
  return root.end({ prettyPrint: false });
}

function envelope(method: string, params: Record<string, string>): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(SOAP_NS, 'soap:Envelope').ele(SOAP_NS, 'soap:Body');
  const call = root.ele(TEMPURI, method);
  for (const [name, value] of Object.entries(params)) call.ele(TEMPURI, name).txt(value);
  return root.end({ prettyPrint: false });
}

/**
 * VNPT Invoice over SOAP 1.1 (`PublishService.asmx`, `PortalService.asmx`, `BusinessService.asmx`).
 * The fkey is our transaction id: before publishing, the adapter asks the portal whether an invoice
 * with that fkey exists, and a duplicate-fkey answer is read as "already issued" and looked up.
 */
export class VnptInvoiceProvider implements EInvoiceProvider {
  readonly name = 'vnpt' as const;
  readonly numbersLocally = false;

  async issue({
    transactionId,
    document,
    connection,
    relatedTransactionId,
  }: ProviderIssueRequest): Promise<ProviderIssueResult> {
    if (!connection.baseUrl) throw new ProviderError(`Chưa cấu hình địa chỉ dịch vụ ${NAME}`, false);
    const base = connection.baseUrl.replace(/\/+$/, '');
    const credentials = {
      Account: requireCredential(connection.credentials, 'account', NAME),
      ACpass: requireCredential(connection.credentials, 'accountPassword', NAME),
      username: requireCredential(connection.credentials, 'username', NAME),
      password: requireCredential(connection.credentials, 'password', NAME),
    };
    const fkey = transactionId;
    const call = async (service: string, method: string, params: Record<string, string>): Promise<string> => {
      const response = await callProvider(
        NAME,
        `${base}/${service}.asmx`,
        {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${TEMPURI}${method}"` },
          body: envelope(method, params),
        },
        connection.timeoutMs,
      );
      if (!response.ok) throw new ProviderError(`${NAME} trả lỗi HTTP ${response.status}`, false);
      const parsed = parser.parse(await response.text());
      const result = parsed?.Envelope?.Body?.[`${method}Response`]?.[`${method}Result`];
      if (typeof result !== 'string') throw new ProviderError(`${NAME} trả lời không đúng định dạng`, true);
      return result;
    };

    const existing = await this.findByFkey(call, fkey, credentials, document);
    if (existing) return existing;

    const xmlInvData = vnptInvoiceData(document, fkey);
    const common = { pattern: connection.templateCode, serial: document.symbol, convert: '0' };
    let result: string;
    if (document.related && relatedTransactionId) {
      const method = document.related.relation === 'replaces' ? 'replaceInv' : 'adjustInv';
      result = await call('BusinessService', method, {
        Account: credentials.Account,
        ACpass: credentials.ACpass,
        xmlInvData,
        username: credentials.username,
        pass: credentials.password,
        fkey: relatedTransactionId,
        AttachFile: '',
        ...common,
      });
    } else {
      result = await call('PublishService', 'ImportAndPublishInv', { ...credentials, xmlInvData, ...common });
    }
    if (result === 'ERR:13') {
      // Duplicate fkey: a previous call went through but its answer was lost.
      const found = await this.findByFkey(call, fkey, credentials, document);
      if (found) return found;
    }
    const match = /^OK:[^;]*;([A-Z0-9]+)-([^_]+)_(\d+)/.exec(result);
    if (!match) throw new ProviderError(`${NAME} không phát hành được hóa đơn (${result.slice(0, 40)})`, false);
    return {
      number: Number(match[3]),
      symbol: match[1] ?? document.symbol,
      issueDate: document.issueDate,
      providerTransactionId: fkey,
      providerReference: fkey,
      xml: null,
      signed: true,
    };
  }

  private async findByFkey(
    call: (service: string, method: string, params: Record<string, string>) => Promise<string>,
    fkey: string,
    credentials: { username: string; password: string },
    document: InvoiceDocument,
  ): Promise<ProviderIssueResult | null> {
    const answer = await call('PortalService', 'listInvByCusFkey', {
      key: fkey,
      fromDate: '',
      toDate: '',
      userName: credentials.username,
      userPass: credentials.password,
    });
    if (answer.startsWith('ERR')) return null;
    const item = parser.parse(answer)?.Data?.Item?.[0];
    if (!item?.invNum) return null;
    return {
      number: Number(item.invNum),
      symbol: item.serial ?? document.symbol,
      issueDate: document.issueDate,
      providerTransactionId: fkey,
      providerReference: item.invToken ?? fkey,
      xml: null,
      signed: true,
    };
  }
}
