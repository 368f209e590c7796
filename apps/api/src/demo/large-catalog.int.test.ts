import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { generateLargeCatalog, type LargeCatalogResult, parseArguments } from './large-catalog.js';

describe('large synthetic catalog', () => {
  let api: TestApp;
  let result: LargeCatalogResult;
  beforeAll(async () => {
    api = await startTestApp();
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      result = await generateLargeCatalog(client, { products: 3000, sellers: 30, seed: 7 });
    } finally {
      await client.end();
    }
  });
  afterAll(() => api.close());

  it('creates the products, their variants and certificates in one go', async () => {
    expect(result).toMatchObject({ sellers: 30, products: 3000 });
    expect(result.variants).toBeGreaterThan(4000);
    expect(result.variants).toBeLessThan(9000);
    expect(result.ocopCertificates).toBeGreaterThan(500);
    expect(result.qualityCertificates).toBeGreaterThan(250);
    const [counts] = await sql<{ products: number; unpriced: number; bad_price: number; communes: number }>(
      api.databaseUrl,
      `SELECT count(*)::int AS products,
              count(*) FILTER (WHERE p.list_price IS NULL)::int AS unpriced,
              (SELECT count(*)::int FROM product_variants v JOIN organisations o ON o.id = v.organisation_id
               WHERE o.slug LIKE 'synthetic-%' AND (v.price <= 0 OR v.price % 1000 <> 0)) AS bad_price,
              count(DISTINCT o.commune_code)::int AS communes
       FROM products p JOIN organisations o ON o.id = p.organisation_id WHERE o.slug LIKE 'synthetic-%'`,
    );
    expect(counts).toEqual({ products: 3000, unpriced: 0, bad_price: 0, communes: expect.any(Number) });
    expect(counts!.communes).toBeGreaterThan(15);
  });

  it('mixes statuses, so the public sees only part of it', async () => {
    const listed = await api.request('GET', '/api/catalog/products?pageSize=1');
    expect(result.publiclyVisible).toBeGreaterThan(2200);
    expect(result.publiclyVisible).toBeLessThan(2900);
    expect(listed.body.total).toBeGreaterThanOrEqual(result.publiclyVisible);
    const filtered = await api.request(
      'GET',
      '/api/catalog/products?category=nong-dac-san&stars=4,5&priceMax=300000&sort=price_desc&pageSize=5',
    );
    expect(filtered.status).toBe(200);
    expect(filtered.body.total).toBeGreaterThan(0);
    const prices = filtered.body.items.map((item: { listPrice: number }) => item.listPrice);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });

  it('reads its command line', () => {
    expect(parseArguments(['--products', '100_000', '--seed=3', '--replace'])).toEqual({
      products: 100000,
      seed: 3,
      replace: true,
    });
    expect(parseArguments(['--help'])).toBe('help');
    expect(() => parseArguments([])).toThrow(/--products is required/);
    expect(() => parseArguments(['--products', '-5'])).toThrow(/positive/);
    expect(() => parseArguments(['--product', '5'])).toThrow(/Unknown option/);
  });
});
