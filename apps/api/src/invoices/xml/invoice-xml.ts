import { create } from 'xmlbuilder2';
import type { InvoiceDocument, InvoiceLine } from '../invoice-model.js';
import { vatRateLabel } from '../invoice-model.js';

type XMLBuilder = ReturnType<typeof create>;

/** Format version of QĐ 1271/QĐ-CT (2025); 2.0.0 and 2.0.1 were the 1450/1510 versions. */
export const XML_FORMAT_VERSION = '2.1.0';
/** Value of `DLHDon/@Id`, the target of the seller signature's first reference. */
export const SIGNED_DATA_ID = 'DLHDon';

const INVOICE_NAMES: Record<number, string> = { 1: 'Hóa đơn giá trị gia tăng', 2: 'Hóa đơn bán hàng' };

/** `0102182292998` → `0102182292-998`, the way a branch's tax code is written on invoices. */
export function formatTaxCode(taxCode: string): string {
  const digits = taxCode.replace(/\D/g, '');
  return digits.length === 13 ? `${digits.slice(0, 10)}-${digits.slice(10)}` : digits;
}

/** Plain decimal, no grouping, no exponent, at most 6 decimals (the format's limit). */
function decimal(value: number): string {
  const fixed = value.toFixed(6).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/** Optional elements with no value are left out, as the decision recommends. */
function leaf(parent: XMLBuilder, name: string, value: string | number | undefined | null): void {
  if (value === undefined || value === null || value === '') return;
  parent.ele(name).txt(typeof value === 'number' ? decimal(value) : value);
}

function writeLine(parent: XMLBuilder, line: InvoiceLine, formNumber: number): void {
  const item = parent.ele('HHDVu');
  leaf(item, 'TChat', line.nature);
  leaf(item, 'STT', line.lineNumber);
  leaf(item, 'MHHDVu', line.itemCode);
  leaf(item, 'THHDVu', line.name);
  if (line.nature === 4) return; // a note line carries no unit, amount or rate
  leaf(item, 'DVTinh', line.unit);
  leaf(item, 'SLuong', line.quantity);
  leaf(item, 'DGia', line.unitPrice);
  leaf(item, 'ThTien', line.amount ?? 0);
  if (formNumber === 1 && line.vatRate !== undefined) leaf(item, 'TSuat', vatRateLabel(line.vatRate));
}

/**
 * Writes `HDon` as the seller sends it (no `MCCQT`, no tax-authority signature): element order of
 * the decision's tables, no whitespace between tags (it must be stripped before signing anyway),
 * and an empty `DSCKS/NBan` where the seller's signature goes.
 */
export function buildInvoiceXml(document: InvoiceDocument): string {
  const { formNumber, totals } = document;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('HDon');
  const data = root.ele('DLHDon', { Id: SIGNED_DATA_ID });

  const general = data.ele('TTChung');
  leaf(general, 'PBan', XML_FORMAT_VERSION);
  leaf(general, 'THDon', INVOICE_NAMES[formNumber]);
  leaf(general, 'KHMSHDon', String(formNumber));
  leaf(general, 'KHHDon', document.symbol);
  leaf(general, 'SHDon', document.number);
  leaf(general, 'NLap', document.issueDate);
  if (formNumber === 1) leaf(general, 'HDCTTChinh', 0);
  if (formNumber === 2) leaf(general, 'HDDCKPTQuan', 0);
  leaf(general, 'DVTTe', document.currency);
  leaf(general, 'HTTToan', document.paymentMethod);
  leaf(general, 'MSTTCGP', formatTaxCode(document.solutionProviderTaxCode));
  if (document.related) {
    const related = general.ele('TTHDLQuan');
    leaf(related, 'TCHDon', document.related.relation === 'replaces' ? 1 : 2);
    leaf(related, 'LHDCLQuan', 1);
    leaf(related, 'KHMSHDCLQuan', String(document.related.formNumber));
    leaf(related, 'KHHDCLQuan', document.related.symbol);
    leaf(related, 'SHDCLQuan', String(document.related.number));
    leaf(related, 'NLHDCLQuan', document.related.issueDate);
    leaf(related, 'GChu', document.related.note?.slice(0, 255));
  }
  const extra = general.ele('TTKhac').ele('TTin');
  leaf(extra, 'TTruong', 'Mã tra cứu');
  leaf(extra, 'KDLieu', 'string');
  leaf(extra, 'DLieu', document.lookupCode);

  const content = data.ele('NDHDon');
  const seller = content.ele('NBan');
  leaf(seller, 'Ten', document.seller.name);
  leaf(seller, 'MST', formatTaxCode(document.seller.taxCode));
  leaf(seller, 'DChi', document.seller.address);
  leaf(seller, 'SDThoai', document.seller.phone);
  leaf(seller, 'DCTDTu', document.seller.email);

  const buyer = content.ele('NMua');
  leaf(buyer, 'Ten', document.buyer.name);
  leaf(buyer, 'MST', document.buyer.taxCode ? formatTaxCode(document.buyer.taxCode) : undefined);
  leaf(buyer, 'DChi', document.buyer.address);
  leaf(buyer, 'SDThoai', document.buyer.phone);
  leaf(buyer, 'DCTDTu', document.buyer.email);

  const items = content.ele('DSHHDVu');
  for (const line of document.lines) writeLine(items, line, formNumber);

  const payment = content.ele('TToan');
  if (formNumber === 1) {
    const byRate = payment.ele('THTTLTSuat');
    for (const row of totals.byRate) {
      const rate = byRate.ele('LTSuat');
      leaf(rate, 'TSuat', vatRateLabel(row.rate));
      leaf(rate, 'ThTien', row.taxableAmount);
      leaf(rate, 'TThue', row.vatAmount);
    }
    leaf(payment, 'TgTCThue', totals.totalBeforeVat);
    leaf(payment, 'TgTThue', totals.totalVat);
  }
  leaf(payment, 'TgTTTBSo', totals.totalPayable);
  leaf(payment, 'TgTTTBChu', totals.amountInWords);

  root.ele('DSCKS').ele('NBan');
  return root.end({ prettyPrint: false });
}
