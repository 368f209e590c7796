import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

/** What `pnpm start` loads on its first run, all in one transaction. */
describe('demo data', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ demoCatalog: true });
  });
  afterAll(() => api.close());

  it('has an account of each role, sellers in several communes, products, and traceable batches', async () => {
    const [counts] = await sql(
      api.databaseUrl,
      `SELECT (SELECT count(DISTINCT role)::int FROM users) AS roles,
              (SELECT count(*)::int FROM organisations WHERE status = 'approved') AS sellers,
              (SELECT count(DISTINCT commune_code)::int FROM organisations) AS communes,
              (SELECT count(*)::int FROM products WHERE status = 'published') AS products,
              (SELECT count(*)::int FROM trace_batches) AS batches`,
    );
    expect(counts.roles).toBe(4);
    expect(counts.sellers).toBeGreaterThanOrEqual(10);
    expect(counts.communes).toBeGreaterThanOrEqual(5);
    expect(counts.products).toBeGreaterThanOrEqual(50);
    expect(counts.batches).toBeGreaterThanOrEqual(3);
  });

  it('shows the demo products in the public catalog', async () => {
    const list = await api.request('GET', '/api/catalog/products?pageSize=5');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(50);
  });

  it('loads nothing a second time', async () => {
    const { DemoDataService } = await import('./demo-data.service.js');
    expect(await api.app.get(DemoDataService).seedIfEmpty()).toBe(false);
  });
});
