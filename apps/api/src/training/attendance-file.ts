import { HttpStatus } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../core/http/domain-error.js';

export type AttendanceFileType = 'csv' | 'xlsx';

/** Uploads above this are refused before they are read (multer stops reading at the limit). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** A class is at most a few hundred people; this leaves room for a whole year's sheet. */
export const MAX_ROWS = 5000;
/** An XLSX is a zip: refuse one that would inflate far beyond what an attendance sheet needs. */
const MAX_XLSX_INFLATED_BYTES = 100 * 1024 * 1024;

export interface SheetRow {
  /** The row number a spreadsheet program shows (1-based, counting title and header rows). */
  rowNumber: number;
  cells: string[];
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const OLE_COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(buffer: Buffer, signature: number[]): boolean {
  return signature.every((byte, index) => buffer[index] === byte);
}

function unsupported(message: string): DomainError {
  return new DomainError('unsupported_file_type', message, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
}

function unreadable(message: string): DomainError {
  return new DomainError('file_unreadable', message, HttpStatus.BAD_REQUEST);
}

/**
 * Decides what the upload is from its name and its first bytes: browsers send CSV as anything from
 * `text/csv` to `application/vnd.ms-excel`, so the declared media type is not trusted.
 */
export function detectFileType(fileName: string, content: Buffer): AttendanceFileType {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'xls' || startsWith(content, OLE_COMPOUND_FILE)) {
    throw unsupported('Excel 97–2003 (.xls) files are not supported: save the sheet as .xlsx or as CSV UTF-8');
  }
  if (extension === 'xlsx') {
    if (!startsWith(content, ZIP_LOCAL_HEADER))
      throw unsupported('The file is named .xlsx but is not an Excel workbook');
    return 'xlsx';
  }
  if (extension === 'csv') {
    if (startsWith(content, ZIP_LOCAL_HEADER) || content.subarray(0, 8192).includes(0)) {
      throw unsupported('The file is named .csv but is not a text file');
    }
    return 'csv';
  }
  throw unsupported('Upload the attendance list as .xlsx or .csv');
}

/** Reads the first sheet (XLSX) or the whole file (CSV) into rows of cell texts. */
export async function readAttendanceRows(type: AttendanceFileType, content: Buffer): Promise<SheetRow[]> {
  return type === 'csv' ? readCsv(content) : readXlsx(content);
}

function readCsv(content: Buffer): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    // Excel's plain "CSV" saves Vietnamese in Windows-1258, which cannot be told apart reliably.
    throw unreadable('The CSV file is not UTF-8: save it from Excel as "CSV UTF-8 (Comma delimited)"');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Vietnamese regional settings make Excel separate CSV fields with ";".
  const delimiter = [',', ';', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw unreadable(`The CSV file cannot be read: ${(error as Error).message}`);
  }
  return records.map((cells, index) => ({ rowNumber: index + 1, cells }));
}

async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  const inflated = zipInflatedSize(content);
  if (inflated === null) throw unreadable('The XLSX file is damaged');
  if (inflated > MAX_XLSX_INFLATED_BYTES)
    throw unreadable('The XLSX file unpacks to far more data than an attendance list');

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable('The XLSX file cannot be read: open it in Excel and save it again as .xlsx');
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) return [];
  if (sheet.actualRowCount > MAX_ROWS + 20) {
    throw new DomainError(
      'import_too_many_rows',
      `The sheet has more than ${MAX_ROWS} rows; split it into several files`,
    );
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return result === undefined || (typeof result === 'object' && result !== null && !(result instanceof Date))
      ? ''
      : cellText(result as ExcelJS.CellValue);
  }
  return '';
}

/**
 * Adds up the uncompressed sizes the zip's central directory declares, without inflating
 * anything; null when the directory cannot be found. ZIP64 entries count as too large.
 */
export function zipInflatedSize(content: Buffer): number | null {
  const searchFrom = Math.max(0, content.length - 65_557);
  let end = -1;
  for (let offset = content.length - 22; offset >= searchFrom; offset -= 1) {
    if (content.readUInt32LE(offset) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) return null;
  const entries = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  let total = 0;
  for (let index = 0; index < entries; index += 1) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== 0x02014b50) return null;
    const size = content.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    offset +=
      46 + content.readUInt16LE(offset + 28) + content.readUInt16LE(offset + 30) + content.readUInt16LE(offset + 32);
  }
  return total;
}
