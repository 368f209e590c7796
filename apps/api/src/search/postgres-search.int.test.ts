import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { PostgresSearchEngine } from './postgres/postgres-search-engine.js';
import { SEARCH_ENGINE, SEARCH_SORTS, type SearchEngine, type SearchQuery } from './search-engine.js';
import { SearchIndexer } from './search-indexer.js';
import { foldForSearch } from './search-text.js';
import { searchEngineContract } from './testing/search-engine.contract.js';
import { loadSearchFixtures, type SearchFixtures } from './testing/search-fixtures.js';

searchEngineContract('PostgreSQL', async () => {
  const api = await startTestApp({ seedDemo: false, env: { SEARCH_CACHE_TTL_MS: '0' } });
  return {
    api,
    engine: api.app.get<SearchEngine>(SEARCH_ENGINE),
    indexer: api.app.get(SearchIndexer),
    close: () => api.close(),
  };
});

describe('PostgreSQL search beyond the contract', () => {
  let api: TestApp;
  let fixtures: SearchFixtures;

  beforeAll(async () => {
    api = await startTestApp({ seedDemo: false });
    fixtures = await loadSearchFixtures(api.databaseUrl);
    await api.app.get(SearchIndexer).drain();
  });

  afterAll(async () => {
    await api?.close();
  });

  async function search(query: string): Promise<any> {
    const response = await api.request('GET', `/api/search?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  it('is the engine when Meilisearch is not configured', () => {
    expect(api.app.get(SEARCH_ENGINE)).toBeInstanceOf(PostgresSearchEngine);
  });

  it('folds text in SQL into the same words as the query side, on every commune and category name', async () => {
    const rows = await sql<{ name: string; folded: string }>(
      api.databaseUrl,
      `SELECT name, search_fold(name) AS folded FROM communes
       UNION ALL SELECT name_vi, search_fold(name_vi) FROM product_categories
       UNION ALL SELECT t, search_fold(t) FROM unnest($1::text[]) AS t`,
      [
        [
          'Quýt Bắc Sơn',
          'KỸ THUẬT',
          'Thủy sản',
          'quyền lợi',
          'Nguyễn Huỳnh',
          'Mỹ nghệ, lý do',
          'Yên Bái',
          'tay máy',
          'Quỳnh Lưu',
        ],
      ],
    );
    expect(rows.length).toBeGreaterThan(3_000);
    // unaccent also rewrites punctuation (’ → '), which never reaches a word, so words are compared.
    const words = (text: string) => text.split(/[^a-z0-9]+/).filter(Boolean);
    const mismatches = rows.filter((row) => words(foldForSearch(row.name)).join(' ') !== words(row.folded).join(' '));
    expect(mismatches).toEqual([]);
    expect(
      rows
        .filter((row) => ['Quýt Bắc Sơn', 'KỸ THUẬT', 'Thủy sản', 'quyền lợi', 'tay máy'].includes(row.name))
        .map((row) => row.folded),
    ).toEqual(['quit bac son', 'ki thuat', 'thuy san', 'quyen loi', 'tay may']);
  });

  it('answers the same in one statement (page and summary together) as in two', async () => {
    const engine = api.app.get<SearchEngine>(SEARCH_ENGINE);
    const queries: SearchQuery[] = [];
    for (const text of ['mat ong', 'bac son', 'thahc den', 'hoi']) {
      for (const sort of SEARCH_SORTS) queries.push({ text, sort, page: 1, pageSize: 2 });
      queries.push({
        text,
        sort: 'relevance',
        page: 2,
        pageSize: 1,
        stars: [3, 4],
        certificates: ['vietgap', 'organic'],
      });
      queries.push({
        text,
        sort: 'price_desc',
        page: 1,
        pageSize: 5,
        category: 'nong-dac-san',
        priceMin: 50_000,
        priceMax: 400_000,
      });
    }
    for (const query of queries) {
      const together = await engine.search(query, { hits: true, facets: true });
      const page = await engine.search(query, { hits: true, facets: false });
      const summary = await engine.search(query, { hits: false, facets: true });
      expect(together, JSON.stringify(query)).toEqual({
        hits: page.hits,
        total: summary.total,
        facets: summary.facets,
      });
    }
  });

  it('keeps the price bands of SQL and TypeScript in step', async () => {
    const { PRICE_BANDS } = await import('./search-engine.js');
    for (const [index, band] of PRICE_BANDS.entries()) {
      const [low] = await sql<{ band: number }>(api.databaseUrl, 'SELECT search_price_band($1) AS band', [band.min]);
      expect(low!.band).toBe(index);
      if (band.max !== null) {
        const [high] = await sql<{ band: number }>(api.databaseUrl, 'SELECT search_price_band($1) AS band', [band.max]);
        expect(high!.band).toBe(index);
      }
    }
  });

  it('treats every word as a prefix, so a dropped final letter still finds the place (tran dinh → Tràng Định)', async () => {
    expect(fixtures.keyOf((await search('q=tran%20dinh')).items[0].id)).toBe('jelly');
    expect(fixtures.keyOf((await search('q=thach%20de')).items[0].id)).toBe('jelly');
  });

  it('does not take a known word for a typo of another', async () => {
    const [product] = await sql<{ id: string }>(
      api.databaseUrl,
      `INSERT INTO products (organisation_id, category_code, name, slug, status, published_at)
       VALUES ($1, 'luu-niem-trang-tri', 'Tranh thêu thổ cẩm', 'tranh-theu-tho-cam', 'published', now()) RETURNING id`,
      [fixtures.sellers.custard],
    );
    await sql(
      api.databaseUrl,
      "INSERT INTO product_variants (product_id, organisation_id, label, sku, price) VALUES ($1, $2, 'Khổ nhỏ', 'TRANH-1', 500000)",
      [product!.id, fixtures.sellers.custard],
    );
    await api.app.get(SearchIndexer).drain();
    try {
      // "tranh" (a painting) and "trang" (Tràng Định) are one letter apart and both real words:
      // each finds its own products only.
      expect((await search('q=tranh')).items.map((item: any) => item.name)).toEqual(['Tranh thêu thổ cẩm']);
      expect((await search('q=trang%20dinh')).items.map((item: any) => item.name)).not.toContain('Tranh thêu thổ cẩm');
      // An unknown word one letter from both may be either.
      expect((await search('q=trqng')).items.map((item: any) => item.name)).toEqual(
        expect.arrayContaining(['Tranh thêu thổ cẩm', 'Thạch đen Tràng Định']),
      );
    } finally {
      await sql(api.databaseUrl, 'DELETE FROM products WHERE id = $1', [product!.id]);
      await api.app.get(SearchIndexer).drain();
    }
  });

  it('hides a suspended seller at once even from a cached answer', async () => {
    const before = await search('q=na%20chi%20lang');
    expect(before.items.map((item: any) => fixtures.keyOf(item.id))).toContain('custard');
    // The same request again is served from the cache...
    const again = await search('q=na%20chi%20lang');
    expect(again).toEqual(before);
    // ...until one of its products stops being public.
    await sql(api.databaseUrl, "UPDATE organisations SET status = 'suspended' WHERE id = $1", [
      fixtures.sellers.custard,
    ]);
    const after = await search('q=na%20chi%20lang');
    expect(after.items.map((item: any) => fixtures.keyOf(item.id))).not.toContain('custard');
    expect(after.total).toBe(0);
    await sql(api.databaseUrl, "UPDATE organisations SET status = 'approved' WHERE id = $1", [
      fixtures.sellers.custard,
    ]);
    await api.app.get(SearchIndexer).drain();
  });

  it('drops OCOP stars when a certificate lapses, without any write to the catalogue', async () => {
    const productId = fixtures.ids.aniseOil;
    await sql(
      api.databaseUrl,
      "UPDATE ocop_certificates SET expires_on = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date WHERE product_id = $1",
      [productId],
    );
    await api.app.get(SearchIndexer).drain();
    const [row] = await sql<{ stars: number | null; refresh_at: Date }>(
      api.databaseUrl,
      'SELECT stars, refresh_at FROM search_documents WHERE product_id = $1',
      [productId],
    );
    expect(row!.stars).toBe(4);
    expect(row!.refresh_at.getTime()).toBeGreaterThan(Date.now());

    // Midnight passes: the certificate row is untouched (no trigger fires), only the clock moved.
    await sql(
      api.databaseUrl,
      `BEGIN;
       SET LOCAL session_replication_role = replica;
       UPDATE ocop_certificates SET expires_on = expires_on - 1 WHERE product_id = '${productId}';
       UPDATE search_documents SET refresh_at = now() - interval '1 second' WHERE product_id = '${productId}';
       COMMIT;`,
    );
    expect(await api.app.get(SearchIndexer).drain()).toBe(1);
    const [lapsed] = await sql<{ stars: number | null }>(
      api.databaseUrl,
      'SELECT stars FROM search_documents WHERE product_id = $1',
      [productId],
    );
    expect(lapsed!.stars).toBeNull();
  });

  it('queues only changes that matter to search', async () => {
    await api.app.get(SearchIndexer).drain();
    // Stock moves on every checkout; it must not flood the outbox.
    await sql(api.databaseUrl, 'UPDATE product_variants SET stock = stock + 1 WHERE product_id = $1', [
      fixtures.ids.honey,
    ]);
    await sql(api.databaseUrl, 'UPDATE products SET updated_at = now() WHERE id = $1', [fixtures.ids.honey]);
    const [queued] = await sql<{ count: number }>(api.databaseUrl, 'SELECT count(*)::int AS count FROM search_outbox');
    expect(queued!.count).toBe(0);
  });
});
