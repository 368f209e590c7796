import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';

describe('geography', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ seedDemo: false });
  });
  afterAll(() => api.close());

  it('lists the 34 provinces of the post-2025 map', async () => {
    const response = await api.request('GET', '/api/provinces');
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(34);
    expect(response.body.reduce((sum: number, p: { communeCount: number }) => sum + p.communeCount, 0)).toBe(3321);
  });

  it('returns the 65 communes and wards of Lạng Sơn', async () => {
    const response = await api.request('GET', '/api/communes?province=20');
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(65);
    expect(response.body).toContainEqual({ code: '05977', name: 'Phường Đông Kinh', kind: 'ward', provinceCode: '20' });
    expect(new Set(response.body.map((c: { provinceCode: string }) => c.provinceCode))).toEqual(new Set(['20']));
  });

  it('finds a commune typed without diacritics, best match first', async () => {
    const response = await api.request('GET', `/api/communes?province=20&q=${encodeURIComponent('dong kinh')}`);
    expect(response.status).toBe(200);
    expect(response.body[0]).toMatchObject({ name: 'Phường Đông Kinh' });
  });

  it('forgives a small typo', async () => {
    const response = await api.request('GET', `/api/communes?province=20&q=${encodeURIComponent('dong kihn')}`);
    expect(response.body[0]).toMatchObject({ name: 'Phường Đông Kinh' });
  });

  it('reports the home province', async () => {
    const response = await api.request('GET', '/api/platform');
    expect(response.body.homeProvince).toMatchObject({ code: '20', name: 'Lạng Sơn', communeCount: 65 });
  });

  it('validates the province code and reports an unknown one', async () => {
    const bad = await api.request('GET', '/api/communes?province=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'province', messages: [expect.stringContaining('two-digit')] }]);
    const unknown = await api.request('GET', '/api/communes?province=99');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('province_not_found');
  });

  it('looks a commune up by its official code', async () => {
    const response = await api.request('GET', '/api/communes/05977');
    expect(response.body).toMatchObject({ name: 'Phường Đông Kinh', provinceCode: '20' });
    expect((await api.request('GET', '/api/communes/00000')).status).toBe(404);
  });
});
