import { randomBytes } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import { describe, expect, it } from 'vitest';
import { APP_CONFIG } from '../core/config/app-config.js';
import { startTestApp } from '../testing/test-app.js';
import { MeilisearchSearchEngine } from './meilisearch/meilisearch-search-engine.js';
import { SEARCH_ENGINE, type SearchEngine } from './search-engine.js';
import { SearchIndexer } from './search-indexer.js';
import { searchEngineContract } from './testing/search-engine.contract.js';
import { startMeilisearchStub } from './testing/meilisearch-stub.js';

// Always: against the stub server that stands in for Meilisearch (the engine itself cannot be
// installed where these tests run).
searchEngineContract('Meilisearch (stub server)', async () => {
  const stub = await startMeilisearchStub();
  const api = await startTestApp({
    seedDemo: false,
    env: { MEILI_URL: stub.url, MEILI_API_KEY: stub.apiKey, SEARCH_CACHE_TTL_MS: '0' },
  });
  const engine = api.app.get<SearchEngine>(SEARCH_ENGINE);
  expect(engine).toBeInstanceOf(MeilisearchSearchEngine);
  return {
    api,
    engine,
    indexer: api.app.get(SearchIndexer),
    close: async () => {
      await api.close();
      await stub.close();
    },
  };
});

// Optionally: against a real Meilisearch, e.g. `docker compose -f infra/docker-compose.yml up meilisearch`
// then MEILI_URL=http://127.0.0.1:7700 MEILI_API_KEY=change-me-meili-master-key.
const realMeilisearch = process.env.MEILI_URL;
if (realMeilisearch) {
  searchEngineContract(`Meilisearch at ${realMeilisearch}`, async () => {
    const index = `ocop_test_${randomBytes(4).toString('hex')}`;
    const api = await startTestApp({
      seedDemo: false,
      env: {
        MEILI_URL: realMeilisearch,
        MEILI_API_KEY: process.env.MEILI_API_KEY ?? '',
        MEILI_INDEX: index,
        SEARCH_CACHE_TTL_MS: '0',
      },
    });
    return {
      api,
      engine: api.app.get<SearchEngine>(SEARCH_ENGINE),
      indexer: api.app.get(SearchIndexer),
      close: async () => {
        await fetch(`${realMeilisearch}/indexes/${index}`, {
          method: 'DELETE',
          headers: process.env.MEILI_API_KEY ? { authorization: `Bearer ${process.env.MEILI_API_KEY}` } : {},
        });
        await api.close();
      },
    };
  });
} else {
  describe.skip('search engine contract: a real Meilisearch (set MEILI_URL to run)', () => {
    it('runs the contract against the server at MEILI_URL', () => {});
  });
}

describe('Meilisearch adapter', () => {
  it('creates the index with its settings, copies documents through the outbox and removes hidden ones', async () => {
    const stub = await startMeilisearchStub();
    const api = await startTestApp({
      seedDemo: false,
      env: { MEILI_URL: stub.url, MEILI_API_KEY: stub.apiKey, MEILI_INDEX: 'shop' },
    });
    try {
      const settings = await fetch(`${stub.url}/indexes/shop/settings`, {
        headers: { authorization: `Bearer ${stub.apiKey}` },
      }).then((r) => r.json());
      expect(settings).toMatchObject({
        searchableAttributes: ['name_folded', 'category_text', 'place_text', 'description_text'],
        filterableAttributes: expect.arrayContaining([
          'category_code',
          'category_parent',
          'stars',
          'commune_code',
          'list_price',
          'certificates',
        ]),
        sortableAttributes: expect.arrayContaining(['list_price', 'published_at', 'sold_count']),
        typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
      });
      const { loadSearchFixtures } = await import('./testing/search-fixtures.js');
      const fixtures = await loadSearchFixtures(api.databaseUrl);
      await api.app.get(SearchIndexer).drain();
      const stats = await fetch(`${stub.url}/indexes/shop/stats`, {
        headers: { authorization: `Bearer ${stub.apiKey}` },
      }).then((r) => r.json() as Promise<{ numberOfDocuments: number }>);
      expect(stats.numberOfDocuments).toBe(10);
      expect(stub.requests).toContain('POST /indexes/shop/documents/delete-batch');
      const document = await fetch(`${stub.url}/indexes/shop/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stub.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ q: 'na chi lang', limit: 1 }),
      }).then((r) => r.json() as Promise<{ hits: unknown[] }>);
      expect(document.hits[0]).toMatchObject({
        id: fixtures.ids.custard,
        name_folded: 'na chi lang',
        commune_code: '06463',
      });

      // A new, empty Meilisearch next to the same catalogue is filled on the worker's first run.
      const fresh = await startMeilisearchStub();
      try {
        const engine = new MeilisearchSearchEngine({ host: fresh.url, apiKey: fresh.apiKey, indexUid: 'shop' });
        const indexer = new SearchIndexer(api.app.get(getDataSourceToken()), engine, api.app.get(APP_CONFIG));
        await indexer.drain();
        expect(await engine.indexedCount()).toBe(10);
        expect(fresh.requests).toContain('POST /swap-indexes');
      } finally {
        await fresh.close();
      }
    } finally {
      await api.close();
      await stub.close();
    }
  });
});
