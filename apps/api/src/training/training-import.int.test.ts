import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { MAX_UPLOAD_BYTES } from './attendance-file.js';

const CSV_SEMICOLON = [
  // Excel with Vietnamese regional settings: UTF-8 with a BOM, ";" between fields, a title row.
  '\uFEFFDANH SÁCH HỌC VIÊN LỚP TẬP HUẤN THƯƠNG MẠI ĐIỆN TỬ;;;;;;;',
  'STT;Họ và tên;Loại học viên;Mã số thuế;Tên đơn vị;Giới tính;Số điện thoại;Có mặt',
  '1;Nguyễn Văn Bình;Hợp tác xã;4900238521;HTX Nông sản Đông Kinh;Nam;0912 000 001;Có',
  '2;Trần Thị Cúc;Cán bộ quản lý nhà nước;;UBND phường Đông Kinh;Nữ;0912000002;x',
  '3;"Lò Văn Dương";doanh nghiệp;0100233488;"Công ty TNHH Mật ong; Sáp ong";Nam;;Có',
  '4;Hà Thị Én;Sinh viên;;;Nữ;;Không',
  ';;;;;;;',
].join('\r\n');

const CSV_BAD_ROWS = [
  'Họ và tên,Loại học viên,Số điện thoại',
  'Phạm Văn Giang,Hộ kinh doanh,0912000010',
  'Đỗ Thị Hương,Giáo viên,0912000011',
  ',Cá nhân,0912000012',
  'Bùi Văn Khải,Cá nhân,12345',
].join('\n');

interface Upload {
  status: number;
  body: any;
}

