import { sql } from '../testing/sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';

const APPLICATION = {
  name: 'Hợp tác xã Hồi Văn Quan',
  legalType: 'cooperative',
  womenOwned: true,
  taxCode: '4900238521',
  businessRegistrationNumber: '14G8000321',
  streetAddress: 'Thôn Bản Chu',
  communeCode: '06253',
  contactName: 'Hoàng Văn Quang',
  contactPhone: '0912 345 678',
  contactEmail: 'HoiVanQuan@Example.vn',
  bankAccount: { bin: '970436', accountNumber: '0011004123456', accountName: 'htx hoi van quan' },
  marketplaceStores: [{ marketplace: 'Shopee', url: 'https://shopee.vn/hoivanquan' }],
  story: 'Hồi Văn Quan được trồng trên đồi cao.',
};

async function newBuyer(api: TestApp, email: string): Promise<string> {
  const response = await api.request('POST', '/api/auth/sign-up', {
    body: { email, fullName: 'Người Mua', password: 'mat-khau-rat-dai-1' },
  });
  expect(response.status).toBe(201);
  return response.body.accessToken;
}

describe('seller onboarding', () => {
  let api: TestApp;
  let officer: string;
  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.tokenFor('province_officer');
  });
  afterAll(() => api.close());

  it('takes an application through pending, rejection, resubmission and approval, with an audit trail', async () => {
    const applicant = await newBuyer(api, 'quang@example.vn');
    const applied = await api.request('POST', '/api/organisations/applications', {
      token: applicant,
      body: APPLICATION,
    });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({
      status: 'pending',
      slug: 'hop-tac-xa-hoi-van-quan',
      taxCode: '4900238521',
      taxCodeChecksumOk: false,
      commune: { code: '06253', name: 'Xã Văn Quan' },
      contactPhone: '+84912345678',
      contactEmail: 'hoivanquan@example.vn',
      bankAccount: { bin: '970436', accountNumber: '0011004123456', accountName: 'HTX HOI VAN QUAN' },
    });
    const id = applied.body.id;

    // The applicant is now the owner and a seller member, with the same token.
    const mine = await api.request('GET', '/api/organisations/mine', { token: applicant });
    expect(mine.body).toMatchObject({ id, status: 'pending' });
    expect((await api.request('GET', '/api/auth/me', { token: applicant })).body).toMatchObject({
      role: 'seller_member',
      organisationId: id,
    });

    const pending = await api.request('GET', '/api/organisations?status=pending', { token: officer });
    expect(pending.body.map((o: { id: string }) => o.id)).toEqual([id]);

    const noReason = await api.request('POST', `/api/organisations/${id}/reject`, { token: officer, body: {} });
    expect(noReason.status).toBe(400);
    const rejected = await api.request('POST', `/api/organisations/${id}/reject`, {
      token: officer,
      body: { reason: 'Mã số thuế chưa khớp với giấy đăng ký' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'Mã số thuế chưa khớp với giấy đăng ký' });

    const fixed = await api.request('PATCH', '/api/organisations/mine', {
      token: applicant,
      body: { taxCode: '0100233488' },
    });
    expect(fixed.body).toMatchObject({ taxCode: '0100233488', taxCodeChecksumOk: true, status: 'rejected' });
    const resubmitted = await api.request('POST', '/api/organisations/mine/resubmit', { token: applicant });
    expect(resubmitted.body.status).toBe('pending');

    const approved = await api.request('POST', `/api/organisations/${id}/approve`, { token: officer, body: {} });
    expect(approved.body).toMatchObject({ status: 'approved', statusReason: null });
    expect(approved.body.approvedAt).toEqual(expect.any(String));

    const suspended = await api.request('POST', `/api/organisations/${id}/suspend`, {
      token: officer,
      body: { reason: 'Khiếu nại về chất lượng chưa được giải quyết' },
    });
    expect(suspended.body.status).toBe('suspended');
    const reinstated = await api.request('POST', `/api/organisations/${id}/reinstate`, { token: officer, body: {} });
    expect(reinstated.body.status).toBe('approved');

    const history = await api.request('GET', `/api/organisations/${id}/status-history`, { token: officer });
    expect(
      history.body.map((h: { fromStatus: string | null; toStatus: string }) => [h.fromStatus, h.toStatus]),
    ).toEqual([
      [null, 'pending'],
      ['pending', 'rejected'],
      ['rejected', 'pending'],
      ['pending', 'approved'],
      ['approved', 'suspended'],
      ['suspended', 'approved'],
    ]);
    expect(history.body[1]).toMatchObject({
      reason: 'Mã số thuế chưa khớp với giấy đăng ký',
      actorName: expect.stringContaining('Hoàng Văn Minh'),
    });
    expect(history.body[0].actorName).toBe('Người Mua');
  });

  it('refuses transitions that do not exist', async () => {
    const applicant = await newBuyer(api, 'transition@example.vn');
    const applied = await api.request('POST', '/api/organisations/applications', {
      token: applicant,
      body: { ...APPLICATION, name: 'Tổ hợp tác Rau sạch', legalType: 'cooperative_group', taxCode: undefined },
    });
    const response = await api.request('POST', `/api/organisations/${applied.body.id}/suspend`, {
      token: officer,
      body: { reason: 'Không thể đình chỉ khi chưa duyệt' },
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('invalid_status_transition');
    expect((await api.request('GET', `/api/organisations/${applied.body.id}`, { token: officer })).body.status).toBe(
      'pending',
    );
  });

  it('lets only officers decide, and only buyers apply', async () => {
    const seller = await api.tokenFor('seller_member');
    const [demo] = await sql<{ id: string }>(api, "SELECT id FROM organisations WHERE slug = 'htx-nong-san-dong-kinh'");
    const bySeller = await api.request('POST', `/api/organisations/${demo?.id}/suspend`, {
      token: seller,
      body: { reason: 'tự đình chỉ' },
    });
    expect(bySeller.status).toBe(403);
    const admin = await api.request('POST', `/api/organisations/${demo?.id}/suspend`, {
      token: await api.tokenFor('platform_admin'),
      body: { reason: 'quản trị viên không duyệt' },
    });
    expect(admin.status).toBe(403);
    const again = await api.request('POST', '/api/organisations/applications', { token: seller, body: APPLICATION });
    expect(again.status).toBe(403);
  });

  it('answers bad applications field by field and saves nothing', async () => {
    const applicant = await newBuyer(api, 'bad.input@example.vn');
    const [{ n: before } = { n: 0 }] = await sql<{ n: number }>(api, 'SELECT count(*)::int AS n FROM organisations');

    const malformed = await api.request('POST', '/api/organisations/applications', {
      token: applicant,
      body: {
        ...APPLICATION,
        legalType: 'corporation',
        communeCode: '123',
        contactPhone: 'call me',
        bankAccount: { bin: 'VCB' },
      },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'bankAccount.accountName',
      'bankAccount.accountNumber',
      'bankAccount.bin',
      'communeCode',
      'contactPhone',
      'legalType',
    ]);

    const badTaxCode = await api.request('POST', '/api/organisations/applications', {
      token: applicant,
      body: { ...APPLICATION, taxCode: '12345' },
    });
    expect(badTaxCode.status).toBe(400);
    expect(badTaxCode.body.fields).toEqual([{ field: 'taxCode', messages: [expect.stringContaining('10 digits')] }]);

    const unknownCommune = await api.request('POST', '/api/organisations/applications', {
      token: applicant,
      body: { ...APPLICATION, communeCode: '99999' },
    });
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.body.fields[0]).toEqual({
      field: 'communeCode',
      messages: ['no commune has the code 99999'],
    });

    const otherProvince = await api.request('POST', '/api/organisations/applications', {
      token: applicant,
      body: { ...APPLICATION, communeCode: '00004' },
    });
    expect(otherProvince.status).toBe(400);
    expect(otherProvince.body.fields[0].messages[0]).toContain('home province');

    const [{ n: after } = { n: 0 }] = await sql<{ n: number }>(api, 'SELECT count(*)::int AS n FROM organisations');
    expect(after).toBe(before);
    expect((await api.request('GET', '/api/auth/me', { token: applicant })).body.role).toBe('buyer');
  });

  it('refuses a tax code another organisation already uses', async () => {
    const first = await newBuyer(api, 'first.tax@example.vn');
    const second = await newBuyer(api, 'second.tax@example.vn');
    const body = {
      ...APPLICATION,
      name: 'Doanh nghiệp Hồi Xứ Lạng',
      legalType: 'enterprise',
      isSme: true,
      taxCode: '0314409058',
    };
    expect((await api.request('POST', '/api/organisations/applications', { token: first, body })).status).toBe(201);
    const duplicate = await api.request('POST', '/api/organisations/applications', { token: second, body });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('tax_code_taken');
    expect((await api.request('GET', '/api/auth/me', { token: second })).body.role).toBe('buyer');
  });
});
