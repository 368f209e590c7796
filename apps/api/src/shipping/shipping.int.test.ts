import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';

const RULE = {
  rates: {
    same_province: { baseFee: 15000, perKgFee: 2000, includedGrams: 1000 },
    same_region: { baseFee: 25000, perKgFee: 4000, includedGrams: 1000 },
    other_region: { baseFee: 35000, perKgFee: 9000, includedGrams: 500 },
  },
  freeShippingThreshold: 600000,
};

describe('shipping rules', () => {
  let api: TestApp;
  let seller: string;
  let organisationId: string;
  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
    organisationId = (await api.request('GET', '/api/organisations/mine', { token: seller })).body.id;
  });
  afterAll(() => api.close());

  it('starts from the platform default', async () => {
    const response = await api.request('GET', '/api/seller/shipping-rule', { token: seller });
    expect(response.body).toMatchObject({ isDefault: true, freeShippingThreshold: null });
  });

  it('lets a seller set its own rule, which quotes then use', async () => {
    const saved = await api.request('PUT', '/api/seller/shipping-rule', { token: seller, body: RULE });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...RULE, isDefault: false });

    const quote = (provinceCode: string, weightGrams: number, subtotal: number) =>
      api.request(
        'GET',
        `/api/shipping/quote?organisationId=${organisationId}&provinceCode=${provinceCode}&weightGrams=${weightGrams}&subtotal=${subtotal}`,
      );
    expect((await quote('20', 2500, 100000)).body).toEqual({ zone: 'same_province', fee: 15000 + 2 * 2000 });
    expect((await quote('01', 800, 100000)).body).toEqual({ zone: 'same_region', fee: 25000 });
    expect((await quote('79', 1200, 100000)).body).toEqual({ zone: 'other_region', fee: 35000 + 1 * 9000 });
    expect((await quote('79', 1200, 600000)).body).toEqual({ zone: 'other_region', fee: 0 });
    expect((await quote('99', 1200, 600000)).status).toBe(404);
  });

  it('refuses fractional or negative fees and missing zones, keeping the saved rule', async () => {
    const bad = await api.request('PUT', '/api/seller/shipping-rule', {
      token: seller,
      body: {
        rates: {
          same_province: { baseFee: -1, perKgFee: 1.5, includedGrams: 1000 },
          same_region: RULE.rates.same_region,
        },
        freeShippingThreshold: 'lots',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'freeShippingThreshold',
      'rates.other_region',
      'rates.same_province.baseFee',
      'rates.same_province.perKgFee',
    ]);
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT rates FROM shipping_rules WHERE organisation_id = $1', [
      organisationId,
    ]);
    await client.end();
    expect(rows[0].rates).toEqual(RULE.rates);
  });

  it('is closed to buyers and anonymous callers', async () => {
    expect((await api.request('GET', '/api/seller/shipping-rule', { token: await api.tokenFor('buyer') })).status).toBe(
      403,
    );
    expect((await api.request('PUT', '/api/seller/shipping-rule', { body: RULE })).status).toBe(401);
  });
});
