import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LabelSize } from './dto/batch.dto.js';

// DejaVu ships in an npm package, so labels have Vietnamese glyphs (and ★) on a machine without fonts.
const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const CONDENSED = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf');

/**
 * Level M survives a scratched or creased sticker (15 % of the code) while keeping a Digital Link
 * at version 4–5, whose modules stay above half a millimetre even on the smallest label.
 */
const ERROR_CORRECTION = 'M' as const;
/** The standard's quiet zone is four modules; a phone camera needs it to find the code. */
const QUIET_ZONE_MODULES = 4;

export function qrPng(uri: string, width = 512): Promise<Buffer> {
  return QRCode.toBuffer(uri, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: QUIET_ZONE_MODULES,
    width,
  });
}

export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: QUIET_ZONE_MODULES });
}

export interface LabelContent {
  productName: string;
  /** Only a verified, unexpired OCOP rating; null prints no stars. */
  ocopStars: number | null;
  lot: string;
  traceCode: string;
  /** dd/mm/yyyy, or null when the product has no shelf life. */
  expiry: string | null;
  qrUri: string;
}

const MM = 72 / 25.4;
const A4 = { width: 210, height: 297 };
const SHEET_MARGIN = 5;

interface LabelLayout {
  width: number;
  height: number;
  /** QR beside the text (wide labels) or under the name (square ones). */
  arrangement: 'side' | 'stack';
  fontSize: number;
}

/**
 * The sizes of the pre-cut A4 decal sheets co-operatives buy (giấy decal A4 cắt sẵn), in millimetres;
 * labels sit edge to edge on a 5 mm margin, so a sheet that is cut the same way lines up.
 */
export const LABEL_LAYOUTS: Record<LabelSize, LabelLayout> = {
  '50x30': { width: 50, height: 30, arrangement: 'side', fontSize: 6.2 },
  '40x40': { width: 40, height: 40, arrangement: 'stack', fontSize: 6 },
  '70x50': { width: 70, height: 50, arrangement: 'side', fontSize: 8 },
};

export function labelsPerSheet(size: LabelSize): { columns: number; rows: number } {
  const layout = LABEL_LAYOUTS[size];
  return {
    columns: Math.floor((A4.width - 2 * SHEET_MARGIN) / layout.width),
    rows: Math.floor((A4.height - 2 * SHEET_MARGIN) / layout.height),
  };
}

/** Dark modules as horizontal runs, so a code is a few hundred rectangles instead of a thousand. */
function qrRuns(uri: string): { size: number; runs: [row: number, start: number, length: number][] } {
  const code = QRCode.create(uri, { errorCorrectionLevel: ERROR_CORRECTION });
  const { size, data } = code.modules;
  const runs: [number, number, number][] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let column = 0; column <= size; column++) {
      const dark = column < size && data[row * size + column] === 1;
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        runs.push([row, start, column - start]);
        start = -1;
      }
    }
  }
  return { size, runs };
}

function drawQr(pdf: PDFKit.PDFDocument, qr: ReturnType<typeof qrRuns>, x: number, y: number, side: number): void {
  // The label's white margin around the code counts towards the quiet zone, so only two modules are added.
  const module = side / (qr.size + 4);
  const left = x + 2 * module;
  const top = y + 2 * module;
  for (const [row, start, length] of qr.runs) {
    pdf.rect(left + start * module, top + row * module, length * module, module);
  }
  pdf.fill('#000000');
}

function stars(count: number | null): string | null {
  return count ? `${'★'.repeat(count)} OCOP ${count} sao` : null;
}

/** Below this a printed label is no longer readable without a loupe; longer text is cut with an ellipsis instead. */
const MIN_FONT_SIZE = 4.2;

/** One line, never wrapped: shrunk until it fits, in the condensed face if the regular one is still too wide. */
function fittedLine(
  pdf: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  size: number,
  align: 'left' | 'center',
) {
  let fontSize = size;
  pdf.font('regular').fontSize(fontSize);
  while (pdf.widthOfString(text) > width && fontSize > MIN_FONT_SIZE) {
    fontSize = Math.max(MIN_FONT_SIZE, fontSize - 0.25);
    pdf.fontSize(fontSize);
  }
  if (pdf.widthOfString(text) > width) {
    fontSize = size;
    pdf.font('condensed').fontSize(fontSize);
    while (pdf.widthOfString(text) > width && fontSize > MIN_FONT_SIZE) {
      fontSize = Math.max(MIN_FONT_SIZE, fontSize - 0.25);
      pdf.fontSize(fontSize);
    }
  }
  pdf.text(text, x, y, { width, height: size * 1.3, ellipsis: true, lineBreak: false, align });
  pdf.font('regular');
}

