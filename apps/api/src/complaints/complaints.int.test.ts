import { sql } from '../testing/sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { ComplaintsService } from './complaints.service.js';

const COMPLAINT = {
  consumerName: 'Trần Thị Mai',
  consumerPhone: '0987 654 321',
  sellerName: 'Gian hàng Hồi khô Văn Quan',
  orderReference: 'DH2026-000123',
  category: 'product_quality',
  description: 'Hồi khô nhận được bị mốc, người bán không trả lời tin nhắn.',
};

describe('consumer complaints', () => {
  let api: TestApp;
  let officer: string;

  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.tokenFor('province_officer');
  });
  afterAll(() => api.close());

  it('takes a public submission, validated, and lets the consumer follow it', async () => {
    const submitted = await api.request('POST', '/api/complaints', { body: COMPLAINT });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'received', resolvedAt: null, resolution: null });
    expect(submitted.body.code).toMatch(/^KN\d{4}-\d{6}$/);

    const noContact = await api.request('POST', '/api/complaints', {
      body: { ...COMPLAINT, consumerPhone: undefined },
    });
    expect(noContact.status).toBe(400);
    expect(noContact.body.fields[0].field).toBe('consumerPhone');
    expect((await api.request('POST', '/api/complaints', { body: { ...COMPLAINT, category: 'rude' } })).status).toBe(
      400,
    );
    expect((await api.request('POST', '/api/complaints', { body: { ...COMPLAINT, description: 'Tệ.' } })).status).toBe(
      400,
    );
    expect(
      (await api.request('POST', '/api/complaints', { body: { ...COMPLAINT, consumerPhone: '123' } })).status,
    ).toBe(400);
    const unknownSeller = await api.request('POST', '/api/complaints', {
      body: { ...COMPLAINT, organisationId: '6b0c1a53-2f7a-4d7e-9a55-0d1f0e5a2b61' },
    });
    expect(unknownSeller.status).toBe(400);
    expect(unknownSeller.body.fields[0].field).toBe('organisationId');
    expect((await api.request('POST', '/api/complaints', { body: { ...COMPLAINT, status: 'resolved' } })).status).toBe(
      400,
    );

    const tracked = await api.request(
      'GET',
      `/api/complaints/track?code=${submitted.body.code}&contact=%2B84987654321`,
    );
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ code: submitted.body.code, status: 'received' });
    const wrongContact = await api.request(
      'GET',
      `/api/complaints/track?code=${submitted.body.code}&contact=0900000000`,
    );
    expect(wrongContact.status).toBe(404);
  });

  it('is listed and handled by officers only', async () => {
    const buyer = await api.tokenFor('buyer');
    const seller = await api.tokenFor('seller_member');
    expect((await api.request('GET', '/api/complaints', { token: buyer })).status).toBe(403);
    expect((await api.request('GET', '/api/complaints', { token: seller })).status).toBe(403);
    expect((await api.request('GET', '/api/complaints')).status).toBe(401);

    const list = await api.request('GET', '/api/complaints?status=received&category=product_quality', {
      token: officer,
    });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      consumerPhone: '+84987654321',
      channel: 'web',
      status: 'received',
      daysToResolve: null,
    });
    const id = list.body[0].id;
    expect(
      (await api.request('POST', `/api/complaints/${id}/status`, { token: seller, body: { status: 'in_progress' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/complaints/${id}/status`, {
          token: buyer,
          body: { status: 'resolved', reason: 'Xong' },
        })
      ).status,
    ).toBe(403);
    expect((await api.request('GET', '/api/complaints?status=resolved', { token: officer })).body).toEqual([]);
  });

  it('goes through its lifecycle with reasons, and measures the time to resolve', async () => {
    // Received by phone three days ago, typed in now.
    const receivedAt = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000).toISOString();
    const recorded = await api.request('POST', '/api/complaints/recorded', {
      token: officer,
      body: {
        ...COMPLAINT,
        consumerPhone: undefined,
        consumerEmail: 'Mai.Tran@Example.vn',
        channel: 'phone',
        receivedAt,
        category: 'delivery',
      },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      channel: 'phone',
      consumerEmail: 'mai.tran@example.vn',
      status: 'received',
      receivedAt,
    });
    const id = recorded.body.id;
    const move = (body: Record<string, unknown>) =>
      api.request('POST', `/api/complaints/${id}/status`, { token: officer, body });

    const started = await move({ status: 'in_progress' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      status: 'in_progress',
      handledBy: { name: expect.stringContaining('Hoàng Văn Minh') },
    });

    const noResolution = await move({ status: 'resolved' });
    expect(noResolution.status).toBe(400);
    expect(noResolution.body.fields[0].field).toBe('reason');

    const resolved = await move({
      status: 'resolved',
      reason: 'Người bán đã gửi lại hàng mới và hoàn phí vận chuyển.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: 'Người bán đã gửi lại hàng mới và hoàn phí vận chuyển.',
    });
    expect(resolved.body.daysToResolve).toBeGreaterThanOrEqual(3);
    expect(resolved.body.daysToResolve).toBeLessThan(3.01);

    expect((await move({ status: 'resolved', reason: 'Lần nữa' })).status).toBe(409);
    expect((await move({ status: 'in_progress' })).status).toBe(400);
    const reopened = await move({ status: 'in_progress', reason: 'Khách báo hàng gửi lại vẫn bị mốc.' });
    expect(reopened.body).toMatchObject({
      status: 'in_progress',
      resolvedAt: null,
      resolution: null,
      daysToResolve: null,
    });
    const rejected = await move({ status: 'rejected', reason: 'Khách không cung cấp được hình ảnh, hóa đơn.' });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      resolution: 'Khách không cung cấp được hình ảnh, hóa đơn.',
      resolvedAt: null,
    });

    const detail = await api.request('GET', `/api/complaints/${id}`, { token: officer });
    expect(
      detail.body.history.map((h: { fromStatus: string | null; toStatus: string }) => [h.fromStatus, h.toStatus]),
    ).toEqual([
      [null, 'received'],
      ['received', 'in_progress'],
      ['in_progress', 'resolved'],
      ['resolved', 'in_progress'],
      ['in_progress', 'rejected'],
    ]);
    expect(detail.body.history[3].reason).toBe('Khách báo hàng gửi lại vẫn bị mốc.');

    const tracked = await api.request(
      'GET',
      `/api/complaints/track?code=${detail.body.code}&contact=mai.tran@example.vn`,
    );
    expect(tracked.body).toMatchObject({
      status: 'rejected',
      resolution: 'Khách không cung cấp được hình ảnh, hóa đơn.',
    });

    const future = await api.request('POST', '/api/complaints/recorded', {
      token: officer,
      body: { ...COMPLAINT, channel: 'letter', receivedAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(future.status).toBe(400);
  });

  it('computes the complaint KPIs as worked out by hand', async () => {
    const organisations = await api.request('GET', '/api/organisations', { token: officer });
    const demo = organisations.body[0];
    const insert = (
      code: string,
      receivedAt: string,
      status: string,
      resolvedAt: string | null,
      organisationId: string | null = null,
    ) =>
      sql(
        api,
        `INSERT INTO complaints (code, received_at, channel, consumer_name, consumer_phone, category, description, status, resolved_at, organisation_id)
         VALUES ($1, $2, 'web', 'Khách', '+84987000000', 'delivery', 'Mô tả khiếu nại', $3, $4, $5)`,
        [code, receivedAt, status, resolvedAt, organisationId],
      );
    // March 2025: five complaints received; one received in February and resolved in March.
    await insert('KN2025-900001', '2025-03-01T00:00:00Z', 'resolved', '2025-03-03T00:00:00Z', demo.id); // 2 days
    await insert('KN2025-900002', '2025-03-05T00:00:00Z', 'resolved', '2025-03-25T00:00:00Z'); // 20 days
    await insert('KN2025-900003', '2025-03-10T00:00:00Z', 'rejected', null);
    await insert('KN2025-900004', '2025-03-12T00:00:00Z', 'in_progress', null);
    await insert('KN2025-900005', '2025-03-20T00:00:00Z', 'received', null);
    await insert('KN2025-900006', '2025-02-20T00:00:00Z', 'resolved', '2025-03-02T00:00:00Z'); // outside the cohort

    const complaints = api.app.get(ComplaintsService);
    const march = [new Date('2025-03-01T00:00:00Z'), new Date('2025-04-01T00:00:00Z')] as const;
    const stats = await complaints.complaintStats(...march);
    expect(stats).toMatchObject({
      withinDays: 15,
      received: 5,
      byStatus: { received: 1, in_progress: 1, resolved: 2, rejected: 1 },
      byCategory: { delivery: 5, product_quality: 0 },
      open: 2,
      // The rejected complaint leaves the denominators: 5 − 1 = 4.
      resolvedShare: { numerator: 2, denominator: 4 },
      // Only the 2-day one is within 15 days.
      resolvedWithinDays: { numerator: 1, denominator: 4 },
      averageDaysToResolve: 11,
      medianDaysToResolve: 11,
      // 03-02, 03-03 and 03-25, whenever received.
      resolvedDuringPeriod: 3,
    });
    expect((await complaints.complaintStats(...march, { withinDays: 30 })).resolvedWithinDays).toEqual({
      numerator: 2,
      denominator: 4,
    });
    const ward = await complaints.complaintStats(...march, { communeCode: '05977' });
    expect(ward).toMatchObject({
      received: 1,
      resolvedWithinDays: { numerator: 1, denominator: 1 },
      averageDaysToResolve: 2,
    });

    const overHttp = await api.request('GET', '/api/complaints/stats?from=2025-03-01&to=2025-03-31&withinDays=30', {
      token: officer,
    });
    expect(overHttp.status).toBe(200);
    expect(overHttp.body).toMatchObject({
      received: 5,
      resolvedWithinDays: { numerator: 2, denominator: 4 },
      averageDaysToResolve: 11,
    });
    expect((await api.request('GET', '/api/complaints/stats?withinDays=0', { token: officer })).status).toBe(400);

    const listed = await api.request('GET', '/api/complaints?from=2025-03-01&to=2025-03-31&status=resolved', {
      token: officer,
    });
    expect(listed.body.map((c: { code: string; daysToResolve: number }) => [c.code, c.daysToResolve])).toEqual([
      ['KN2025-900002', 20],
      ['KN2025-900001', 2],
    ]);
  });
});
