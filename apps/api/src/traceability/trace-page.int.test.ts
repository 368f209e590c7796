import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { EPCIS_CONTEXT } from './epcis.js';
import {
  batchBody,
  DEMO_ORGANISATION_SLUG,
  DRYING_EVENT,
  HARVEST_EVENT,
  organisationId,
  secondSeller,
  tamper,
  testGtin13,
  tracedProduct,
} from './testing/trace-fixtures.js';
import { TraceabilityService } from './traceability.service.js';

describe('the public trace page and its scans', () => {
  let api: TestApp;
  let seller: string;
  let demoOrg: string;
  let gtin13: string;
  let withGtin: { id: string; code: string; productId: string };
  let withoutGtin: { id: string; code: string; productId: string };

  async function batchWithEvents(productId: string, lot: string) {
    const batch = (
      await api.request('POST', '/api/seller/batches', { token: seller, body: batchBody(productId, { lot }) })
    ).body;
    for (const event of [HARVEST_EVENT, DRYING_EVENT]) {
      const appended = await api.request('POST', `/api/seller/batches/${batch.id}/events`, {
        token: seller,
        body: event,
      });
      expect(appended.status).toBe(201);
    }
    return { id: batch.id as string, code: batch.code as string, productId };
  }

  /** The page as a phone gets it: anonymous, HTML. */
  const page = (path: string, init: RequestInit = {}) => fetch(`${api.baseUrl}${path}`, init);
  const scans = async (batchId: string) =>
    (
      await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM trace_scans WHERE batch_id = $1', [
        batchId,
      ])
    )[0]!.n;

  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
    demoOrg = await organisationId(api, DEMO_ORGANISATION_SLUG);
    gtin13 = testGtin13();
    const hoi = await tracedProduct(api, {
      organisationId: demoOrg,
      name: 'Hoa hồi khô Văn Quan loại 1',
      gtin: gtin13,
      ocopStars: 4,
    });
    await sql(
      api.databaseUrl,
      `INSERT INTO quality_certificates (product_id, organisation_id, kind, certificate_number, issuer, issued_on, expires_on)
       VALUES ($1, $2, 'vietgap', 'VietGAP-TT-19-07-20-0012', 'VietCert', '2024-05-01', '2027-04-30'),
              ($1, $2, 'haccp', 'HACCP-0001', 'IQC', '2020-01-01', '2023-01-01')`,
      [hoi.productId, demoOrg],
    );
    withGtin = await batchWithEvents(hoi.productId, 'HOI-2026/01');
    const mang = await tracedProduct(api, { organisationId: demoOrg, name: 'Măng khô Đình Lập' });
    withoutGtin = await batchWithEvents(mang.productId, 'MKDL-01');
  });
  afterAll(() => api.close());

  it('serves the short URI /t/{code} outside /api, as small server-rendered Vietnamese HTML', async () => {
    const response = await page(`/t/${withoutGtin.code}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<h1>Măng khô Đình Lập</h1>');
    expect(html).toContain('Hợp tác xã Nông sản Đông Kinh');
    expect(html).toContain('Hành trình sản phẩm');
    expect(html).toContain('Thu hoạch');
    expect(html).toContain('Sơ chế, chế biến');
    expect(html).toContain('Xã Văn Quan, Lạng Sơn');
    expect(html).toContain('06:30 · 05/01/2026');
    expect(html).toContain('✓ Dữ liệu toàn vẹn');
    expect(html).toMatch(/<a class="buy" href="http:\/\/localhost:3000\/san-pham\/mang-kho-dinh-lap-[a-z0-9]+">/);
    expect(html).toContain(
      '<a href="http://localhost:3000/cua-hang/htx-nong-san-dong-kinh">Hợp tác xã Nông sản Đông Kinh</a>',
    );
    expect(html).not.toContain('<div id="root">');
    expect(Buffer.byteLength(html)).toBeLessThan(14_000);
    // Codes typed by hand (lower case, a dash) find the same batch.
    expect((await page(`/t/${withoutGtin.code.toLowerCase().replace(/^(.{5})/, '$1-')}`)).status).toBe(200);
  });

  it('resolves the GS1 Digital Link itself, with GTIN-14 or the GTIN-13 it pads, and a percent-encoded lot', async () => {
    for (const gtin of [`0${gtin13}`, gtin13]) {
      const response = await page(`/01/${gtin}/10/HOI-2026%2F01`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<h1>Hoa hồi khô Văn Quan loại 1</h1>');
      expect(html).toContain(`Mã truy xuất ${withGtin.code}`);
      expect(html).toContain('★★★★ OCOP 4 sao');
      expect(html).toContain('VietGAP – số VietGAP-TT-19-07-20-0012, VietCert: còn hiệu lực đến 30/04/2027');
      expect(html).toContain('HACCP – số HACCP-0001, IQC: đã hết hiệu lực đến 01/01/2023');
      expect(html).toContain(`GS1 Digital Link: http://localhost:3000/01/0${gtin13}/10/HOI-2026%2F01`);
    }
    // A serial after the lot still opens the lot's page; a wrong check digit or lot finds nothing.
    expect((await page(`/01/0${gtin13}/10/HOI-2026%2F01/21/0001`)).status).toBe(200);
    const wrongDigit = `${gtin13.slice(0, 12)}${(Number(gtin13[12]) + 1) % 10}`;
    expect((await page(`/01/${wrongDigit}/10/HOI-2026%2F01`)).status).toBe(404);
    const missing = await page(`/01/0${gtin13}/10/HOI-2026%2F02`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Không tìm thấy mã truy xuất');
    expect((await page('/t/0000000000')).status).toBe(404);
  });

  it('says the chain is broken when a record was changed in the database behind the trigger', async () => {
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Nấm hương rừng' });
    const batch = await batchWithEvents(product.productId, 'NAM-01');
    expect(await (await page(`/t/${batch.code}`)).text()).toContain('✓ Dữ liệu toàn vẹn');

    await tamper(api, "UPDATE trace_events SET notes = 'Phơi 2 nắng' WHERE batch_id = $1 AND seq = 1", [batch.id]);
    const html = await (await page(`/t/${batch.code}`)).text();
    expect(html).toContain('⚠ Cảnh báo: chuỗi dữ liệu bị đứt từ bước 1');
    expect(html).not.toContain('✓ Dữ liệu toàn vẹn');
    const json = await api.request('GET', `/api/trace/${batch.code}`);
    expect(json.body.chain).toMatchObject({ verified: false, brokenAtSeq: 1, problem: 'event_changed' });

    // The same with the trigger disabled and the batch's own facts edited.
    const other = await batchWithEvents(product.productId, 'NAM-02');
    await sql(api.databaseUrl, 'ALTER TABLE trace_batches DISABLE TRIGGER trace_batches_guard');
    try {
      await sql(api.databaseUrl, "UPDATE trace_batches SET expires_on = '2030-01-01' WHERE id = $1", [other.id]);
    } finally {
      await sql(api.databaseUrl, 'ALTER TABLE trace_batches ENABLE TRIGGER trace_batches_guard');
    }
    expect(await (await page(`/t/${other.code}`)).text()).toContain('chuỗi dữ liệu bị đứt ở hồ sơ lô hàng');

    // Deleting the last event is noticed through the head the batch keeps.
    const third = await batchWithEvents(product.productId, 'NAM-03');
    await tamper(api, 'DELETE FROM trace_events WHERE batch_id = $1 AND seq = 2', [third.id]);
    expect((await api.request('GET', `/api/trace/${third.code}`)).body.chain).toMatchObject({
      verified: false,
      problem: 'head_mismatch',
    });
  });

  it('serves the record as JSON for the apps and as EPCIS 2.0 JSON-LD', async () => {
    const record = await api.request('GET', `/api/trace/${withGtin.code}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      code: withGtin.code,
      product: { name: 'Hoa hồi khô Văn Quan loại 1' },
      batch: { lot: 'HOI-2026/01', gtin: `0${gtin13}` },
      chain: { verified: true, eventCount: 2 },
    });
    expect(record.body.scanId).toBeUndefined();
    // An app that scanned a Digital Link (on any domain, GTIN-13 or -14) or a short URI asks the platform to resolve it.
    for (const uri of [
      `https://id.gs1.org/01/${gtin13}/10/HOI-2026%2F01?17=270112`,
      `http://localhost:3000/t/${withGtin.code}`,
    ]) {
      const resolved = await api.request('GET', `/api/trace/resolve?uri=${encodeURIComponent(uri)}`);
      expect(resolved.body.code).toBe(withGtin.code);
    }
    expect(
      (await api.request('GET', `/api/trace/resolve?uri=${encodeURIComponent('https://id.gs1.org/01/' + gtin13)}`))
        .status,
    ).toBe(404);
    expect((await api.request('GET', '/api/trace/NOPE')).status).toBe(404);

    const epcis = await api.request('GET', `/api/trace/${withGtin.code}/epcis`);
    expect(epcis.headers.get('content-type')).toContain('application/ld+json');
    const document = epcis.body;
    expect(document).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0' });
    expect(document['@context'][0]).toBe(EPCIS_CONTEXT);
    const [harvest, drying] = document.epcisBody.eventList;
    const lotClass = `http://localhost:3000/01/0${gtin13}/10/HOI-2026%2F01`;
    expect(harvest).toMatchObject({
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
      eventTime: '2026-01-05T06:30:00+07:00',
      eventTimeZoneOffset: '+07:00',
      quantityList: [{ epcClass: lotClass, quantity: 520, uom: 'KGM' }],
      ilmd: {
        'cbvmda:lotNumber': 'HOI-2026/01',
        'cbvmda:harvestStartDate': '2026-01-05',
        'cbvmda:itemExpirationDate': '2027-01-12',
      },
      bizLocation: { id: 'http://localhost:3000/api/communes/06253' },
    });
    expect(drying).toMatchObject({
      type: 'TransformationEvent',
      inputQuantityList: [{ epcClass: lotClass, quantity: 520, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: lotClass, quantity: 130.5, uom: 'KGM' }],
    });
    // Without a GTIN the lot is named by the platform's own URI.
    const noGtin = await api.request('GET', `/api/trace/${withoutGtin.code}/epcis`);
    expect(noGtin.body.epcisBody.eventList[0].quantityList[0].epcClass).toBe(
      `http://localhost:3000/t/${withoutGtin.code}`,
    );
  });

  it('records every page view as a scan, without the visitor, and a location only when shared', async () => {
    const before = await scans(withoutGtin.id);
    const response = await page(`/t/${withoutGtin.code}`);
    const html = await response.text();
    expect(await scans(withoutGtin.id)).toBe(before + 1);
    await page(`/01/0${gtin13}/10/HOI-2026%2F01`);
    expect(
      (await sql(api.databaseUrl, 'SELECT via FROM trace_scans WHERE batch_id = $1', [withGtin.id])).map((r) => r.via),
    ).toContain('digital_link');

    // HEAD probes and link-preview bots are not scans; an app asks for one explicitly.
    await page(`/t/${withoutGtin.code}`, { method: 'HEAD' });
    await page(`/t/${withoutGtin.code}`, { headers: { 'user-agent': 'facebookexternalhit/1.1' } });
    expect(await scans(withoutGtin.id)).toBe(before + 1);
    const fromApp = await api.request('GET', `/api/trace/${withoutGtin.code}?scan=true`);
    expect(fromApp.body.scanId).toEqual(expect.any(String));
    expect(await scans(withoutGtin.id)).toBe(before + 2);

    const scanId = /data-scan="([0-9a-f-]{36})"/.exec(html)![1]!;
    const [stored] = await sql(api.databaseUrl, 'SELECT * FROM trace_scans WHERE id = $1', [scanId]);
    expect(Object.keys(stored).sort()).toEqual(
      [
        'batch_id',
        'id',
        'latitude',
        'location_shared_at',
        'longitude',
        'organisation_id',
        'product_id',
        'scanned_at',
        'via',
      ].sort(),
    );
    expect(stored.latitude).toBeNull();
    const shared = await api.request('POST', `/api/trace/scans/${scanId}/location`, {
      body: { latitude: 21.853712, longitude: 106.761549 },
    });
    expect(shared.status).toBe(204);
    const [located] = await sql(
      api.databaseUrl,
      'SELECT latitude::text, longitude::text FROM trace_scans WHERE id = $1',
      [scanId],
    );
    expect(located).toEqual({ latitude: '21.85', longitude: '106.76' });
    // Once only.
    expect(
      (await api.request('POST', `/api/trace/scans/${scanId}/location`, { body: { latitude: 10, longitude: 106 } }))
        .status,
    ).toBe(404);
  });

  it('counts scans per product and per seller, and OCOP products with traceability, for the KPI', async () => {
    // Earlier tests' scans are moved out of the window so that this one counts only its own.
    await sql(api.databaseUrl, "UPDATE trace_scans SET scanned_at = scanned_at - interval '1 day'");
    const from = new Date(Date.now() - 60_000);
    const rival = await secondSeller(api);
    const rivalProduct = await tracedProduct(api, {
      organisationId: rival.organisationId,
      name: 'Thạch đen Tràng Định',
      ocopStars: 3,
    });
    const rivalBatch = (
      await api.request('POST', '/api/seller/batches', { token: rival.token, body: batchBody(rivalProduct.productId) })
    ).body;
    // An OCOP product without batches, and one whose certificate has expired.
    await tracedProduct(api, { organisationId: demoOrg, name: 'Rượu Mẫu Sơn', ocopStars: 3 });
    await tracedProduct(api, { organisationId: demoOrg, name: 'Chè shan tuyết', ocopStars: 4, ocopExpired: true });

    for (let i = 0; i < 3; i++) await page(`/t/${withoutGtin.code}`);
    await page(`/01/${gtin13}/10/HOI-2026%2F01`);
    await page(`/t/${rivalBatch.code}`);
    const to = new Date(Date.now() + 60_000);

    const stats = await api.app.get(TraceabilityService).scanStats(from, to);
    expect(stats.totalScans).toBe(5);
    expect(stats.byProduct).toEqual([
      { id: withoutGtin.productId, name: 'Măng khô Đình Lập', organisationId: demoOrg, scans: 3 },
      { id: withGtin.productId, name: 'Hoa hồi khô Văn Quan loại 1', organisationId: demoOrg, scans: 1 },
      { id: rivalProduct.productId, name: 'Thạch đen Tràng Định', organisationId: rival.organisationId, scans: 1 },
    ]);
    expect(stats.bySeller).toEqual([
      { id: demoOrg, name: 'Hợp tác xã Nông sản Đông Kinh', scans: 4 },
      { id: rival.organisationId, name: 'Công ty TNHH Thạch Đen Tràng Định', scans: 1 },
    ]);
    // Hồi (4 stars) and thạch đen (3 stars) have batches; rượu has none; the expired chè does not count.
    expect(stats).toMatchObject({ ocopProducts: 3, ocopProductsWithTraceability: 2 });

    const officer = await api.tokenFor('province_officer');
    const viaHttp = await api.request(
      'GET',
      `/api/province/traceability/stats?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
      { token: officer },
    );
    expect(viaHttp.body.totalScans).toBe(5);
    expect(
      (
        await api.request('GET', `/api/province/traceability/stats?from=${from.toISOString()}&to=${to.toISOString()}`, {
          token: seller,
        })
      ).status,
    ).toBe(403);
  });
});
