import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import {
  countRows,
  createSeller,
  daysFromToday,
  PDF,
  PNG,
  publishedProduct,
  upload,
} from './testing/catalog-fixtures.js';

const certificate = (overrides: Record<string, unknown> = {}) => ({
  stars: 4,
  certificateNumber: '2567/QĐ-UBND',
  issuingLevel: 'provincial',
  issuingAuthority: 'UBND tỉnh Lạng Sơn',
  issuedOn: daysFromToday(-200),
  expiresOn: daysFromToday(900),
  ...overrides,
});

describe('OCOP certificates', () => {
  let api: TestApp;
  let seller: string;
  let officer: string;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ocop-certs-'));
    api = await startTestApp({ env: { DATA_DIR: dataDir } });
    seller = await api.tokenFor('seller_member');
    officer = await api.tokenFor('province_officer');
  });
  afterAll(async () => {
    try {
      await api.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const publicStars = async (slug: string) => {
    const detail = await api.request('GET', `/api/catalog/products/${slug}`);
    const listed = await api.request(
      'GET',
      `/api/catalog/products?q=${encodeURIComponent(detail.body.name)}&pageSize=100`,
    );
    const item = listed.body.items.find((p: { slug: string }) => p.slug === slug);
    return { ocop: detail.body.ocop, listStars: item.ocopStars, listExpired: item.ocopExpired };
  };

  it('goes from submission to the storefront only through an officer’s verification', async () => {
    const product = await publishedProduct(api, seller, { name: 'Thạch đen Tràng Định' });
    const submitted = await api.request('PUT', `/api/seller/products/${product.id}/ocop-certificate`, {
      token: seller,
      body: certificate(),
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'pending', stars: 4, hasDocument: false, expired: false });
    expect(await publicStars(product.slug)).toEqual({ ocop: null, listStars: null, listExpired: false });

    const noScan = await api.request('POST', `/api/province/ocop-certificates/${submitted.body.id}/verify`, {
      token: officer,
    });
    expect(noScan.status).toBe(409);
    expect(noScan.body.code).toBe('ocop_document_missing');

    const scanned = await upload(api, `/api/seller/products/${product.id}/ocop-certificate/document`, seller, {
      bytes: PDF,
      filename: 'quyet-dinh.pdf',
      contentType: 'application/pdf',
    });
    expect(scanned.status).toBe(201);
    expect(scanned.body.hasDocument).toBe(true);

    const queue = await api.request('GET', '/api/province/ocop-certificates?status=pending', { token: officer });
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: { id: string }) => i.id === submitted.body.id);
    expect(item).toMatchObject({
      stars: 4,
      product: { id: product.id, name: 'Thạch đen Tràng Định' },
      organisation: { name: 'Hợp tác xã Nông sản Đông Kinh', communeCode: '05977', communeName: 'Phường Đông Kinh' },
      documentUrl: `/api/province/ocop-certificates/${submitted.body.id}/document`,
    });
    const document = await fetch(`${api.baseUrl}${item.documentUrl}`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(document.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await document.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(`${api.baseUrl}${item.documentUrl}`)).status).toBe(401);

    const verified = await api.request('POST', `/api/province/ocop-certificates/${submitted.body.id}/verify`, {
      token: officer,
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', reviewedAt: expect.any(String) });
    const shown = await publicStars(product.slug);
    expect(shown).toMatchObject({
      listStars: 4,
      listExpired: false,
      ocop: { stars: 4, expired: false, certificateNumber: '2567/QĐ-UBND', issuingLevel: 'provincial' },
    });

    const again = await api.request('POST', `/api/province/ocop-certificates/${submitted.body.id}/verify`, {
      token: officer,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ocop_certificate_not_pending');
  });

  it('keeps the verified stars on show while a renewal waits, then switches', async () => {
    const product = await publishedProduct(api, seller, { name: 'Hoa hồi Văn Quan loại 1' });
    const first = await api.request('PUT', `/api/seller/products/${product.id}/ocop-certificate`, {
      token: seller,
      body: certificate({ stars: 3 }),
    });
    await upload(api, `/api/seller/products/${product.id}/ocop-certificate/document`, seller, {
      bytes: PNG,
      filename: 'a.png',
      contentType: 'image/png',
    });
    await api.request('POST', `/api/province/ocop-certificates/${first.body.id}/verify`, { token: officer });

    const renewal = await api.request('PUT', `/api/seller/products/${product.id}/ocop-certificate`, {
      token: seller,
      body: certificate({
        stars: 5,
        issuingLevel: 'central',
        issuingAuthority: 'Bộ Nông nghiệp và Môi trường',
        certificateNumber: '88/QĐ-BNN',
      }),
    });
    expect(renewal.body.id).not.toBe(first.body.id);
    expect((await publicStars(product.slug)).listStars).toBe(3);

    await upload(api, `/api/seller/products/${product.id}/ocop-certificate/document`, seller, {
      bytes: PDF,
      filename: 'a.pdf',
      contentType: 'application/pdf',
    });
    await api.request('POST', `/api/province/ocop-certificates/${renewal.body.id}/verify`, { token: officer });
    expect((await publicStars(product.slug)).listStars).toBe(5);
    const own = await api.request('GET', `/api/seller/products/${product.id}`, { token: seller });
    expect(own.body.ocopCertificates.map((c: { status: string; stars: number }) => [c.status, c.stars])).toEqual([
      ['verified', 5],
    ]);
    expect(await countRows(api, 'ocop_certificates', "product_id = $1 AND status = 'superseded'", [product.id])).toBe(
      1,
    );
  });

  it('rejects with a reason; the seller corrects the same submission and it returns to the queue', async () => {
    const product = await publishedProduct(api, seller, { name: 'Na Chi Lăng túi 2 kg' });
    const submitted = await api.request('PUT', `/api/seller/products/${product.id}/ocop-certificate`, {
      token: seller,
      body: certificate(),
    });
    const noReason = await api.request('POST', `/api/province/ocop-certificates/${submitted.body.id}/reject`, {
      token: officer,
      body: { reason: '' },
    });
    expect(noReason.status).toBe(400);
    const rejected = await api.request('POST', `/api/province/ocop-certificates/${submitted.body.id}/reject`, {
      token: officer,
      body: { reason: 'Số quyết định không khớp với bản scan.' },
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Số quyết định không khớp với bản scan.',
    });
    expect((await publicStars(product.slug)).ocop).toBeNull();

    const corrected = await api.request('PUT', `/api/seller/products/${product.id}/ocop-certificate`, {
      token: seller,
      body: certificate({ certificateNumber: '2568/QĐ-UBND' }),
    });
    expect(corrected.body).toMatchObject({
      id: submitted.body.id,
      status: 'pending',
      rejectionReason: null,
      certificateNumber: '2568/QĐ-UBND',
    });
  });

  it('flags an expired verified certificate on its own and stops showing its stars', async () => {
    const product = await publishedProduct(api, seller, { name: 'Rượu Mẫu Sơn 29 độ' });
    const submitted = await api.request('PUT', `/api/seller/products/${product.id}/ocop-certificate`, {
      token: seller,
      body: certificate(),
    });
    await upload(api, `/api/seller/products/${product.id}/ocop-certificate/document`, seller, {
      bytes: PDF,
      filename: 'a.pdf',
      contentType: 'application/pdf',
    });
    await api.request('POST', `/api/province/ocop-certificates/${submitted.body.id}/verify`, { token: officer });
    // Time passes: the certificate's expiry date goes by.
    await sql(
      api.databaseUrl,
      'UPDATE ocop_certificates SET issued_on = current_date - 1200, expires_on = current_date - 3 WHERE id = $1',
      [submitted.body.id],
    );
    const shown = await publicStars(product.slug);
    expect(shown).toMatchObject({ listStars: null, listExpired: true, ocop: { stars: null, expired: true } });
    const filtered = await api.request('GET', '/api/catalog/products?stars=3,4,5&pageSize=100');
    expect(filtered.body.items.map((p: { slug: string }) => p.slug)).not.toContain(product.slug);
  });

  describe('validation', () => {
    let productId: string;
    beforeAll(async () => {
      productId = (await publishedProduct(api, seller)).id;
    });
    const cases: [string, Record<string, unknown>, string][] = [
      ['stars outside 3–5', { stars: 2 }, 'stars'],
      ['stars as text', { stars: '4' }, 'stars'],
      ['expiry before issue', { issuedOn: daysFromToday(-10), expiresOn: daysFromToday(-400) }, 'expiresOn'],
      ['expiry equal to issue', { issuedOn: daysFromToday(-10), expiresOn: daysFromToday(-10) }, 'expiresOn'],
      ['an impossible date', { issuedOn: '2025-02-30' }, 'issuedOn'],
      ['an issue date in the future', { issuedOn: daysFromToday(30) }, 'issuedOn'],
      [
        'an already expired certificate',
        { issuedOn: daysFromToday(-1200), expiresOn: daysFromToday(-20) },
        'expiresOn',
      ],
      ['5 stars from the province', { stars: 5, issuingLevel: 'provincial' }, 'issuingLevel'],
      ['4 stars from the central level', { stars: 4, issuingLevel: 'central' }, 'issuingLevel'],
      ['an unknown issuing level', { issuingLevel: 'district' }, 'issuingLevel'],
      ['a missing certificate number', { certificateNumber: '' }, 'certificateNumber'],
    ];
    for (const [what, override, field] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await countRows(api, 'ocop_certificates');
        const response = await api.request('PUT', `/api/seller/products/${productId}/ocop-certificate`, {
          token: seller,
          body: certificate(override),
        });
        expect(response.status).toBe(400);
        expect(response.body.fields.map((f: { field: string }) => f.field)).toContain(field);
        expect(await countRows(api, 'ocop_certificates')).toBe(before);
      });
    }

    it('refuses a document before the details, and a document of the wrong type', async () => {
      const fresh = (await publishedProduct(api, seller)).id;
      const early = await upload(api, `/api/seller/products/${fresh}/ocop-certificate/document`, seller, {
        bytes: PDF,
        filename: 'a.pdf',
        contentType: 'application/pdf',
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('ocop_submission_missing');
      await api.request('PUT', `/api/seller/products/${fresh}/ocop-certificate`, {
        token: seller,
        body: certificate(),
      });
      const wrong = await upload(api, `/api/seller/products/${fresh}/ocop-certificate/document`, seller, {
        bytes: Buffer.from('PK\x03\x04 a zip or docx'),
        filename: 'a.pdf',
        contentType: 'application/pdf',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('unsupported_file_type');
      expect(await countRows(api, 'ocop_certificates', 'product_id = $1 AND document_key IS NOT NULL', [fresh])).toBe(
        0,
      );
    });
  });

  it('leaves review to province officers', async () => {
    const [row] = await sql<{ id: string }>(api.databaseUrl, 'SELECT id FROM ocop_certificates LIMIT 1');
    for (const role of ['seller_member', 'buyer', 'platform_admin'] as const) {
      const token = await api.tokenFor(role);
      expect((await api.request('GET', '/api/province/ocop-certificates', { token })).status).toBe(403);
      expect((await api.request('POST', `/api/province/ocop-certificates/${row!.id}/verify`, { token })).status).toBe(
        403,
      );
    }
    expect(
      (await api.request('POST', '/api/province/ocop-certificates/not-a-uuid/verify', { token: officer })).status,
    ).toBe(404);
    expect(
      (await api.request('GET', '/api/province/ocop-certificates?status=approved', { token: officer })).status,
    ).toBe(400);
  });
});

describe('quality certificates', () => {
  let api: TestApp;
  let seller: string;
  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
  });
  afterAll(() => api.close());

  it('are added, changed and removed by the product’s organisation, and shown publicly with their validity', async () => {
    const product = await publishedProduct(api, seller, { name: 'Quýt Bắc Sơn VietGAP' });
    const path = `/api/seller/products/${product.id}/quality-certificates`;
    const vietgap = await api.request('POST', path, {
      token: seller,
      body: {
        kind: 'vietgap',
        certificateNumber: 'VietGAP-TT-13-29-20-0045',
        issuer: 'Trung tâm Kiểm nghiệm Lạng Sơn',
        issuedOn: daysFromToday(-100),
        expiresOn: daysFromToday(600),
      },
    });
    expect(vietgap.status).toBe(201);
    const old = await api.request('POST', path, {
      token: seller,
      body: { kind: 'food_safety', certificateNumber: '12/2022/ATTP-CNĐK', expiresOn: daysFromToday(-30) },
    });
    expect(old.body.expired).toBe(true);
    const changed = await api.request('PUT', `${path}/${vietgap.body.id}`, {
      token: seller,
      body: { kind: 'globalgap', certificateNumber: 'GGN-4063061891234', expiresOn: daysFromToday(365) },
    });
    expect(changed.body).toMatchObject({ kind: 'globalgap', issuer: '', issuedOn: null });

    const detail = await api.request('GET', `/api/catalog/products/${product.slug}`);
    expect(detail.body.qualityCertificates).toEqual([
      {
        kind: 'globalgap',
        certificateNumber: 'GGN-4063061891234',
        issuer: '',
        expiresOn: daysFromToday(365),
        expired: false,
      },
      {
        kind: 'food_safety',
        certificateNumber: '12/2022/ATTP-CNĐK',
        issuer: '',
        expiresOn: daysFromToday(-30),
        expired: true,
      },
    ]);

    expect((await api.request('DELETE', `${path}/${old.body.id}`, { token: seller })).status).toBe(204);
    expect((await api.request('DELETE', `${path}/${old.body.id}`, { token: seller })).status).toBe(404);
    expect((await api.request('GET', path, { token: seller })).body).toHaveLength(1);
  });

  it('refuses bad input and another organisation', async () => {
    const product = await publishedProduct(api, seller);
    const path = `/api/seller/products/${product.id}/quality-certificates`;
    const before = await countRows(api, 'quality_certificates');
    for (const [body, field] of [
      [{ kind: 'iso9001', certificateNumber: 'X-1', expiresOn: '2030-01-01' }, 'kind'],
      [{ kind: 'haccp', certificateNumber: 'H-1', issuedOn: '2026-05-01', expiresOn: '2026-04-01' }, 'expiresOn'],
      [{ kind: 'organic', certificateNumber: 'O-1' }, 'expiresOn'],
    ] as const) {
      const response = await api.request('POST', path, { token: seller, body });
      expect(response.status).toBe(400);
      expect(response.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const other = await createSeller(api);
    const added = await api.request('POST', path, {
      token: seller,
      body: { kind: 'haccp', certificateNumber: 'HACCP-77', expiresOn: '2030-01-01' },
    });
    for (const [method, url, body] of [
      ['POST', path, { kind: 'haccp', certificateNumber: 'HACCP-78', expiresOn: '2030-01-01' }],
      ['PUT', `${path}/${added.body.id}`, { kind: 'haccp', certificateNumber: 'HACCP-79', expiresOn: '2030-01-01' }],
      ['DELETE', `${path}/${added.body.id}`, undefined],
    ] as const) {
      expect((await api.request(method, url, { token: other.token, body })).status).toBe(404);
    }
    expect(await countRows(api, 'quality_certificates')).toBe(before + 1);
    expect((await api.request('GET', path, { token: seller })).body[0].certificateNumber).toBe('HACCP-77');
  });
});
