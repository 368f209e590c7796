import QRCode from 'qrcode';
import { displayDate } from '../business-date.js';
import type { InvoiceDocument, InvoiceStatus } from '../invoice-model.js';
import { vatRateLabel } from '../invoice-model.js';
import { formatLookupCode } from '../lookup-code.js';
import { displaySymbol } from '../invoice-symbol.js';

/** What the printable copies show besides the document itself. */
export interface InvoiceView {
  document: InvoiceDocument;
  status: InvoiceStatus;
  signedBy: string | null;
  signedAt: Date | null;
  providerName: string | null;
  providerReference: string | null;
}

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const quantityFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });

const priceFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export const money = (value: number | undefined): string => (value === undefined ? '' : integer.format(value));
/** A unit price before VAT split from a VAT-inclusive price has decimals; the XML keeps all six. */
export const price = (value: number | undefined): string => (value === undefined ? '' : priceFormat.format(value));
export const quantity = (value: number | undefined): string =>
  value === undefined ? '' : quantityFormat.format(value);
export const rate = vatRateLabel;

export const TITLES: Record<number, string> = { 1: 'HÓA ĐƠN GIÁ TRỊ GIA TĂNG', 2: 'HÓA ĐƠN BÁN HÀNG' };

export function dateLine(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `Ngày ${day} tháng ${month} năm ${year}`;
}

export function numberLabel(document: InvoiceDocument): string {
  return document.number === null ? 'Chưa cấp số' : String(document.number).padStart(8, '0');
}

export function symbolLabel(document: InvoiceDocument): string {
  return displaySymbol(document.formNumber, document.symbol);
}

export const lookupCodeLabel = (document: InvoiceDocument): string => formatLookupCode(document.lookupCode);

export function relationLine(document: InvoiceDocument): string | null {
  const related = document.related;
  if (!related) return null;
  const kind = related.relation === 'replaces' ? 'Hóa đơn thay thế' : 'Hóa đơn điều chỉnh';
  return (
    `${kind} cho hóa đơn mẫu số ${related.formNumber}, ký hiệu ${related.symbol}, ` +
    `số ${String(related.number).padStart(8, '0')}, ngày ${displayDate(related.issueDate)}`
  );
}

export const STATUS_NOTES: Partial<Record<InvoiceStatus, string>> = {
  queued: 'Hóa đơn đang chờ phát hành: bản này chưa có giá trị pháp lý.',
  issuing: 'Hóa đơn đang được phát hành: bản này chưa có giá trị pháp lý.',
  failed: 'Hóa đơn chưa phát hành được: người bán đang xử lý.',
  replaced: 'Hóa đơn này đã bị thay thế bởi một hóa đơn khác.',
  adjusted: 'Hóa đơn này đã được điều chỉnh.',
  cancelled: 'Hóa đơn đã hủy, không có giá trị.',
};

/** The lookup QR as a square matrix of dark modules, drawn as vectors by both renderers. */
export function qrModules(text: string): { size: number; dark(row: number, column: number): boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, column) => Boolean(modules.get(row, column)) };
}
