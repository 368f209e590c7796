import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../demo/demo-catalog.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import type { SearchPageDto, SuggestionDto } from './dto/search.dto.js';
import { SearchIndexer } from './search-indexer.js';
import { startMeilisearchStub, type MeilisearchStub } from './testing/meilisearch-stub.js';

/**
 * The demo catalogue, searched the way people type: without diacritics, with a typo, with the
 * southern "quít". Each query must put the product it means first.
 */
const FIRST_RESULTS: [query: string, expectedFirst: RegExp][] = [
  ['hoa hoi van quan', /^Hoa hồi khô Văn Quan/],
  ['HOA HỒI', /^Hoa hồi khô Văn Quan/],
  ['quyt bac son', /^Quýt vàng Bắc Sơn/],
  ['quit bac son', /^Quýt vàng Bắc Sơn/],
  ['na chi lang', /^Na (dai )?Chi Lăng/],
  ['thach den trang dinh', /^(Cây )?[Tt]hạch đen .*Tràng Định/],
  ['ruou mau son', /^Rượu Mẫu Sơn/],
  ['mat ong', /^Mật ong/],
  ['khau nhuc', /^Khâu nhục Lạng Sơn/],
  ['che shan tuyet', /^Chè shan tuyết Mẫu Sơn/],
  ['hong khong hat', /^Hồng không hạt Bảo Lâm/],
  ['mien dong', /^Miến dong Lạng Sơn/],
  ['dac san xu lang', /Xứ Lạng|Lạng Sơn/],
  // One typo in a word of five letters or more.
  ['thahc den', /[Tt]hạch đen/],
  ['che shan tuyte', /^Chè shan tuyết Mẫu Sơn/],
  ['nam huogn', /^Nấm hương rừng/],
  ['banh khaoo', /^Bánh khảo Kỳ Lừa/],
  ['lap suon hun khoii', /^Lạp sườn hun khói Lạng Sơn/],
];

function demoSearch(name: string, start: () => Promise<{ api: TestApp; close(): Promise<void> }>) {
  describe(`demo catalogue search (${name})`, () => {
    let api: TestApp;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ api, close } = await start());
      await api.app.get<DataSource>(getDataSourceToken()).transaction((manager) => seedDemoCatalog(manager));
      await api.app.get(SearchIndexer).drain();
    });

    afterAll(async () => {
      await close?.();
    });

    it.each(FIRST_RESULTS)('"%s" puts the right product first', async (q, expected) => {
      const response = await api.request<SearchPageDto>('GET', `/api/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      expect(
        response.body.items[0]?.name,
        JSON.stringify(response.body.items.slice(0, 3).map((item) => item.name)),
      ).toMatch(expected);
    });

    it('suggests as the user types, without diacritics', async () => {
      const response = await api.request<SuggestionDto[]>('GET', '/api/search/suggest?q=thach%20d');
      expect(
        response.body.filter((suggestion) => suggestion.type === 'product').map((suggestion) => suggestion.label),
      ).toEqual(expect.arrayContaining(['Thạch đen Tràng Định ăn liền']));
      const places = await api.request<SuggestionDto[]>('GET', '/api/search/suggest?q=bac%20s');
      expect(places.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'commune', label: 'Xã Bắc Sơn' })]),
      );
    });

    it('never shows the demo draft', async () => {
      const response = await api.request<SearchPageDto>('GET', '/api/search?q=mut%20na&pageSize=100');
      expect(response.body.items.map((item) => item.name)).not.toContain('Mứt na dẻo');
    });
  });
}

demoSearch('PostgreSQL', async () => {
  const api = await startTestApp({ env: { SEARCH_CACHE_TTL_MS: '0' } });
  return { api, close: () => api.close() };
});

demoSearch('Meilisearch stub', async () => {
  const stub: MeilisearchStub = await startMeilisearchStub();
  const api = await startTestApp({
    env: { SEARCH_CACHE_TTL_MS: '0', MEILI_URL: stub.url, MEILI_API_KEY: stub.apiKey },
  });
  return {
    api,
    close: async () => {
      await api.close();
      await stub.close();
    },
  };
});
