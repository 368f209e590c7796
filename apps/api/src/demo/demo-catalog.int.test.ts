import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidGtin } from '../catalog/gtin.js';
import { checkTaxCode } from '../sellers/tax-code.js';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { seedDemoCatalog } from './demo-catalog.js';
import { DEMO_PRODUCTS, DEMO_SELLERS } from './demo-catalog.data.js';

describe('demo catalog', () => {
  let api: TestApp;
  let dataDir: string;
  let first: { organisations: number; products: number };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ocop-demo-'));
    api = await startTestApp({ env: { DATA_DIR: dataDir } });
    const storage = api.app.get<FileStorage>(FILE_STORAGE);
    // DemoDataService may already load it; the function is idempotent, so run it in any case.
    first = await api.app.get(DataSource).transaction((manager) => seedDemoCatalog(manager, { storage }));
  });
  afterAll(async () => {
    try {
      await api.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('adds about ten approved sellers of several legal types in real Lạng Sơn communes, with valid tax codes', async () => {
    const rows = await sql<{
      slug: string;
      legal_type: string;
      tax_code: string;
      commune_code: string;
      province_code: string;
      status: string;
    }>(
      api.databaseUrl,
      `SELECT o.slug, o.legal_type, o.tax_code, o.commune_code, c.province_code, o.status
       FROM organisations o JOIN communes c ON c.code = o.commune_code WHERE o.slug = ANY($1)`,
      [DEMO_SELLERS.map((s) => s.slug)],
    );
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['approved']));
    expect(new Set(rows.map((r) => r.province_code))).toEqual(new Set(['20']));
    expect(new Set(rows.map((r) => r.commune_code)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r) => r.legal_type))).toEqual(
      new Set(['cooperative', 'enterprise', 'household_business', 'cooperative_group']),
    );
    for (const row of rows)
      expect(checkTaxCode(row.tax_code), row.tax_code).toMatchObject({ valid: true, checksumOk: true });
  });

  it('shows about sixty products publicly, in every top-level category, with the demo seller’s own among them', async () => {
    const all = await api.request('GET', '/api/catalog/products?pageSize=100');
    const published = DEMO_PRODUCTS.filter((p) => !p.draft).length;
    expect(published).toBeGreaterThanOrEqual(55);
    expect(all.body.total).toBeGreaterThanOrEqual(published);
    const categories = await api.request('GET', '/api/catalog/categories');
    for (const top of categories.body.filter((c: { parentCode: string | null }) => c.parentCode === null)) {
      expect(top.productCount, top.code).toBeGreaterThan(0);
    }
    const shop = await api.request('GET', '/api/catalog/sellers/htx-nong-san-dong-kinh');
    expect(shop.body.productCount).toBeGreaterThanOrEqual(5);
    expect(shop.body.story).toContain('Đông Kinh');
    expect(shop.body.commune).toEqual({ code: '05977', name: 'Phường Đông Kinh' });
    expect((await api.request('GET', '/api/catalog/products/mut-na-deo')).status).toBe(404); // the draft
  });

  it('carries verified 3, 4 and 5 stars, and exactly one expired certificate flagged on its own', async () => {
    for (const stars of [3, 4, 5]) {
      const response = await api.request('GET', `/api/catalog/products?stars=${stars}&pageSize=100`);
      expect(response.body.total, `${stars} stars`).toBeGreaterThan(0);
    }
    const all = await api.request('GET', '/api/catalog/products?pageSize=100');
    const expired = all.body.items.filter((p: { ocopExpired: boolean }) => p.ocopExpired);
    expect(expired.map((p: { name: string; ocopStars: number | null }) => [p.name, p.ocopStars])).toEqual([
      ['Chè shan tuyết Mẫu Sơn', null],
    ]);
    const tea = await api.request('GET', '/api/catalog/products/che-shan-tuyet-mau-son');
    expect(tea.body.ocop).toMatchObject({
      stars: null,
      expired: true,
      issuingLevel: 'provincial',
      issuingAuthority: 'UBND tỉnh Lạng Sơn',
    });
  });

  it('gives a product page its variants, certificates, packaging, origin and a picture', async () => {
    const response = await api.request('GET', '/api/catalog/products/quyt-vang-bac-son');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Quýt vàng Bắc Sơn',
      listPrice: 150000,
      ocop: { stars: 4, expired: false },
      packagingMaterial: 'recyclable',
      growingAreaCode: 'VN-LSOR-0031',
      seller: { slug: 'htx-quyt-vang-bac-son', commune: { code: '06325', name: 'Xã Bắc Sơn' } },
      qualityCertificates: [{ kind: 'vietgap', expired: false }],
    });
    expect(response.body.variants.map((v: { label: string }) => v.label)).toEqual([
      'Hộp 2 kg',
      'Thùng 5 kg',
      'Thùng 10 kg',
    ]);
    const picture = await fetch(`${api.baseUrl}${response.body.images[0].url}`);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    expect(await picture.text()).toContain('Quýt vàng Bắc Sơn');
  });

  it('writes only well-formed data: integer prices, valid GTINs, certificate dates in order', async () => {
    const variants = await sql<{ price: string; gtin: string | null }>(
      api.databaseUrl,
      'SELECT price::text, gtin FROM product_variants',
    );
    for (const variant of variants) {
      expect(Number.isSafeInteger(Number(variant.price)) && Number(variant.price) > 0).toBe(true);
      if (variant.gtin) expect(isValidGtin(variant.gtin), variant.gtin).toBe(true);
    }
    expect(variants.filter((v) => v.gtin).length).toBeGreaterThan(10);
    const [bad] = await sql<{ count: number }>(
      api.databaseUrl,
      'SELECT count(*)::int AS count FROM ocop_certificates WHERE expires_on <= issued_on',
    );
    expect(bad!.count).toBe(0);
  });

  it('does nothing the second time', async () => {
    expect(first.products === 0 || first.products === DEMO_PRODUCTS.length).toBe(true);
    const again = await api.app.get(DataSource).transaction((manager) => seedDemoCatalog(manager));
    expect(again).toEqual({ organisations: 0, products: 0 });
  });
});
