import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../demo/demo-catalog.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { seedDemoTraceability } from './demo-traceability.js';
import { qrPng, qrSvg } from './qr-labels.js';
import {
  batchBody,
  DEMO_ORGANISATION_SLUG,
  organisationId,
  secondSeller,
  testGtin13,
  tracedProduct,
} from './testing/trace-fixtures.js';

async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loaded = await pdfjs.getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= loaded.numPages; i++) {
    const content = await (await loaded.getPage(i)).getTextContent();
    // Wrapped lines come out as separate items; spacing is not what is under test.
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' ')
        .normalize('NFC'),
    );
  }
  await loaded.destroy();
  return pages;
}

async function binary(
  api: TestApp,
  path: string,
  token: string,
): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe('QR codes, label sheets and the demo data', () => {
  let api: TestApp;
  let seller: string;
  let demoOrg: string;
  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
    demoOrg = await organisationId(api, DEMO_ORGANISATION_SLUG);
  });
  afterAll(() => api.close());

  it('prints an A4 sheet of labels with the product name, verified stars, lot, expiry and trace code', async () => {
    const product = await tracedProduct(api, {
      organisationId: demoOrg,
      name: 'Hoa hồi khô Văn Quan',
      gtin: testGtin13(),
      ocopStars: 4,
    });
    const batch = (
      await api.request('POST', '/api/seller/batches', {
        token: seller,
        body: batchBody(product.productId, { lot: 'HOI-2026/01' }),
      })
    ).body;

    const sheet = await binary(api, `/api/seller/batches/${batch.id}/labels.pdf`, seller);
    expect(sheet.status).toBe(200);
    expect(sheet.type).toBe('application/pdf');
    const pages = await pdfPages(sheet.body);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Hoa hồi khô Văn Quan');
    expect(pages[0]).toContain('Lô: HOI-2026/01');
    expect(pages[0]).toContain('HSD: 12/01/2027');
    expect(pages[0]).toContain('★★★★ OCOP 4 sao');
    expect(pages[0]).toMatch(new RegExp(`Mã truy xuất: ${batch.code}`));
    // 4 × 9 stickers of 50 × 30 mm on a 5 mm margin.
    expect(pages[0]!.split('Lô: HOI-2026/01').length - 1).toBe(36);

    const square = await pdfPages(
      (await binary(api, `/api/seller/batches/${batch.id}/labels.pdf?size=40x40&count=40`, seller)).body,
    );
    expect(square).toHaveLength(2);
    expect(square[0]!.split(batch.code).length - 1).toBe(35);
    expect(square[1]!.split(batch.code).length - 1).toBe(5);
    expect(square[0]).toContain('Hoa hồi khô Văn Quan');

    const bad = await api.request('GET', `/api/seller/batches/${batch.id}/labels.pdf?size=10x10`, { token: seller });
    expect(bad.status).toBe(400);
  });

  it('prints no stars for an expired OCOP rating', async () => {
    const product = await tracedProduct(api, {
      organisationId: demoOrg,
      name: 'Chè shan tuyết Mẫu Sơn',
      ocopStars: 5,
      ocopExpired: true,
    });
    const batch = (
      await api.request('POST', '/api/seller/batches', { token: seller, body: batchBody(product.productId) })
    ).body;
    const [page] = await pdfPages(
      (await binary(api, `/api/seller/batches/${batch.id}/labels.pdf?size=70x50&count=1`, seller)).body,
    );
    expect(page).toContain('Chè shan tuyết Mẫu Sơn');
    expect(page).not.toContain('★');
  });

  it('draws the QR code of the Digital Link (or the short URI) as PNG and SVG', async () => {
    const gtin = testGtin13();
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Quýt vàng Bắc Sơn', gtin });
    const batch = (
      await api.request('POST', '/api/seller/batches', {
        token: seller,
        body: batchBody(product.productId, { lot: 'QV/26' }),
      })
    ).body;
    const uri = `http://localhost:3000/01/0${gtin}/10/QV%2F26`;
    expect(batch.links.qrUri).toBe(uri);

    const png = await binary(api, `/api/seller/batches/${batch.id}/qr.png?size=256`, seller);
    expect(png.type).toBe('image/png');
    expect(png.body.equals(await qrPng(uri, 256))).toBe(true);
    const svg = await binary(api, `/api/seller/batches/${batch.id}/qr.svg`, seller);
    expect(svg.type).toContain('image/svg+xml');
    expect(svg.body.toString('utf8')).toBe(await qrSvg(uri));
  });

  it('loads demo batches with events on the demo catalog, whose QR codes open their trace pages', async () => {
    const db = api.app.get(DataSource);
    const summary = await db.transaction(async (manager) => {
      await seedDemoCatalog(manager);
      return seedDemoTraceability(manager);
    });
    expect(summary.batches).toBe(5);
    expect(summary.events).toBeGreaterThanOrEqual(20);
    expect(await db.transaction((manager) => seedDemoTraceability(manager))).toEqual({ batches: 0, events: 0 });

    // The demo seller's own batches: rice (with a GTIN) and bamboo shoots (with a correction).
    const mine = await api.request('GET', '/api/seller/batches', { token: seller });
    mine.body = mine.body.filter((b: { lot: string }) => /^(BTHP|MKDL)-/.test(b.lot));
    expect(mine.body.map((b: { productName: string }) => b.productName).sort()).toEqual([
      'Gạo Bao thai Hồng Phong',
      'Măng khô Đình Lập',
    ]);
    for (const summaryRow of mine.body as { id: string; qrUri: string; productName: string }[]) {
      const svg = await binary(api, `/api/seller/batches/${summaryRow.id}/qr.svg`, seller);
      expect(svg.body.toString('utf8')).toBe(await qrSvg(summaryRow.qrUri));
      const opened = await fetch(`${api.baseUrl}${new URL(summaryRow.qrUri).pathname}`);
      expect(opened.status).toBe(200);
      const html = await opened.text();
      expect(html).toContain(`<h1>${summaryRow.productName}</h1>`);
      expect(html).toContain('✓ Dữ liệu toàn vẹn');
    }
    const rice = mine.body.find((b: { productName: string }) => b.productName === 'Gạo Bao thai Hồng Phong');
    expect(rice.qrUri).toMatch(/^http:\/\/localhost:3000\/01\/0893\d{10}\/10\/BTHP-\d{6}$/);

    // Every demo batch verifies and covers Circular 02's minimum except pictures (the catalog seed had no storage).
    const codes = (await db.query(
      "SELECT code FROM trace_batches WHERE lot ~ '^(HVQ|BTHP|MKDL|MOHL|QVBS)-' ORDER BY created_at",
    )) as { code: string }[];
    expect(codes).toHaveLength(5);
    for (const { code } of codes) {
      const record = (await api.request('GET', `/api/trace/${code}`)).body;
      expect(record.chain.verified).toBe(true);
      expect(record.events.length).toBeGreaterThanOrEqual(4);
      expect(record.circular02Missing.filter((field: string) => field !== 'images')).toEqual([]);
    }
  });

  it("gives another seller no QR code or label sheet of the demo seller's batch", async () => {
    const rival = await secondSeller(api);
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Miến dong Lạng Sơn' });
    const batch = (
      await api.request('POST', '/api/seller/batches', { token: seller, body: batchBody(product.productId) })
    ).body;
    expect((await binary(api, `/api/seller/batches/${batch.id}/labels.pdf`, rival.token)).status).toBe(404);
    expect((await binary(api, `/api/seller/batches/${batch.id}/qr.png`, rival.token)).status).toBe(404);
  });
});
