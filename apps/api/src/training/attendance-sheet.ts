import { foldVietnamese } from '@ocop/shared';
import type { SheetRow } from './attendance-file.js';
import type { ParticipantField, ParticipantText } from './participant-input.js';

export interface AttendanceColumn {
  field: ParticipantField;
  required: boolean;
  /** The first one is the header the template uses; the others are accepted too. */
  headers: readonly string[];
  description: string;
}

/**
 * The columns of an attendance sheet. Headers match without regard to case, marks, spacing, a
 * trailing "*" or ":" or a parenthesised remark, so "SỐ ĐIỆN THOẠI (*)" is the phone column.
 * Other columns (STT, ký tên…) are ignored.
 */
export const ATTENDANCE_COLUMNS: readonly AttendanceColumn[] = [
  {
    field: 'participantName',
    required: true,
    headers: ['Họ và tên', 'Họ tên', 'Tên học viên', 'Họ và tên học viên', 'Full name', 'Name', 'participant_name'],
    description: 'Full name of the participant',
  },
  {
    field: 'participantType',
    required: true,
    headers: ['Loại học viên', 'Đối tượng', 'Thành phần', 'Loại đối tượng', 'Participant type', 'participant_type'],
    description:
      'Doanh nghiệp, Hợp tác xã, Hộ kinh doanh, Cán bộ quản lý nhà nước, Sinh viên, Thanh niên khởi nghiệp, Nông dân, Cá nhân or Khác (or the type code)',
  },
  {
    field: 'organisationTaxCode',
    required: false,
    headers: ['Mã số thuế', 'MST', 'Mã số thuế đơn vị', 'Tax code', 'tax_code'],
    description:
      'Tax code of the participant’s organisation; links the participation to a seller on the platform that has it',
  },
  {
    field: 'organisationName',
    required: false,
    headers: [
      'Tên đơn vị',
      'Đơn vị',
      'Đơn vị công tác',
      'Cơ quan, đơn vị',
      'Tổ chức',
      'Organisation',
      'organisation_name',
    ],
    description: 'Name of the participant’s organisation, as written',
  },
  {
    field: 'gender',
    required: false,
    headers: ['Giới tính', 'Gender'],
    description: 'Nam, Nữ or Khác',
  },
  {
    field: 'phone',
    required: false,
    headers: ['Số điện thoại', 'Điện thoại', 'SĐT', 'Phone'],
    description: 'Used to recognise the same person when a sheet is imported again',
  },
  {
    field: 'attended',
    required: false,
    headers: ['Có mặt', 'Tham dự', 'Điểm danh', 'Attended'],
    description: 'Có or Không; empty means the person attended',
  },
];

/** How many rows above the header a sheet may have (a title, the class name, the date). */
const HEADER_SEARCH_ROWS = 10;

function headerKey(text: string): string {
  return foldVietnamese(text)
    .replace(/\(.*?\)/g, ' ')
    .replace(/[*:]/g, ' ')
    .replace(/[_\s]+/g, ' ')
    .trim();
}

const COLUMN_BY_HEADER = new Map(
  ATTENDANCE_COLUMNS.flatMap((column) => column.headers.map((header) => [headerKey(header), column] as const)),
);

export interface HeaderProblem {
  field: string;
  message: string;
}

export type MappedSheet =
  | {
      ok: true;
      headerRow: number;
      columns: { field: ParticipantField; header: string; index: number }[];
      rows: { rowNumber: number; text: ParticipantText }[];
    }
  | { ok: false; problems: HeaderProblem[] };

/**
 * Finds the header row (the first of the top rows naming the participant-name column), maps the
 * known columns and turns every following non-blank row into participant text.
 */
export function mapAttendanceSheet(rows: readonly SheetRow[]): MappedSheet {
  const headerIndex = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => row.cells.some((cell) => COLUMN_BY_HEADER.get(headerKey(cell))?.field === 'participantName'));
  const header = rows[headerIndex];
  if (headerIndex < 0 || !header) {
    return {
      ok: false,
      problems: [
        {
          field: 'participantName',
          message: `Không tìm thấy dòng tiêu đề có cột "Họ và tên" trong ${HEADER_SEARCH_ROWS} dòng đầu`,
        },
      ],
    };
  }

  const columns: { field: ParticipantField; header: string; index: number }[] = [];
  const problems: HeaderProblem[] = [];
  header.cells.forEach((cell, index) => {
    const column = COLUMN_BY_HEADER.get(headerKey(cell));
    if (!column) return;
    const taken = columns.find((existing) => existing.field === column.field);
    if (taken) {
      problems.push({ field: column.field, message: `Hai cột cùng nghĩa: "${taken.header}" và "${cell.trim()}"` });
      return;
    }
    columns.push({ field: column.field, header: cell.trim(), index });
  });
  for (const column of ATTENDANCE_COLUMNS) {
    if (column.required && !columns.some((found) => found.field === column.field)) {
      problems.push({ field: column.field, message: `Thiếu cột "${column.headers[0]}"` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const body = rows
    .slice(headerIndex + 1)
    .filter((row) => columns.some((column) => (row.cells[column.index] ?? '').trim() !== ''))
    .map((row) => ({
      rowNumber: row.rowNumber,
      text: Object.fromEntries(
        columns.map((column) => [column.field, row.cells[column.index] ?? '']),
      ) as ParticipantText,
    }));
  return { ok: true, headerRow: header.rowNumber, columns, rows: body };
}
