import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { TrainingService } from './training.service.js';

const EVENT = {
  title: 'Tập huấn pháp luật về thương mại điện tử cho cán bộ quản lý nhà nước',
  organiser: 'Sở Công Thương tỉnh Lạng Sơn',
  communeCode: '06253',
  location: 'Hội trường UBND xã Văn Quan',
  startsAt: '2026-03-10T01:00:00Z',
  endsAt: '2026-03-10T09:00:00Z',
  format: 'offline',
  topic: 'Nghị định về thương mại điện tử, bảo vệ quyền lợi người tiêu dùng',
  audience: ['official'],
};

describe('training events and participation statistics', () => {
  let api: TestApp;
  let officer: string;
  const ids: Record<string, string> = {};

  const add = async (event: string, body: Record<string, unknown>) => {
    const response = await api.request('POST', `/api/training/events/${ids[event]}/participants`, {
      token: officer,
      body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.tokenFor('province_officer');
  });
  afterAll(() => api.close());

  it('creates events in the home province, officers only', async () => {
    const created = await api.request('POST', '/api/training/events', { token: officer, body: EVENT });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      provinceCode: '20',
      commune: { code: '06253', name: 'Xã Văn Quan' },
      format: 'offline',
      audience: ['official'],
      participations: 0,
      absent: 0,
    });
    ids.e1 = created.body.id;

    const e2 = await api.request('POST', '/api/training/events', {
      token: officer,
      body: {
        ...EVENT,
        title: 'Bồi dưỡng kỹ năng bán hàng trực tuyến cho doanh nghiệp và sinh viên',
        communeCode: '05977',
        startsAt: '2026-04-15T01:00:00Z',
        endsAt: '2026-04-16T09:00:00Z',
        format: 'hybrid',
        audience: ['enterprise_staff', 'student'],
      },
    });
    ids.e2 = e2.body.id;
    const e3 = await api.request('POST', '/api/training/events', {
      token: officer,
      body: { ...EVENT, title: 'Lớp năm trước', startsAt: '2025-12-20T01:00:00Z', endsAt: '2025-12-20T05:00:00Z' },
    });
    ids.e3 = e3.body.id;

    const backwards = await api.request('POST', '/api/training/events', {
      token: officer,
      body: { ...EVENT, endsAt: '2026-03-09T00:00:00Z' },
    });
    expect(backwards.status).toBe(400);
    const elsewhere = await api.request('POST', '/api/training/events', {
      token: officer,
      body: { ...EVENT, communeCode: '22333' },
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.fields[0].field).toBe('communeCode');
    const badFormat = await api.request('POST', '/api/training/events', {
      token: officer,
      body: { ...EVENT, format: 'zoom' },
    });
    expect(badFormat.status).toBe(400);
    for (const role of ['seller_member', 'buyer'] as const) {
      const token = await api.tokenFor(role);
      expect((await api.request('POST', '/api/training/events', { token, body: EVENT })).status).toBe(403);
      expect((await api.request('GET', '/api/training/events', { token })).status).toBe(403);
    }

    const in2026 = await api.request('GET', '/api/training/events?from=2026-01-01&to=2026-12-31', { token: officer });
    expect(in2026.body.map((e: { id: string }) => e.id)).toEqual([ids.e2, ids.e1]);
    const inWard = await api.request('GET', '/api/training/events?communeCode=05977', { token: officer });
    expect(inWard.body.map((e: { id: string }) => e.id)).toEqual([ids.e2]);
  });

  it('adds participants one by one, once per person and event', async () => {
    const first = await add('e1', {
      participantName: '  Hoàng   Văn An ',
      participantType: 'official',
      gender: 'male',
      phone: '0912 345 678',
      organisationName: 'UBND xã Văn Quan',
    });
    expect(first).toMatchObject({
      participantName: 'Hoàng Văn An',
      phone: '+84912345678',
      attended: true,
      source: 'manual',
      organisation: null,
    });

    const samePhone = await api.request('POST', `/api/training/events/${ids.e1}/participants`, {
      token: officer,
      body: { participantName: 'Hoàng V. An', participantType: 'official', phone: '+84912345678' },
    });
    expect(samePhone.status).toBe(409);
    expect(samePhone.body.code).toBe('participant_duplicate');

    const badPhone = await api.request('POST', `/api/training/events/${ids.e1}/participants`, {
      token: officer,
      body: { participantName: 'Lý Thị Bình', participantType: 'official', phone: '12345' },
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.fields[0].field).toBe('phone');
    const badType = await api.request('POST', `/api/training/events/${ids.e1}/participants`, {
      token: officer,
      body: { participantName: 'Lý Thị Bình', participantType: 'teacher' },
    });
    expect(badType.status).toBe(400);

    const seller = await api.tokenFor('seller_member');
    expect(
      (
        await api.request('POST', `/api/training/events/${ids.e1}/participants`, {
          token: seller,
          body: { participantName: 'X Y', participantType: 'other' },
        })
      ).status,
    ).toBe(403);
  });

  it('links a participant to the organisation with the tax code given', async () => {
    const organisations = await api.request('GET', '/api/organisations', { token: officer });
    const demo = organisations.body[0];
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    await client.query("UPDATE organisations SET tax_code = '4900238521' WHERE id = $1", [demo.id]);
    await client.end();

    const linked = await add('e2', {
      participantName: 'Lăng Thị Hoa',
      participantType: 'cooperative_member',
      organisationTaxCode: '4900238521',
      gender: 'female',
    });
    expect(linked.organisation).toEqual({ id: demo.id, name: demo.name });
    expect(linked.organisationTaxCode).toBe('4900238521');
  });

  it('counts participations by type, gender, commune and audience, as worked out by hand', async () => {
    // e1 (06253, officials, 2026-03-10): An (already added) + two more officials, one absent cooperative member.
    await add('e1', {
      participantName: 'Lý Thị Bình',
      participantType: 'official',
      gender: 'female',
      phone: '0987000001',
    });
    await add('e1', { participantName: 'Vi Văn Cường', participantType: 'official' });
    await add('e1', { participantName: 'Nông Văn Dũng', participantType: 'cooperative_member', attended: false });
    // e2 (05977, enterprise staff and students, 2026-04-15): An again, two students, one enterprise staff;
    // Lăng Thị Hoa (cooperative) was added above.
    await add('e2', { participantName: 'Hoàng Văn An', participantType: 'official', phone: '0912345678' });
    await add('e2', { participantName: 'Đinh Thu Hà', participantType: 'student', gender: 'female' });
    await add('e2', { participantName: 'Chu Minh Khoa', participantType: 'student', gender: 'male' });
    await add('e2', {
      participantName: 'Triệu Thị Lan',
      participantType: 'enterprise_staff',
      gender: 'female',
      phone: '0987000002',
    });
    // e3 (2025) must not count in 2026.
    await add('e3', { participantName: 'Hoàng Văn An', participantType: 'official', phone: '0912345678' });

    const training = api.app.get(TrainingService);
    const year = { from: new Date('2025-12-31T17:00:00Z'), to: new Date('2026-12-31T17:00:00Z') };
    const stats = await training.trainingStats(year.from, year.to);
    expect(stats).toMatchObject({
      events: 2,
      eventsByFormat: { offline: 1, hybrid: 1, online: 0 },
      eventsByAudience: { official: 1, enterprise_staff: 1, student: 1, cooperative_member: 0 },
      // e1: An, Bình, Cường = 3; e2: Hoa, An, Hà, Khoa, Lan = 5.
      participations: 8,
      registeredNotAttended: 1,
      byParticipantType: { official: 4, cooperative_member: 1, student: 2, enterprise_staff: 1, household_business: 0 },
      byGender: { female: 4, male: 2, other: 0, unknown: 2 },
      // An attended twice: one person.
      distinctPeople: 7,
      distinctPeopleByType: { official: 3, student: 2 },
      organisationsReached: 1,
    });

    const ward = await training.trainingStats(year.from, year.to, '06253');
    expect(ward).toMatchObject({
      communeCode: '06253',
      events: 1,
      participations: 3,
      byParticipantType: { official: 3 },
    });

    // The BG KPIs: participations of officials, and of enterprise staff, start-up youth and students.
    const officials = await training.trainingStats(year.from, year.to, undefined, { participantTypes: ['official'] });
    expect(officials.participations).toBe(4);
    const business = await training.trainingStats(year.from, year.to, undefined, {
      participantTypes: ['enterprise_staff', 'startup_youth', 'student'],
    });
    expect(business.participations).toBe(3);
    const classesForBusiness = await training.trainingStats(year.from, year.to, undefined, {
      eventAudience: ['enterprise_staff', 'startup_youth', 'student'],
    });
    expect(classesForBusiness.events).toBe(1);
    const allTime = await training.trainingStats(new Date('2020-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    expect(allTime).toMatchObject({ events: 3, participations: 9, distinctPeople: 7 });

    const summary = await api.request('GET', '/api/training/summary?from=2026-01-01&to=2026-12-31', { token: officer });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      events: 2,
      participations: 8,
      byParticipantType: { official: 4, student: 2 },
    });
    const wardSummary = await api.request(
      'GET',
      '/api/training/summary?from=2026-01-01&to=2026-12-31&communeCode=05977',
      { token: officer },
    );
    expect(wardSummary.body).toMatchObject({ events: 1, participations: 5 });
    expect((await api.request('GET', '/api/training/summary?from=2026-13-01', { token: officer })).status).toBe(400);

    const event = await api.request('GET', `/api/training/events/${ids.e1}`, { token: officer });
    expect(event.body).toMatchObject({ participations: 3, absent: 1 });
    const participants = await api.request('GET', `/api/training/events/${ids.e1}/participants`, { token: officer });
    expect(participants.body.map((p: { participantName: string }) => p.participantName)).toEqual([
      'Hoàng Văn An',
      'Lý Thị Bình',
      'Vi Văn Cường',
      'Nông Văn Dũng',
    ]);
  });
});
