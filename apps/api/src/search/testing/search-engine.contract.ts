import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sql } from '../../testing/sql.js';
import type { TestApp } from '../../testing/test-app.js';
import type { SearchPageDto, SuggestionDto } from '../dto/search.dto.js';
import type { SearchEngine } from '../search-engine.js';
import type { SearchIndexer } from '../search-indexer.js';
import { rebuildSearchIndex } from '../search-rebuild.js';
import {
  COMMUNES,
  expectedOrder,
  HIDDEN_PRODUCTS,
  loadSearchFixtures,
  PUBLIC_PRODUCTS,
  type SearchFixtures,
} from './search-fixtures.js';

export interface SearchEngineUnderTest {
  api: TestApp;
  engine: SearchEngine;
  indexer: SearchIndexer;
  close(): Promise<void>;
}

/**
 * What every search engine must do, run against each adapter over HTTP (the port is what the
 * service calls). The factory starts the application configured with the adapter, with the result
 * cache off so that each request reaches the engine.
 */
export function searchEngineContract(name: string, start: () => Promise<SearchEngineUnderTest>): void {
  describe(`search engine contract: ${name}`, () => {
    let subject: SearchEngineUnderTest;
    let fixtures: SearchFixtures;

    beforeAll(async () => {
      subject = await start();
      fixtures = await loadSearchFixtures(subject.api.databaseUrl);
      await subject.indexer.drain();
    });

    afterAll(async () => {
      await subject?.close();
    });

    async function search(params: Record<string, string | number> = {}): Promise<SearchPageDto> {
      const query = new URLSearchParams(
        Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]),
      );
      const response = await subject.api.request<SearchPageDto>('GET', `/api/search?${query}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body;
    }
    const keys = (body: SearchPageDto): string[] => body.items.map((item) => fixtures.keyOf(item.id));
    const first = async (q: string) => keys(await search({ q }))[0];
    const facet = (buckets: { code?: string; stars?: number; count: number }[]) =>
      Object.fromEntries(buckets.map((bucket) => [bucket.code ?? String(bucket.stars), bucket.count]));

    describe('matching text', () => {
      it('ignores diacritics and case', async () => {
        for (const q of ['ca phe', 'Cà phê', 'CÀ PHÊ', 'cA PhE']) expect(await first(q), q).toBe('coffee');
      });

      it('folds đ to d both ways', async () => {
        for (const q of ['dac san', 'đặc sản', 'Đặc Sản']) expect(await first(q), q).toBe('pork');
        expect(await first('thach den')).toBe('jelly');
        expect(await first('tinh dau hoi')).toBe('aniseOil');
      });

      it('ranks names that match above sellers and categories that match', async () => {
        const body = await search({ q: 'mat ong' });
        const found = keys(body);
        // "Ong mật" is in the seller's name, so its tangerines match too, but last.
        expect(new Set(found.slice(0, 2))).toEqual(new Set(['honey', 'mintHoney']));
        expect(found.slice(2)).toEqual(['candy', 'tangerine']);
        expect(body.total).toBe(4);
      });

      it('finds short words and place names without diacritics', async () => {
        const hoi = keys(await search({ q: 'hoi' }));
        expect(new Set(hoi.slice(0, 2))).toEqual(new Set(['anise', 'aniseOil']));
        expect(await first('quyt bac son')).toBe('tangerine');
        expect(await first('Chi Lang')).toBe('custard');
        expect(await first('na chi lang')).toBe('custard');
      });

      it('treats the i and y spellings alike (quýt, quít)', async () => {
        expect(await first('quit bac son')).toBe('tangerine');
        expect(await first('quít')).toBe('tangerine');
      });

      it('tolerates one typo in a word of five letters or more', async () => {
        expect(await first('thsch den')).toBe('jelly'); // substitution
        expect(await first('thahc den')).toBe('jelly'); // two letters swapped
        expect(await first('nguyn chat')).toBe('aniseOil'); // missing letter
        expect(await first('trsng dinh')).toBe('jelly');
      });

      it('does not guess at typos in shorter words', async () => {
        expect((await search({ q: 'hpi' })).total).toBe(0);
        expect((await search({ q: 'mat ogn' })).total).toBe(0);
      });

      it('completes the word being typed', async () => {
        expect(new Set(keys(await search({ q: 'mat o' })).slice(0, 2))).toEqual(new Set(['honey', 'mintHoney']));
        expect(await first('khau nh')).toBe('pork');
      });

      it('answers nonsense with an empty page and empty facets', async () => {
        const body = await search({ q: 'zzzqqq' });
        expect(body).toMatchObject({ items: [], total: 0, page: 1, pageSize: 24 });
        expect(body.facets).toEqual({ categories: [], stars: [], communes: [], priceBands: [], certificates: [] });
      });
    });

    describe('product cards', () => {
      it('carries what a result card shows', async () => {
        const body = await search({ q: 'mat ong rung' });
        expect(body.items[0]).toEqual({
          id: fixtures.ids.honey,
          slug: expect.stringMatching(/^honey-/),
          name: 'Mật ong rừng Bắc Sơn',
          categoryCode: 'mat-ong',
          listPrice: 250_000,
          stars: 4,
          seller: { name: 'Hợp tác xã Ong mật Bắc Sơn', slug: expect.stringMatching(/^search-honey-/) },
          commune: { code: COMMUNES.bacSon, name: 'Xã Bắc Sơn' },
          imageUrl: null,
        });
      });

      it('shows no stars once the OCOP certificate has expired', async () => {
        const body = await search({ q: 'thach den trang dinh' });
        expect(body.items[0]).toMatchObject({ id: fixtures.ids.jelly, stars: null });
      });
    });

    describe('facets', () => {
      it('counts every facet over the whole catalogue', async () => {
        const body = await search();
        expect(body.total).toBe(PUBLIC_PRODUCTS.length);
        expect(facet(body.facets.stars)).toEqual({ 5: 1, 4: 3, 3: 1 });
        expect(body.facets.stars.map((bucket) => bucket.stars)).toEqual([5, 4, 3]);
        expect(facet(body.facets.certificates)).toEqual({ organic: 2, vietgap: 2, food_safety: 1, haccp: 1 });
        expect(facet(body.facets.priceBands)).toEqual({ under_100k: 4, '100k_200k': 2, '200k_500k': 3, over_1m: 1 });
        expect(body.facets.priceBands[0]).toEqual({
          code: 'under_100k',
          label: 'Dưới 100.000 ₫',
          min: 0,
          max: 99_999,
          count: 4,
        });
        expect(body.facets.communes).toEqual(
          expect.arrayContaining([
            { code: COMMUNES.bacSon, name: 'Xã Bắc Sơn', count: 3 },
            { code: COMMUNES.vanQuan, name: 'Xã Văn Quan', count: 3 },
            { code: COMMUNES.chiLang, name: 'Xã Chi Lăng', count: 2 },
            { code: COMMUNES.trangDinh, name: 'Xã Tràng Định', count: 2 },
          ]),
        );
        expect(body.facets.communes).toHaveLength(4);
        expect(facet(body.facets.categories)).toEqual({
          'nong-san-tuoi': 2,
          'trai-cay': 2,
          'nong-dac-san': 4,
          'gia-vi': 1,
          'mat-ong': 2,
          'thao-duoc': 1,
          'thuc-pham-che-bien': 3,
          'thit-che-bien': 1,
          'banh-keo-thach': 2,
          'do-uong': 1,
          'nuoc-giai-khat': 1,
        });
        expect(body.facets.categories.find((bucket) => bucket.code === 'mat-ong')).toEqual({
          code: 'mat-ong',
          name: 'Mật ong',
          parentCode: 'nong-dac-san',
          count: 2,
        });
      });

      it('counts over what the words matched', async () => {
        const body = await search({ q: 'mat ong' });
        expect(facet(body.facets.categories)).toEqual({
          'nong-san-tuoi': 1,
          'trai-cay': 1,
          'nong-dac-san': 2,
          'mat-ong': 2,
          'thuc-pham-che-bien': 1,
          'banh-keo-thach': 1,
        });
        expect(facet(body.facets.stars)).toEqual({ 4: 1, 3: 1 });
        expect(facet(body.facets.communes)).toEqual({ [COMMUNES.bacSon]: 3, [COMMUNES.vanQuan]: 1 });
        expect(facet(body.facets.priceBands)).toEqual({ under_100k: 2, '200k_500k': 2 });
        expect(facet(body.facets.certificates)).toEqual({ organic: 1, vietgap: 1 });
      });

      it('filters by category (a parent includes its subcategories), stars, commune, price and certificate', async () => {
        const cases: [Record<string, string | number>, string[]][] = [
          [{ category: 'nong-dac-san' }, ['honey', 'mintHoney', 'anise', 'aniseOil']],
          [{ category: 'mat-ong' }, ['honey', 'mintHoney']],
          [{ stars: '4' }, ['honey', 'aniseOil', 'custard']],
          [{ stars: '4,5' }, ['honey', 'aniseOil', 'custard', 'anise']],
          [{ commune: COMMUNES.bacSon }, ['honey', 'mintHoney', 'tangerine']],
          [{ priceMin: 100_000, priceMax: 320_000 }, ['coffee', 'anise', 'honey', 'mintHoney']],
          [{ priceMin: 1_000_000 }, ['pork']],
          [{ certificate: 'vietgap' }, ['tangerine', 'custard']],
          [{ certificate: 'food_safety' }, ['anise']],
          [{ certificate: 'organic,haccp' }, ['honey', 'anise', 'coffee']],
          [{ q: 'mat ong', commune: COMMUNES.vanQuan }, ['candy']],
          [{ q: 'bac son', stars: '3', certificate: 'vietgap' }, ['tangerine']],
        ];
        for (const [params, expected] of cases) {
          const body = await search({ ...params, sort: 'price_asc' });
          expect(new Set(keys(body)), JSON.stringify(params)).toEqual(new Set(expected));
          expect(body.total, JSON.stringify(params)).toBe(expected.length);
        }
      });

      it('counts the filtered set', async () => {
        const body = await search({ category: 'nong-dac-san' });
        expect(facet(body.facets.categories)).toEqual({ 'nong-dac-san': 4, 'mat-ong': 2, 'gia-vi': 1, 'thao-duoc': 1 });
        expect(facet(body.facets.stars)).toEqual({ 5: 1, 4: 2 });
      });
    });

    describe('sorting and pagination', () => {
      it.each(['price_asc', 'price_desc', 'newest', 'best_selling'] as const)(
        'sorts the catalogue by %s',
        async (sort) => {
          expect(keys(await search({ sort }))).toEqual(expectedOrder(sort));
        },
      );

      it('orders an empty query by sales when sorted by relevance', async () => {
        expect(keys(await search({ sort: 'relevance' }))).toEqual(expectedOrder('best_selling'));
      });

      it('sorts matches of a query', async () => {
        expect(keys(await search({ q: 'mat ong', sort: 'price_asc' }))).toEqual([
          'candy',
          'tangerine',
          'honey',
          'mintHoney',
        ]);
        expect(keys(await search({ q: 'mat ong', sort: 'best_selling' }))).toEqual([
          'tangerine',
          'honey',
          'mintHoney',
          'candy',
        ]);
      });

      it('pages through the results', async () => {
        const pages = [];
        for (let page = 1; page <= 4; page += 1) {
          const body = await search({ sort: 'price_asc', page, pageSize: 3 });
          expect(body).toMatchObject({ total: 10, page, pageSize: 3 });
          pages.push(...keys(body));
        }
        expect(pages).toEqual(expectedOrder('price_asc'));
        const beyond = await search({ sort: 'price_asc', page: 5, pageSize: 3 });
        expect(beyond).toMatchObject({ items: [], total: 10, page: 5 });
      });
    });

    describe('suggestions', () => {
      async function suggest(q: string): Promise<SuggestionDto[]> {
        const response = await subject.api.request<SuggestionDto[]>(
          'GET',
          `/api/search/suggest?q=${encodeURIComponent(q)}`,
        );
        expect(response.status).toBe(200);
        return response.body;
      }

      it('completes product names, categories and communes typed without diacritics', async () => {
        const honey = await suggest('mat o');
        expect(honey).toEqual(
          expect.arrayContaining([
            { type: 'product', label: 'Mật ong rừng Bắc Sơn', value: expect.any(String) },
            { type: 'product', label: 'Mật ong hoa bạc hà', value: expect.any(String) },
            { type: 'category', label: 'Mật ong', value: 'mat-ong' },
          ]),
        );
        const place = await suggest('chi la');
        expect(place).toEqual(
          expect.arrayContaining([
            { type: 'commune', label: 'Xã Chi Lăng', value: COMMUNES.chiLang },
            { type: 'product', label: 'Na Chi Lăng', value: expect.any(String) },
          ]),
        );
        expect((await suggest('d')).map((suggestion) => suggestion.label)).toContain('Đặc sản khâu nhục Lạng Sơn');
      });

      it('returns at most eight, and nothing for nothing typed', async () => {
        expect((await suggest('a')).length).toBeLessThanOrEqual(8);
        expect(await suggest('  ')).toEqual([]);
        expect(await suggest('!!')).toEqual([]);
      });
    });

    describe('visibility', () => {
      const hiddenIds = () => HIDDEN_PRODUCTS.map((product) => fixtures.ids[product.key]);

      it('never shows drafts, archived or unpriced products, nor products of pending or suspended sellers', async () => {
        const queries = [
          '',
          'mat ong',
          'mat ong bac son',
          'hoa nhan',
          'vu cu',
          'het hang',
          'cho duyet',
          'dinh chi',
          'bi dinh chi',
        ];
        for (const q of queries) {
          const body = await search({ q, pageSize: 100 });
          for (const item of body.items) expect(hiddenIds(), `${q}: ${item.name}`).not.toContain(item.id);
        }
        expect((await search({ q: 'cho duyet' })).total).toBe(0);
        expect((await search({ q: 'hoa nhan' })).total).toBe(0);
        expect((await search({ commune: COMMUNES.bacSon })).total).toBe(3);
        const suggestions = await subject.api.request<SuggestionDto[]>(
          'GET',
          '/api/search/suggest?q=mat%20ong%20bac%20son',
        );
        expect(suggestions.body.map((suggestion) => suggestion.label)).toEqual(
          expect.not.arrayContaining(HIDDEN_PRODUCTS.map((product) => product.name)),
        );
      });

      it('hides a suspended seller’s products at once, and shows them again once re-approved and synced', async () => {
        await sql(subject.api.databaseUrl, "UPDATE organisations SET status = 'suspended' WHERE id = $1", [
          fixtures.sellers.custard,
        ]);
        // No sync in between: hiding must not wait for the outbox.
        expect(keys(await search({ q: 'na chi lang' }))).not.toContain('custard');
        expect(keys(await search({ pageSize: 100 }))).not.toContain('pork');

        await sql(subject.api.databaseUrl, "UPDATE organisations SET status = 'approved' WHERE id = $1", [
          fixtures.sellers.custard,
        ]);
        await subject.indexer.drain();
        expect(await first('na chi lang')).toBe('custard');
        expect((await search()).total).toBe(10);
      });

      it('hides an unpublished product at once', async () => {
        await sql(subject.api.databaseUrl, "UPDATE products SET status = 'draft' WHERE id = $1", [fixtures.ids.coffee]);
        expect(keys(await search({ q: 'ca phe' }))).not.toContain('coffee');
        await sql(subject.api.databaseUrl, "UPDATE products SET status = 'published' WHERE id = $1", [
          fixtures.ids.coffee,
        ]);
        await subject.indexer.drain();
        expect(await first('ca phe')).toBe('coffee');
      });
    });

    describe('keeping in step with the catalogue', () => {
      it('picks up names, prices, certificates and new products through the outbox', async () => {
        await sql(subject.api.databaseUrl, "UPDATE products SET name = 'Cà phê Arabica rang xay' WHERE id = $1", [
          fixtures.ids.coffee,
        ]);
        await sql(
          subject.api.databaseUrl,
          'UPDATE product_variants SET price = 95000 WHERE product_id = $1 AND price = 150000',
          [fixtures.ids.coffee],
        );
        await sql(
          subject.api.databaseUrl,
          `INSERT INTO ocop_certificates (product_id, organisation_id, stars, certificate_number, issuing_level, issued_on, expires_on, status)
           SELECT id, organisation_id, 3, 'OCOP-NEW', 'provincial', current_date - 10, current_date + 300, 'verified' FROM products WHERE id = $1`,
          [fixtures.ids.coffee],
        );
        await subject.indexer.drain();
        const body = await search({ q: 'arabica' });
        expect(body.items).toHaveLength(1);
        expect(body.items[0]).toMatchObject({
          id: fixtures.ids.coffee,
          name: 'Cà phê Arabica rang xay',
          listPrice: 95_000,
          stars: 3,
        });

        const [draft] = await sql<{ id: string }>(
          subject.api.databaseUrl,
          "UPDATE products SET status = 'published', published_at = now() WHERE id = $1 RETURNING id",
          [fixtures.ids.draft],
        );
        await subject.indexer.drain();
        expect(keys(await search({ q: 'hoa nhan' }))).toEqual(['draft']);
        await sql(subject.api.databaseUrl, "UPDATE products SET status = 'draft' WHERE id = $1", [draft!.id]);
        await subject.indexer.drain();
      });

      it('rebuilds the index from scratch with the same answers', async () => {
        // Relevance ties may come back in another order after a rebuild, so the answers are compared
        // by content, and the order under a sort that has no ties.
        const snapshot = async () =>
          Promise.all(
            ['mat ong', 'hoi', 'quit bac son', ''].map(async (q) => {
              const relevance = await search({ q });
              const byPrice = await search({ q, sort: 'price_asc' });
              return {
                total: relevance.total,
                facets: relevance.facets,
                ids: new Set(keys(relevance)),
                byPrice: keys(byPrice),
              };
            }),
          );
        const before = await snapshot();
        const db = subject.api.app.get<DataSource>(getDataSourceToken());
        const report = await rebuildSearchIndex(db, subject.engine);
        expect(report.documents).toBe(PUBLIC_PRODUCTS.length);
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('requests', () => {
      it('rejects malformed parameters with field messages', async () => {
        for (const path of [
          'sort=cheapest',
          'stars=6',
          'priceMin=500&priceMax=100',
          'page=0',
          'pageSize=500',
          'certificate=iso',
          'colour=red',
        ]) {
          const response = await subject.api.request<{ code: string }>('GET', `/api/search?${path}`);
          expect(response.status, path).toBe(400);
          expect(response.body.code, path).toBe('validation_failed');
        }
      });
    });
  });
}