/**
 * "Label: value" on one line when it fits at the current size, else the value on a line of its own:
 * the lot and the trace code are what a person reads out or types when the QR code will not scan,
 * so they are never cut.
 */
function labelled(pdf: PDFKit.PDFDocument, label: string, value: string, width: number): string[] {
  const joined = `${label} ${value}`;
  return pdf.widthOfString(joined) <= width ? [joined] : [label, value];
}

function drawLabel(
  pdf: PDFKit.PDFDocument,
  layout: LabelLayout,
  content: LabelContent,
  qr: ReturnType<typeof qrRuns>,
  x: number,
  y: number,
) {
  const width = layout.width * MM;
  const height = layout.height * MM;
  const pad = 1.8 * MM;
  const size = layout.fontSize;
  const detailSize = size * 0.92;
  const line = detailSize * 1.3;
  // A hairline shows where to cut when the sheet is plain paper rather than pre-cut decal.
  pdf.lineWidth(0.25).strokeColor('#cccccc').rect(x, y, width, height).stroke();
  pdf.fillColor('#000000');

  if (layout.arrangement === 'side') {
    const qrSide = Math.min(height - 2 * pad, width * 0.5);
    const textWidth = width - qrSide - 3 * pad;
    pdf.font('regular').fontSize(detailSize);
    const details = [
      stars(content.ocopStars),
      ...labelled(pdf, 'Lô:', content.lot, textWidth),
      content.expiry ? `HSD: ${content.expiry}` : null,
      ...labelled(pdf, 'Mã truy xuất:', content.traceCode, textWidth),
    ].filter((text): text is string => text !== null);
    const detailsTop = y + height - pad - details.length * line;
    pdf.font('bold').fontSize(size);
    pdf.text(content.productName, x + pad, y + pad, {
      width: textWidth,
      height: detailsTop - y - pad - 1,
      ellipsis: true,
      lineGap: -0.5,
    });
    pdf.font('regular');
    details.forEach((text, index) =>
      fittedLine(pdf, text, x + pad, detailsTop + index * line, textWidth, detailSize, 'left'),
    );
    drawQr(pdf, qr, x + width - pad - qrSide, y + (height - qrSide) / 2, qrSide);
    return;
  }

  const textWidth = width - 2 * pad;
  pdf.font('regular').fontSize(detailSize);
  const lotAndExpiry = content.expiry ? `Lô: ${content.lot} · HSD: ${content.expiry}` : null;
  const details = [
    stars(content.ocopStars),
    ...(lotAndExpiry && pdf.widthOfString(lotAndExpiry) <= textWidth
      ? [lotAndExpiry]
      : [...labelled(pdf, 'Lô:', content.lot, textWidth), content.expiry ? `HSD: ${content.expiry}` : null]),
    ...labelled(pdf, 'Mã truy xuất:', content.traceCode, textWidth),
  ].filter((text): text is string => text !== null);
  const nameHeight = 2 * size * 1.2;
  const detailsTop = y + height - pad - details.length * line;
  const qrSide = detailsTop - (y + pad + nameHeight) - 1;
  pdf.font('bold').fontSize(size);
  pdf.text(content.productName, x + pad, y + pad, {
    width: textWidth,
    height: nameHeight,
    ellipsis: true,
    align: 'center',
    lineGap: -0.5,
  });
  drawQr(pdf, qr, x + (width - qrSide) / 2, y + pad + nameHeight, qrSide);
  pdf.font('regular');
  details.forEach((text, index) =>
    fittedLine(pdf, text, x + pad, detailsTop + index * line, textWidth, detailSize, 'center'),
  );
}

/** An A4 sheet (or several) of identical labels, fonts embedded, ready for a home printer at 100 %. */
export function renderLabelSheet(content: LabelContent, size: LabelSize, count?: number): Promise<Buffer> {
  const layout = LABEL_LAYOUTS[size];
  const { columns, rows } = labelsPerSheet(size);
  const perPage = columns * rows;
  const total = count ?? perPage;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: `Tem truy xuất ${content.productName} – lô ${content.lot}`,
      Subject: `Nhãn ${size} mm`,
      Creator: 'Sàn OCOP',
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
  pdf.registerFont('condensed', CONDENSED);

  const qr = qrRuns(content.qrUri);
  const left = ((A4.width - columns * layout.width) / 2) * MM;
  const top = ((A4.height - rows * layout.height) / 2) * MM;
  for (let index = 0; index < total; index++) {
    const onPage = index % perPage;
    if (onPage === 0) pdf.addPage({ size: 'A4', margin: 0 });
    const column = onPage % columns;
    const row = Math.floor(onPage / columns);
    drawLabel(pdf, layout, content, qr, left + column * layout.width * MM, top + row * layout.height * MM);
  }
  pdf.end();
  return finished;
}
