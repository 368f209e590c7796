import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectFileType, readAttendanceRows, zipInflatedSize } from './attendance-file.js';
import { mapAttendanceSheet } from './attendance-sheet.js';
import { dedupeKey, normaliseParticipant, type ParticipantValues } from './participant-input.js';
import { parseParticipantType } from './participant-types.js';

describe('participant types', () => {
  it('reads the words officers write, with or without marks', () => {
    expect(parseParticipantType('Cán bộ quản lý nhà nước')).toBe('official');
    expect(parseParticipantType('CAN BO')).toBe('official');
    expect(parseParticipantType('Cán bộ doanh nghiệp')).toBe('enterprise_staff');
    expect(parseParticipantType('HTX')).toBe('cooperative_member');
    expect(parseParticipantType('Thành viên hợp tác xã Hồi Văn Quan')).toBe('cooperative_member');
    expect(parseParticipantType('Sinh viên năm cuối')).toBe('student');
    expect(parseParticipantType('thanh niên khởi nghiệp')).toBe('startup_youth');
    expect(parseParticipantType('household_business')).toBe('household_business');
    expect(parseParticipantType('Giáo viên')).toBeNull();
    expect(parseParticipantType('')).toBeNull();
  });
});

describe('participant input', () => {
  const value = (input: Parameters<typeof normaliseParticipant>[0]): ParticipantValues => {
    const result = normaliseParticipant(input);
    if ('problems' in result) throw new Error(JSON.stringify(result.problems));
    return result.value;
  };

  it('normalises names, phones, tax codes, gender and attendance', () => {
    expect(
      value({
        participantName: '  Nguyễn   Thị  Hoa ',
        participantType: 'Hộ kinh doanh',
        organisationTaxCode: '100233488',
        gender: 'NỮ',
        phone: '912.345.678',
        attended: 'Vắng',
      }),
    ).toEqual({
      participantName: 'Nguyễn Thị Hoa',
      nameKey: 'nguyen thi hoa',
      participantType: 'household_business',
      organisationTaxCode: '0100233488',
      organisationName: null,
      gender: 'female',
      phone: '+84912345678',
      attended: false,
    });
    expect(value({ participantName: 'Lê Văn Tám', participantType: 'Cá nhân', phone: '0205 3870 123' }).phone).toBe(
      '02053870123',
    );
  });

  it('reports every problem of a row', () => {
    const result = normaliseParticipant({
      participantName: 'A',
      participantType: 'Giáo viên',
      gender: 'x',
      phone: '12',
      attended: 'có lẽ',
      organisationTaxCode: '12ab',
    });
    expect('problems' in result && result.problems.map((p) => p.field)).toEqual([
      'participantName',
      'participantType',
      'organisationTaxCode',
      'gender',
      'phone',
      'attended',
    ]);
  });

  it('recognises the same person by phone, else by name, type and organisation', () => {
    const base = value({ participantName: 'Hoàng Văn An', participantType: 'official' });
    expect(dedupeKey(base)).toBe('name:hoang van an|official|');
    expect(dedupeKey({ ...base, nameKey: 'hoang van an', organisationName: 'UBND xã Văn Quan' })).toBe(
      'name:hoang van an|official|ubnd xa van quan',
    );
    expect(dedupeKey({ ...base, phone: '+84912345678' })).toBe('phone:+84912345678');
  });
});

describe('attendance files', () => {
  it('trusts the content more than the name', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(detectFileType('Danh sách.XLSX', zip)).toBe('xlsx');
    expect(detectFileType('danh-sach.csv', Buffer.from('Họ và tên\n'))).toBe('csv');
    expect(() => detectFileType('danh-sach.csv', zip)).toThrow('not a text file');
    expect(() => detectFileType('danh-sach.xlsx', Buffer.from('a,b'))).toThrow('not an Excel workbook');
    expect(() => detectFileType('danh-sach.xls', zip)).toThrow('.xls');
    expect(() => detectFileType('danh-sach.docx', zip)).toThrow('.xlsx or .csv');
  });

  it('reads the declared size of a workbook without unpacking it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('A').addRow(['Họ và tên', 'Loại học viên']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const size = zipInflatedSize(content);
    expect(size).toBeGreaterThan(content.length);
    expect(size).toBeLessThan(1_000_000);
    expect(zipInflatedSize(Buffer.from('not a zip at all, just some text'))).toBeNull();
  });

  it('finds the header below a title and maps known columns only', async () => {
    const rows = await readAttendanceRows(
      'csv',
      Buffer.from(
        'Lớp tập huấn ngày 10/3/2026\n\nSTT,HỌ VÀ TÊN (*),Loại học viên:,SĐT,Ký tên\n1,Lò Thị Mây,Nông dân,0912000001,\n,,,,\n2,Mã Văn Sơn,Cá nhân,,',
      ),
    );
    const sheet = mapAttendanceSheet(rows);
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    expect(sheet.headerRow).toBe(3);
    expect(sheet.columns.map((c) => [c.field, c.header])).toEqual([
      ['participantName', 'HỌ VÀ TÊN (*)'],
      ['participantType', 'Loại học viên:'],
      ['phone', 'SĐT'],
    ]);
    expect(sheet.rows).toEqual([
      { rowNumber: 4, text: { participantName: 'Lò Thị Mây', participantType: 'Nông dân', phone: '0912000001' } },
      { rowNumber: 6, text: { participantName: 'Mã Văn Sơn', participantType: 'Cá nhân', phone: '' } },
    ]);
  });

  it('says which columns are missing or repeated', () => {
    const sheet = mapAttendanceSheet([{ rowNumber: 1, cells: ['Họ tên', 'Họ và tên', 'Điện thoại'] }]);
    expect(sheet).toEqual({
      ok: false,
      problems: [
        { field: 'participantName', message: 'Hai cột cùng nghĩa: "Họ tên" và "Họ và tên"' },
        { field: 'participantType', message: 'Thiếu cột "Loại học viên"' },
      ],
    });
  });
});