describe('attendance import', () => {
  let api: TestApp;
  let officer: string;
  let eventId: string;

  const upload = async (
    name: string,
    content: Buffer | string,
    options: { token?: string; field?: string; event?: string } = {},
  ): Promise<Upload> => {
    const form = new FormData();
    form.append(options.field ?? 'file', new Blob([content]), name);
    const response = await fetch(`${api.baseUrl}/api/training/events/${options.event ?? eventId}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token ?? officer}` },
      body: form,
    });
    return { status: response.status, body: await response.json() };
  };

  const finished = async (id: string) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const job = await api.request('GET', `/api/training/imports/${id}`, { token: officer });
      if (job.body.status === 'succeeded' || job.body.status === 'failed') return job.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Import ${id} did not finish`);
  };

  const participants = async (event = eventId) =>
    (await api.request('GET', `/api/training/events/${event}/participants`, { token: officer })).body as {
      participantName: string;
      participantType: string;
      phone: string | null;
      gender: string | null;
      attended: boolean;
      organisation: { id: string } | null;
      organisationTaxCode: string | null;
      organisationName: string | null;
      source: string;
      sourceRow: number | null;
    }[];

  let demoOrganisationId: string;

  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.tokenFor('province_officer');
    const created = await api.request('POST', '/api/training/events', {
      token: officer,
      body: {
        title: 'Tập huấn kỹ năng bán hàng trên sàn thương mại điện tử',
        organiser: 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Lạng Sơn',
        communeCode: '05977',
        startsAt: '2026-05-20T01:00:00Z',
        endsAt: '2026-05-20T09:00:00Z',
        format: 'offline',
        topic: 'Bán hàng trực tuyến',
      },
    });
    eventId = created.body.id;
    demoOrganisationId = (await api.request('GET', '/api/organisations', { token: officer })).body[0].id;
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    await client.query("UPDATE organisations SET tax_code = '4900238521' WHERE id = $1", [demoOrganisationId]);
    await client.end();
  });
  afterAll(() => api.close());

  it('documents the columns and the rules', async () => {
    const format = await api.request('GET', '/api/training/imports/format', { token: officer });
    expect(format.body).toMatchObject({ fileTypes: ['.xlsx', '.csv'], maxBytes: MAX_UPLOAD_BYTES, maxRows: 5000 });
    expect(format.body.columns.map((c: { headers: string[] }) => c.headers[0])).toEqual([
      'Họ và tên',
      'Loại học viên',
      'Mã số thuế',
      'Tên đơn vị',
      'Giới tính',
      'Số điện thoại',
      'Có mặt',
    ]);
    expect(format.body.rules).toContain('nothing is saved');
  });

  it('imports a CSV with Vietnamese headers in the background, matching organisations by tax code', async () => {
    const accepted = await upload('danh-sach-hoc-vien.csv', CSV_SEMICOLON);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ eventId, fileType: 'csv', total: 4, fileName: 'danh-sach-hoc-vien.csv' });
    const job = await finished(accepted.body.id);
    expect(job).toMatchObject({
      status: 'succeeded',
      total: 4,
      processed: 4,
      inserted: 4,
      skippedDuplicates: 0,
      errors: [],
    });
    expect(job.finishedAt).toEqual(expect.any(String));

    const rows = await participants();
    expect(rows.map((p) => [p.participantName, p.participantType, p.phone, p.gender, p.attended])).toEqual([
      ['Nguyễn Văn Bình', 'cooperative_member', '+84912000001', 'male', true],
      ['Trần Thị Cúc', 'official', '+84912000002', 'female', true],
      ['Lò Văn Dương', 'enterprise_staff', null, 'male', true],
      ['Hà Thị Én', 'student', null, 'female', false],
    ]);
    // Row numbers as Excel shows them: a title row, then the header, then the people.
    expect(rows.map((p) => p.sourceRow)).toEqual([3, 4, 5, 6]);
    expect(rows[0]).toMatchObject({
      organisation: { id: demoOrganisationId },
      organisationTaxCode: '4900238521',
      source: 'import',
    });
    // A tax code nobody on the platform has is kept, unlinked, for when the enterprise joins.
    expect(rows[2]).toMatchObject({
      organisation: null,
      organisationTaxCode: '0100233488',
      organisationName: 'Công ty TNHH Mật ong; Sáp ong',
    });
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = await upload('danh-sach-hoc-vien.csv', CSV_SEMICOLON);
    expect(again.status).toBe(202);
    expect(await finished(again.body.id)).toMatchObject({
      status: 'succeeded',
      total: 4,
      inserted: 0,
      skippedDuplicates: 4,
    });
    expect(await participants()).toHaveLength(4);
  });

  it('imports an XLSX workbook, restoring the zeros Excel drops from numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Điểm danh');
    sheet.addRow(['Họ và tên', 'Loại học viên', 'Mã số thuế', 'Số điện thoại (*)', 'Giới tính']);
    sheet.addRow(['Nông Thị Giang', 'Thanh niên khởi nghiệp', null, 912000003, 'Nữ']);
    sheet.addRow([
      { richText: [{ text: 'Vy Văn ' }, { text: 'Hải', font: { bold: true } }] },
      'hộ kinh doanh',
      4900238521,
      '0912000004',
      'nam',
    ]);
    // The same person as in the CSV (same phone): skipped.
    sheet.addRow(['Nguyễn Văn Bình', 'Hợp tác xã', '4900238521', '0912000001', 'Nam']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());

    const accepted = await upload('diem-danh.xlsx', content);
    expect(accepted.status).toBe(202);
    expect(accepted.body.fileType).toBe('xlsx');
    expect(await finished(accepted.body.id)).toMatchObject({
      status: 'succeeded',
      total: 3,
      inserted: 2,
      skippedDuplicates: 1,
    });
    const rows = await participants();
    expect(rows).toHaveLength(6);
    expect(rows.find((p) => p.participantName === 'Nông Thị Giang')).toMatchObject({
      participantType: 'startup_youth',
      phone: '+84912000003',
      gender: 'female',
    });
    expect(rows.find((p) => p.participantName === 'Vy Văn Hải')).toMatchObject({
      participantType: 'household_business',
      organisation: { id: demoOrganisationId },
    });
  });

  it('refuses a file with invalid rows, listing each by row number, and saves none of its rows', async () => {
    const response = await upload('hoc-vien.csv', CSV_BAD_ROWS);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('import_rows_invalid');
    expect(response.body.message).toBe(
      '3 of 4 rows are invalid; nothing was saved. Fix them and upload the file again',
    );
    expect(response.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'rows.3.participantType',
      'rows.4.participantName',
      'rows.5.phone',
    ]);
    expect(response.body.fields[0].messages[0]).toContain(
      'Dòng 3, cột "Loại học viên": loại học viên "Giáo viên" không hợp lệ',
    );
    expect(response.body.fields[2].messages[0]).toBe('Dòng 5, cột "Số điện thoại": số điện thoại "12345" không hợp lệ');
    // Phạm Văn Giang (row 2) was valid but is not saved either.
    expect((await participants()).map((p) => p.participantName)).not.toContain('Phạm Văn Giang');
  });

  it('refuses files it cannot use, with a clear reason', async () => {
    const noName = await upload('thieu-cot.csv', 'Tên,Điện thoại\nA,0912000020');
    expect(noName.status).toBe(400);
    expect(noName.body.code).toBe('import_header_invalid');
    const noType = await upload('thieu-cot.csv', 'Họ và tên,Điện thoại\nA,0912000020');
    expect(noType.body.fields).toEqual([{ field: 'header.participantType', messages: ['Thiếu cột "Loại học viên"'] }]);
    const empty = await upload('rong.csv', 'Họ và tên,Loại học viên\n');
    expect(empty.body.code).toBe('import_empty');

    const pdf = await upload('danh-sach.pdf', '%PDF-1.7 ...');
    expect(pdf.status).toBe(415);
    expect(pdf.body.code).toBe('unsupported_file_type');
    const oldExcel = await upload('danh-sach.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(oldExcel.status).toBe(415);
    expect(oldExcel.body.message).toContain('.xls');
    const renamed = await upload('danh-sach.xlsx', CSV_SEMICOLON);
    expect(renamed.status).toBe(415);
    const notUtf8 = await upload('windows-1258.csv', Buffer.from([0x48, 0xe4, 0x20, 0x54, 0x68, 0xfe, 0x0a]));
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body.code).toBe('file_unreadable');
    const damaged = await upload('hong.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]));
    expect(damaged.status).toBe(400);
    expect(damaged.body.code).toBe('file_unreadable');

    const oversized = await upload('qua-lon.csv', Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a'));
    expect(oversized.status).toBe(413);
    expect(oversized.body).toMatchObject({
      code: 'file_too_large',
      message: 'The file is larger than 5 MB; split the list into several files',
    });

    const wrongField = await upload('danh-sach.csv', CSV_SEMICOLON, { field: 'attachment' });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.code).toBe('file_required');
    const nothing = await fetch(`${api.baseUrl}/api/training/events/${eventId}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(nothing.status).toBe(400);
    expect(((await nothing.json()) as { code: string }).code).toBe('file_required');

    expect(
      (await upload('danh-sach.csv', CSV_SEMICOLON, { event: '6b0c1a53-2f7a-4d7e-9a55-0d1f0e5a2b61' })).status,
    ).toBe(404);
    expect((await upload('danh-sach.csv', CSV_SEMICOLON, { token: await api.tokenFor('seller_member') })).status).toBe(
      403,
    );
    expect(
      (await api.request('GET', '/api/training/imports/6b0c1a53-2f7a-4d7e-9a55-0d1f0e5a2b61', { token: officer }))
        .status,
    ).toBe(404);
    expect(await participants()).toHaveLength(6);
  });

  it('reports a job that a stopped server left unfinished as failed', async () => {
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO training_imports (event_id, file_name, file_type, status, total, processed, created_at)
       VALUES ($1, 'cu.csv', 'csv', 'running', 40, 20, now() - interval '1 hour') RETURNING id`,
      [eventId],
    );
    await client.end();
    const job = await api.request('GET', `/api/training/imports/${rows[0]?.id}`, { token: officer });
    expect(job.body).toMatchObject({ status: 'failed', processed: 20, inserted: 0 });
    expect(job.body.errors[0].message).toContain('nothing was saved');
  });

  it('reports progress on a large file and writes it in batches', async () => {
    const event = await api.request('POST', '/api/training/events', {
      token: officer,
      body: {
        title: 'Hội nghị phổ biến pháp luật thương mại điện tử trực tuyến',
        organiser: 'Sở Công Thương tỉnh Lạng Sơn',
        startsAt: '2026-06-02T01:00:00Z',
        endsAt: '2026-06-02T04:00:00Z',
        format: 'online',
        topic: 'Pháp luật thương mại điện tử',
      },
    });
    const lines = ['Họ và tên,Loại học viên,Số điện thoại'];
    for (let index = 0; index < 1200; index += 1)
      lines.push(`Học viên ${index},Cá nhân,09${String(index).padStart(8, '0')}`);
    const accepted = await upload('hoi-nghi.csv', lines.join('\n'), { event: event.body.id });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ total: 1200, processed: 0 });
    const job = await finished(accepted.body.id);
    expect(job).toMatchObject({
      status: 'succeeded',
      total: 1200,
      processed: 1200,
      inserted: 1200,
      skippedDuplicates: 0,
    });
    expect(
      (await api.request('GET', `/api/training/events/${event.body.id}`, { token: officer })).body.participations,
    ).toBe(1200);
  });
});
