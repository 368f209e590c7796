import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
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

// DejaVu ships in an npm package, so the PDF has Vietnamese glyphs on any machine without system fonts.
const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const ITALIC = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf');

const MARGIN = 40;
const PAGE_WIDTH = 595.28;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

interface Column {
  title: string;
  width: number;
  align: 'left' | 'center' | 'right';
}

/** The same content as the HTML copy, on A4, with the fonts embedded (subset) so it prints anywhere. */
export function renderInvoicePdf(view: InvoiceView): Promise<Buffer> {
  const { document } = view;
  const vat = document.formNumber === 1;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `${TITLES[document.formNumber]} ${symbolLabel(document)} số ${numberLabel(document)}`,
      Author: document.seller.name,
      Subject: 'Bản thể hiện của hóa đơn điện tử',
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', REGULAR);
  pdf.registerFont('bold', BOLD);
  pdf.registerFont('italic', ITALIC);

  // Header: title on the left, form/symbol/number on the right.
  const top = pdf.y;
  pdf
    .font('bold')
    .fontSize(16)
    .fillColor('#a61b1b')
    .text(TITLES[document.formNumber] ?? '', MARGIN, top, { width: 330 });
  pdf.font('italic').fontSize(9).fillColor('#444').text('Bản thể hiện của hóa đơn điện tử', { width: 330 });
  pdf.text(dateLine(document.issueDate), { width: 330 });
  const relation = relationLine(document);
  if (relation) pdf.font('bold').fillColor('#1a1a1a').text(relation, { width: 330 });
  const leftBottom = pdf.y;
  pdf.font('regular').fontSize(10).fillColor('#1a1a1a');
  pdf.text(`Mẫu số - Ký hiệu: ${symbolLabel(document)}`, MARGIN + 340, top, {
    width: CONTENT_WIDTH - 340,
    align: 'right',
  });
  pdf.text(`Số: ${numberLabel(document)}`, { width: CONTENT_WIDTH - 340, align: 'right' });
  pdf.y = Math.max(leftBottom, pdf.y) + 8;
  pdf.x = MARGIN;

  const note = STATUS_NOTES[view.status];
  if (note) {
    pdf.font('bold').fontSize(10).fillColor('#b45309').text(note, MARGIN, pdf.y, { width: CONTENT_WIDTH });
    pdf.moveDown(0.5);
  }

  const field = (label: string, value: string | undefined) => {
    if (!value) return;
    pdf
      .font('regular')
      .fontSize(10)
      .fillColor('#555')
      .text(`${label}: `, MARGIN, pdf.y, { continued: true, width: CONTENT_WIDTH });
    pdf.fillColor('#1a1a1a').text(value);
  };
  field('Đơn vị bán hàng', document.seller.name);
  field('Mã số thuế', formatTaxCode(document.seller.taxCode));
  field('Địa chỉ', document.seller.address);
  field('Điện thoại', document.seller.phone);
  pdf.moveDown(0.5);
  field(document.buyer.taxCode ? 'Tên đơn vị mua hàng' : 'Họ tên người mua hàng', document.buyer.name);
  field('Mã số thuế', document.buyer.taxCode ? formatTaxCode(document.buyer.taxCode) : undefined);
  field('Địa chỉ', document.buyer.address);
  field('Hình thức thanh toán', document.paymentMethod);
  field('Đơn vị tiền tệ', 'VND');
  pdf.moveDown(0.8);

  const columns: Column[] = [
    { title: 'STT', width: 30, align: 'center' },
    { title: 'Tên hàng hóa, dịch vụ', width: vat ? 170 : 215, align: 'left' },
    { title: 'ĐVT', width: 45, align: 'center' },
    { title: 'Số lượng', width: 55, align: 'right' },
    { title: 'Đơn giá', width: 70, align: 'right' },
    { title: 'Thành tiền', width: 80, align: 'right' },
    ...(vat ? [{ title: 'Thuế suất', width: 65, align: 'center' } as Column] : []),
  ];
  const row = (cells: string[], font: 'regular' | 'bold' | 'italic', shade = false, layout: Column[] = columns) => {
    pdf.font(font).fontSize(9);
    const heights = cells.map((cell, i) => pdf.heightOfString(cell, { width: (layout[i]?.width ?? 0) - 8 }));
    const height = Math.max(...heights) + 8;
    if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
    const y = pdf.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const width = layout[i]?.width ?? 0;
      if (shade) pdf.rect(x, y, width, height).fill('#f3f4f6');
      pdf.rect(x, y, width, height).lineWidth(0.5).stroke('#9ca3af');
      pdf.fillColor('#1a1a1a').text(cell, x + 4, y + 4, { width: width - 8, align: layout[i]?.align ?? 'left' });
      x += width;
    });
    pdf.x = MARGIN;
    pdf.y = y + height;
  };
  row(
    columns.map((c) => c.title),
    'bold',
    true,
  );
  for (const line of document.lines) {
    if (line.nature === 4) {
      const cells = [String(line.lineNumber), line.name, ...columns.slice(2).map(() => '')];
      row(cells, 'italic');
      continue;
    }
    row(
      [
        String(line.lineNumber),
        line.name,
        line.unit ?? '',
        quantity(line.quantity),
        price(line.unitPrice),
        money(line.amount),
        ...(vat ? [line.vatRate === undefined ? '' : rate(line.vatRate)] : []),
      ],
      'regular',
    );
  }
  pdf.moveDown(0.8);

  const summary: Column[] = [
    { title: 'Tổng hợp theo thuế suất', width: CONTENT_WIDTH - 250, align: 'right' },
    { title: 'Thành tiền trước thuế', width: 125, align: 'right' },
    { title: 'Tiền thuế GTGT', width: 125, align: 'right' },
  ];
  const totals: Column[] = [
    { title: '', width: CONTENT_WIDTH - 250, align: 'right' },
    { title: '', width: 250, align: 'right' },
  ];
  if (vat) {
    row(
      summary.map((c) => c.title),
      'bold',
      true,
      summary,
    );
    for (const r of document.totals.byRate)
      row([`Thuế suất ${rate(r.rate)}`, money(r.taxableAmount), money(r.vatAmount)], 'regular', false, summary);
    row(['Cộng tiền hàng', money(document.totals.totalBeforeVat)], 'regular', false, totals);
    row(['Tiền thuế GTGT', money(document.totals.totalVat)], 'regular', false, totals);
  }
  row(['Tổng cộng tiền thanh toán', money(document.totals.totalPayable)], 'bold', false, totals);
  pdf.moveDown(0.5);
  pdf
    .font('regular')
    .fontSize(10)
    .fillColor('#555')
    .text('Số tiền viết bằng chữ: ', MARGIN, pdf.y, { continued: true, width: CONTENT_WIDTH });
  pdf.font('italic').fillColor('#1a1a1a').text(document.totals.amountInWords);
  pdf.moveDown(1.5);

  if (pdf.y + 130 > pdf.page.height - MARGIN) pdf.addPage();
  const footerTop = pdf.y;
  const signatureLines = view.signedBy
    ? [
        'Chữ ký số hợp lệ',
        `Ký bởi: ${view.signedBy}`,
        ...(view.signedAt ? [`Ký ngày: ${displayDateTime(view.signedAt)}`] : []),
      ]
    : view.providerName && view.providerName !== 'builtin'
      ? [
          `Hóa đơn phát hành qua nhà cung cấp ${view.providerName === 'viettel' ? 'Viettel S-Invoice' : 'VNPT Invoice'}`,
          ...(view.providerReference ? [`Mã tra cứu tại nhà cung cấp: ${view.providerReference}`] : []),
        ]
      : ['Hóa đơn chưa có chữ ký số của người bán'];
  pdf
    .font('regular')
    .fontSize(9)
    .fillColor(view.signedBy ? '#15803d' : '#555');
  const signatureText = signatureLines.join('\n');
  const signatureHeight = pdf.heightOfString(signatureText, { width: 250 }) + 12;
  pdf
    .rect(MARGIN, footerTop, 260, signatureHeight)
    .lineWidth(0.8)
    .stroke(view.signedBy ? '#15803d' : '#9ca3af');
  pdf.text(signatureText, MARGIN + 6, footerTop + 6, { width: 250 });

  const qr = qrModules(document.lookupUrl);
  const cell = 80 / qr.size;
  const qrX = MARGIN + CONTENT_WIDTH - 80;
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++) if (qr.dark(r, c)) pdf.rect(qrX + c * cell, footerTop + r * cell, cell, cell);
  }
  pdf.fill('#000');
  pdf.font('regular').fontSize(9).fillColor('#1a1a1a');
  pdf.text(`Mã tra cứu: ${lookupCodeLabel(document)}`, MARGIN + 270, footerTop, {
    width: CONTENT_WIDTH - 360,
    align: 'right',
  });
  pdf.text(`Tra cứu tại: ${document.lookupUrl}`, { width: CONTENT_WIDTH - 360, align: 'right' });

  pdf.end();
  return finished;
}
