import { displayDateTime } from '../business-date.js';
import { formatTaxCode } from '../xml/invoice-xml.js';
import {
  dateLine,
  type InvoiceView,
  lookupCodeLabel,
  money,
  numberLabel,
  price,
  qrModules,
  quantity,
  rate,
  relationLine,
  STATUS_NOTES,
  symbolLabel,
  TITLES,
} from './invoice-view.js';

function escape(value: string | number | undefined | null): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function qrSvg(text: string): string {
  const qr = qrModules(text);
  const cells: string[] = [];
  for (let row = 0; row < qr.size; row++) {
    for (let column = 0; column < qr.size; column++) if (qr.dark(row, column)) cells.push(`M${column} ${row}h1v1h-1z`);
  }
  const box = qr.size + 8;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 ${box} ${box}" width="112" height="112" role="img" aria-label="Mã QR tra cứu">` +
    `<rect x="-4" y="-4" width="${box}" height="${box}" fill="#fff"/><path d="${cells.join('')}" fill="#000"/></svg>`
  );
}

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: "Be Vietnam Pro", "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1a1a1a; margin: 0; background: #f3f4f6; }
  main { max-width: 820px; margin: 24px auto; background: #fff; padding: 32px 40px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  header { display: flex; justify-content: space-between; gap: 24px; align-items: flex-start; }
  h1 { font-size: 22px; margin: 0 0 4px; color: #a61b1b; letter-spacing: .02em; }
  .sub { margin: 0; font-style: italic; color: #555; }
  .meta { text-align: right; line-height: 1.6; white-space: nowrap; }
  .notice { margin: 16px 0; padding: 10px 14px; border-left: 4px solid #b45309; background: #fffbeb; }
  .relation { margin: 12px 0 0; font-weight: 600; }
  section.party { margin-top: 18px; line-height: 1.7; }
  section.party p { margin: 0; }
  .label { color: #555; }
  table { width: 100%; border-collapse: collapse; margin-top: 18px; font-size: 14px; }
  th, td { border: 1px solid #9ca3af; padding: 6px 8px; vertical-align: top; }
  th { background: #f3f4f6; font-weight: 600; }
  td.num { text-align: right; white-space: nowrap; }
  td.center { text-align: center; }
  tr.note td { font-style: italic; }
  .totals td:first-child { text-align: right; }
  .words { margin-top: 12px; }
  footer { display: flex; justify-content: space-between; gap: 24px; margin-top: 28px; align-items: flex-end; }
  .signature { border: 1px solid #15803d; color: #15803d; padding: 8px 12px; max-width: 380px; }
  .signature.none { border-color: #9ca3af; color: #555; }
  .lookup { font-size: 14px; line-height: 1.6; }
  .code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 16px; font-weight: 700; letter-spacing: .08em; }
  @media print { body { background: #fff; } main { box-shadow: none; margin: 0; max-width: none; padding: 0; } }
`;

/** A printable, self-contained page (no scripts, no external resources) in Vietnamese. */
export function renderInvoiceHtml(view: InvoiceView): string {
  const { document } = view;
  const vat = document.formNumber === 1;
  const rows = document.lines
    .map((line) =>
      line.nature === 4
        ? `<tr class="note"><td class="center">${line.lineNumber}</td><td colspan="${vat ? 6 : 5}">${escape(line.name)}</td></tr>`
        : `<tr><td class="center">${line.lineNumber}</td><td>${escape(line.name)}</td><td class="center">${escape(line.unit)}</td>` +
          `<td class="num">${quantity(line.quantity)}</td><td class="num">${price(line.unitPrice)}</td>` +
          `<td class="num">${money(line.amount)}</td>${vat ? `<td class="center">${line.vatRate === undefined ? '' : rate(line.vatRate)}</td>` : ''}</tr>`,
    )
    .join('');
  const byRate = vat
    ? document.totals.byRate
        .map(
          (row) =>
            `<tr><td>Thuế suất ${rate(row.rate)}</td><td class="num">${money(row.taxableAmount)}</td><td class="num">${money(row.vatAmount)}</td></tr>`,
        )
        .join('')
    : '';
  const note = STATUS_NOTES[view.status];
  const relation = relationLine(document);
  const signature = view.signedBy
    ? `<div class="signature"><strong>Chữ ký số hợp lệ</strong><br>Ký bởi: ${escape(view.signedBy)}` +
      `${view.signedAt ? `<br>Ký ngày: ${escape(displayDateTime(view.signedAt))}` : ''}</div>`
    : view.providerName && view.providerName !== 'builtin'
      ? `<div class="signature">Hóa đơn phát hành qua nhà cung cấp ${escape(view.providerName === 'viettel' ? 'Viettel S-Invoice' : 'VNPT Invoice')}` +
        `${view.providerReference ? `<br>Mã tra cứu tại nhà cung cấp: ${escape(view.providerReference)}` : ''}</div>`
      : `<div class="signature none">Hóa đơn chưa có chữ ký số của người bán</div>`;

  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(TITLES[document.formNumber])} ${escape(symbolLabel(document))} số ${escape(numberLabel(document))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
  <header>
    <div>
      <h1>${escape(TITLES[document.formNumber])}</h1>
      <p class="sub">Bản thể hiện của hóa đơn điện tử</p>
      <p class="sub">${escape(dateLine(document.issueDate))}</p>
      ${relation ? `<p class="relation">${escape(relation)}</p>` : ''}
    </div>
    <div class="meta">
      <div><span class="label">Mẫu số - Ký hiệu:</span> <strong>${escape(symbolLabel(document))}</strong></div>
      <div><span class="label">Số:</span> <strong>${escape(numberLabel(document))}</strong></div>
    </div>
  </header>
  ${note ? `<div class="notice">${escape(note)}</div>` : ''}
  <section class="party">
    <p><span class="label">Đơn vị bán hàng:</span> <strong>${escape(document.seller.name)}</strong></p>
    <p><span class="label">Mã số thuế:</span> ${escape(formatTaxCode(document.seller.taxCode))}</p>
    <p><span class="label">Địa chỉ:</span> ${escape(document.seller.address)}</p>
    ${document.seller.phone ? `<p><span class="label">Điện thoại:</span> ${escape(document.seller.phone)}</p>` : ''}
  </section>
  <section class="party">
    <p><span class="label">${document.buyer.taxCode ? 'Tên đơn vị mua hàng' : 'Họ tên người mua hàng'}:</span> <strong>${escape(document.buyer.name)}</strong></p>
    ${document.buyer.taxCode ? `<p><span class="label">Mã số thuế:</span> ${escape(formatTaxCode(document.buyer.taxCode))}</p>` : ''}
    ${document.buyer.address ? `<p><span class="label">Địa chỉ:</span> ${escape(document.buyer.address)}</p>` : ''}
    <p><span class="label">Hình thức thanh toán:</span> ${escape(document.paymentMethod)}</p>
    <p><span class="label">Đơn vị tiền tệ:</span> VND</p>
  </section>
  <table>
    <thead><tr><th>STT</th><th>Tên hàng hóa, dịch vụ</th><th>Đơn vị tính</th><th>Số lượng</th><th>Đơn giá</th><th>Thành tiền</th>${vat ? '<th>Thuế suất</th>' : ''}</tr></thead>
    <tbody>${rows}</tbody>
  </table>
  <table class="totals">
    ${vat ? `<thead><tr><th>Tổng hợp theo thuế suất</th><th>Thành tiền trước thuế</th><th>Tiền thuế GTGT</th></tr></thead><tbody>${byRate}` : '<tbody>'}
    ${vat ? `<tr><td>Cộng tiền hàng</td><td class="num" colspan="2">${money(document.totals.totalBeforeVat)}</td></tr>` : ''}
    ${vat ? `<tr><td>Tiền thuế GTGT</td><td class="num" colspan="2">${money(document.totals.totalVat)}</td></tr>` : ''}
    <tr><td><strong>Tổng cộng tiền thanh toán</strong></td><td class="num" colspan="2"><strong>${money(document.totals.totalPayable)}</strong></td></tr>
    </tbody>
  </table>
  <p class="words"><span class="label">Số tiền viết bằng chữ:</span> <em>${escape(document.totals.amountInWords)}</em></p>
  <footer>
    ${signature}
    <div class="lookup">
      ${qrSvg(document.lookupUrl)}
      <div>Mã tra cứu: <span class="code">${escape(lookupCodeLabel(document))}</span></div>
      <div>Tra cứu tại: <a href="${escape(document.lookupUrl)}">${escape(document.lookupUrl)}</a></div>
    </div>
  </footer>
</main>
</body>
</html>`;
}
