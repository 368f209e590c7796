import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import {
  countRows,
  createSeller,
  productBody,
  type Seller,
  setOrganisationStatus,
} from './testing/catalog-fixtures.js';

describe('seller products', () => {
  let api: TestApp;
  let token: string;
  let other: Seller;
  beforeAll(async () => {
    api = await startTestApp();
    token = await api.tokenFor('seller_member');
    other = await createSeller(api);
  });
  afterAll(() => api.close());

  it('creates a draft with variants, a slug without diacritics and a sanitised description', async () => {
    const response = await api.request('POST', '/api/seller/products', {
      token,
      body: productBody({
        name: 'Quýt vàng Bắc Sơn – hộp 2 kg',
        categoryCode: 'trai-cay',
        descriptionHtml: '<p onclick="x()">Quýt <script>alert(1)</script>ngọt</p><img src=x onerror=alert(1)>',
        growingAreaCode: 'vn-lsor-0012',
      }),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      slug: 'quyt-vang-bac-son-hop-2-kg',
      status: 'draft',
      categoryCode: 'trai-cay',
      descriptionHtml: '<p>Quýt ngọt</p>',
      growingAreaCode: 'VN-LSOR-0012',
      packagingMaterial: 'recyclable',
      listPrice: 185000,
      publishedAt: null,
    });
    expect(response.body.variants.map((v: { label: string; price: number }) => [v.label, v.price])).toEqual([
      ['Túi 500 g', 185000],
      ['Túi 1 kg', 350000],
    ]);
    const again = await api.request('POST', '/api/seller/products', {
      token,
      body: productBody({ name: 'Quýt vàng Bắc Sơn - hộp 2 kg' }),
    });
    expect(again.body.slug).toBe('quyt-vang-bac-son-hop-2-kg-2');
  });

  it('stores prices as integer đồng in bigint columns', async () => {
    const created = await api.request('POST', '/api/seller/products', {
      token,
      body: productBody({
        variants: [{ label: 'Thùng 20 kg', sku: 'HOI-THUNG-20KG', price: 7_250_000_000, stock: 1 }],
      }),
    });
    expect(created.status).toBe(201);
    const [row] = await sql(
      api.databaseUrl,
      'SELECT price::text AS price, pg_typeof(price)::text AS type FROM product_variants WHERE sku = $1',
      ['HOI-THUNG-20KG'],
    );
    expect(row).toEqual({ price: '7250000000', type: 'bigint' });
    expect(created.body.variants[0].price).toBe(7_250_000_000);
  });

  describe('refuses bad input with a 400 per field and saves nothing', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'a negative price',
        { variants: [{ label: '500 g', sku: 'NEG-1', price: -5000, stock: 1 }] },
        'variants.0.price',
        /at least 1 đồng/,
      ],
      [
        'a price with decimals',
        { variants: [{ label: '500 g', sku: 'DEC-1', price: 185000.5, stock: 1 }] },
        'variants.0.price',
        /whole number of đồng/,
      ],
      [
        'a price sent as text',
        { variants: [{ label: '500 g', sku: 'TXT-1', price: '185000', stock: 1 }] },
        'variants.0.price',
        /whole number/,
      ],
      [
        'a GTIN with a wrong check digit',
        { variants: [{ label: '500 g', sku: 'GTIN-1', price: 1000, stock: 1, gtin: '8934563138166' }] },
        'variants.0.gtin',
        /check digit/,
      ],
      [
        'a GTIN of the wrong length',
        { variants: [{ label: '500 g', sku: 'GTIN-2', price: 1000, stock: 1, gtin: '12345' }] },
        'variants.0.gtin',
        /8, 12, 13 or 14/,
      ],
      ['an unknown category', { categoryCode: 'dien-thoai' }, 'categoryCode', /unknown category/],
      ['no variant at all', { variants: [] }, 'variants', /at least one variant/],
      [
        'negative stock',
        { variants: [{ label: '500 g', sku: 'STK-1', price: 1000, stock: -1 }] },
        'variants.0.stock',
        /negative/,
      ],
      ['an unknown packaging material', { packagingMaterial: 'styrofoam' }, 'packagingMaterial', /plastic, recyclable/],
      [
        'the same SKU twice',
        {
          variants: [
            { label: 'A', sku: 'DUP-1', price: 1000, stock: 1 },
            { label: 'B', sku: 'dup-1', price: 2000, stock: 1 },
          ],
        },
        'variants.1.sku',
        /same SKU/,
      ],
      [
        'an unknown field',
        { organisationId: '00000000-0000-4000-8000-000000000000' },
        'organisationId',
        /should not exist/,
      ],
    ];
    for (const [what, override, field, message] of cases) {
      it(what, async () => {
        const before = [await countRows(api, 'products'), await countRows(api, 'product_variants')];
        const response = await api.request('POST', '/api/seller/products', { token, body: productBody(override) });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('validation_failed');
        const problem = response.body.fields.find((f: { field: string }) => f.field === field);
        expect(problem?.messages.join(' ')).toMatch(message);
        expect([await countRows(api, 'products'), await countRows(api, 'product_variants')]).toEqual(before);
      });
    }

    it('a bad variant among good ones in an update leaves the product as it was', async () => {
      const created = await api.request('POST', '/api/seller/products', { token, body: productBody() });
      const response = await api.request('PATCH', `/api/seller/products/${created.body.id}`, {
        token,
        body: {
          name: 'Tên mới',
          variants: [
            { ...created.body.variants[0], price: 999 },
            { label: 'Túi 2 kg', sku: 'NEW-2KG', price: -1, stock: 1 },
          ].map(({ active: _a, ...v }) => v),
        },
      });
      expect(response.status).toBe(400);
      const after = await api.request('GET', `/api/seller/products/${created.body.id}`, { token });
      expect(after.body.name).toBe(created.body.name);
      expect(after.body.variants).toEqual(created.body.variants);
    });
  });

  it('refuses a SKU already used by another product of the organisation, and allows it in another organisation', async () => {
    await api.request('POST', '/api/seller/products', {
      token,
      body: productBody({ variants: [{ label: '500 g', sku: 'SHARED-SKU', price: 1000, stock: 1 }] }),
    });
    const clash = await api.request('POST', '/api/seller/products', {
      token,
      body: productBody({ variants: [{ label: '1 kg', sku: 'shared-sku', price: 2000, stock: 1 }] }),
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'sku_taken', fields: [{ field: 'variants.0.sku' }] });
    const elsewhere = await api.request('POST', '/api/seller/products', {
      token: other.token,
      body: productBody({ variants: [{ label: '500 g', sku: 'SHARED-SKU', price: 1000, stock: 1 }] }),
    });
    expect(elsewhere.status).toBe(201);
  });

  it('replaces variants: keeps by id, adds new, removes the rest; the listed price follows', async () => {
    const created = await api.request('POST', '/api/seller/products', { token, body: productBody() });
    const [small] = created.body.variants;
    const response = await api.request('PATCH', `/api/seller/products/${created.body.id}`, {
      token,
      body: {
        variants: [
          { id: small.id, label: small.label, sku: small.sku, price: 190000, stock: 5, gtin: null },
          { label: 'Hộp quà 300 g', sku: `${small.sku}-QUA`, price: 150000, stock: 3, active: false },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.variants).toHaveLength(2);
    expect(response.body.variants[0]).toMatchObject({ id: small.id, price: 190000, gtin: null });
    expect(response.body.listPrice).toBe(190000); // the cheaper variant is inactive
    const [row] = await sql(api.databaseUrl, 'SELECT list_price::int AS price FROM products WHERE id = $1', [
      created.body.id,
    ]);
    expect(row!.price).toBe(190000);
  });

  it('refuses a variant id of another product', async () => {
    const a = await api.request('POST', '/api/seller/products', { token, body: productBody() });
    const b = await api.request('POST', '/api/seller/products', { token, body: productBody() });
    const response = await api.request('PATCH', `/api/seller/products/${a.body.id}`, {
      token,
      body: { variants: [{ id: b.body.variants[0].id, label: 'x', sku: 'STOLEN-1', price: 1000, stock: 1 }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([{ field: 'variants.0.id', messages: ['not a variant of this product'] }]);
  });

  it('publishes, unpublishes and archives; the slug is frozen once published', async () => {
    const created = await api.request('POST', '/api/seller/products', {
      token,
      body: productBody({ name: 'Na Chi Lăng' }),
    });
    const published = await api.request('POST', `/api/seller/products/${created.body.id}/publish`, { token });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.publishedAt).toEqual(expect.any(String));

    const renamed = await api.request('PATCH', `/api/seller/products/${created.body.id}`, {
      token,
      body: { name: 'Na dai Chi Lăng' },
    });
    expect(renamed.body).toMatchObject({ name: 'Na dai Chi Lăng', slug: created.body.slug });

    const noActive = await api.request('PATCH', `/api/seller/products/${created.body.id}`, {
      token,
      body: { variants: [{ label: '1 kg', sku: 'NA-1KG-OFF', price: 60000, stock: 1, active: false }] },
    });
    expect(noActive.status).toBe(409);
    expect(noActive.body.code).toBe('active_variant_required');

    expect(
      (await api.request('POST', `/api/seller/products/${created.body.id}/unpublish`, { token })).body.status,
    ).toBe('draft');
    expect((await api.request('POST', `/api/seller/products/${created.body.id}/archive`, { token })).body.status).toBe(
      'archived',
    );
    const deleted = await api.request('DELETE', `/api/seller/products/${created.body.id}`, { token });
    expect(deleted.status).toBe(409);
    expect(deleted.body.code).toBe('product_was_published');
  });

  it('deletes a product that was never published', async () => {
    const created = await api.request('POST', '/api/seller/products', { token, body: productBody() });
    expect((await api.request('DELETE', `/api/seller/products/${created.body.id}`, { token })).status).toBe(204);
    expect(await countRows(api, 'product_variants', 'product_id = $1', [created.body.id])).toBe(0);
    expect((await api.request('GET', `/api/seller/products/${created.body.id}`, { token })).status).toBe(404);
  });

  it('refuses to remove a variant or product that other records refer to, and changes nothing', async () => {
    // Stands in for order lines and traceability batches, which keep pointing at what they sold or traced.
    await sql(
      api.databaseUrl,
      'CREATE TABLE IF NOT EXISTS test_references (product_id uuid REFERENCES products(id), variant_id uuid REFERENCES product_variants(id))',
    );
    const created = await api.request('POST', '/api/seller/products', { token, body: productBody() });
    const [kept, sold] = created.body.variants;
    await sql(api.databaseUrl, 'INSERT INTO test_references (product_id, variant_id) VALUES ($1, $2)', [
      created.body.id,
      sold.id,
    ]);

    const { id: _id, active: _active, ...keptInput } = kept;
    const removal = await api.request('PATCH', `/api/seller/products/${created.body.id}`, {
      token,
      body: { name: 'Đổi tên', variants: [{ id: kept.id, ...keptInput }] },
    });
    expect(removal.status).toBe(409);
    expect(removal.body.code).toBe('variant_in_use');
    const unchanged = await api.request('GET', `/api/seller/products/${created.body.id}`, { token });
    expect(unchanged.body.name).toBe(created.body.name);
    expect(unchanged.body.variants).toHaveLength(2);

    const deletion = await api.request('DELETE', `/api/seller/products/${created.body.id}`, { token });
    expect(deletion.status).toBe(409);
    expect(deletion.body.code).toBe('product_in_use');
    expect(await countRows(api, 'products', 'id = $1', [created.body.id])).toBe(1);
  });

  it('lets only approved organisations publish', async () => {
    for (const status of ['pending', 'suspended', 'rejected'] as const) {
      const seller = await createSeller(api, { status });
      const created = await api.request('POST', '/api/seller/products', { token: seller.token, body: productBody() });
      expect(created.status).toBe(201); // drafts are allowed while the application is reviewed
      const response = await api.request('POST', `/api/seller/products/${created.body.id}/publish`, {
        token: seller.token,
      });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        code: 'organisation_not_approved',
        message: expect.stringContaining(status),
      });
      expect(await countRows(api, 'products', "id = $1 AND status = 'draft'", [created.body.id])).toBe(1);
    }
  });

  describe('isolation between organisations', () => {
    let mine: any;
    beforeAll(async () => {
      mine = (
        await api.request('POST', '/api/seller/products', {
          token,
          body: productBody({ name: 'Sản phẩm riêng của Đông Kinh' }),
        })
      ).body;
    });

    it('lists only the caller’s own products', async () => {
      const theirs = await api.request('GET', '/api/seller/products?pageSize=200', { token: other.token });
      expect(theirs.status).toBe(200);
      expect(theirs.body.items.map((p: { id: string }) => p.id)).not.toContain(mine.id);
      const own = await api.request('GET', '/api/seller/products?pageSize=200', { token });
      expect(own.body.items.map((p: { id: string }) => p.id)).toContain(mine.id);
      expect(own.body.total).toBe(own.body.items.length);
    });

    const attempts: [string, string, (id: string, variantId: string) => unknown][] = [
      ['GET', '', () => undefined],
      [
        'PATCH',
        '',
        (_id, variantId) => ({
          name: 'Bị sửa',
          variants: [{ id: variantId, label: 'x', sku: 'HIJACK', price: 1, stock: 0 }],
        }),
      ],
      ['DELETE', '', () => undefined],
      ['POST', '/publish', () => undefined],
      ['POST', '/unpublish', () => undefined],
      ['POST', '/archive', () => undefined],
      [
        'PUT',
        '/ocop-certificate',
        () => ({
          stars: 4,
          certificateNumber: '1/QĐ-UBND',
          issuingLevel: 'provincial',
          issuedOn: '2025-01-02',
          expiresOn: '2028-01-02',
        }),
      ],
      ['GET', '/quality-certificates', () => undefined],
      [
        'POST',
        '/quality-certificates',
        () => ({ kind: 'vietgap', certificateNumber: 'VG-1', expiresOn: '2028-01-01' }),
      ],
    ];
    for (const [method, suffix, body] of attempts) {
      it(`${method} /api/seller/products/:id${suffix} on another organisation’s product is 404 and changes nothing`, async () => {
        const before = await api.request('GET', `/api/seller/products/${mine.id}`, { token });
        const response = await api.request(method, `/api/seller/products/${mine.id}${suffix}`, {
          token: other.token,
          body: body(mine.id, mine.variants[0].id),
        });
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('product_not_found');
        const after = await api.request('GET', `/api/seller/products/${mine.id}`, { token });
        expect(after.body).toEqual(before.body);
      });
    }

    it('a malformed id is a 404 too, not a server error', async () => {
      const response = await api.request('GET', '/api/seller/products/not-a-uuid', { token });
      expect(response.status).toBe(404);
    });

    it('refuses an organisation id smuggled into the body', async () => {
      const [demo] = await sql<{ id: string }>(
        api.databaseUrl,
        "SELECT id FROM organisations WHERE slug = 'htx-nong-san-dong-kinh'",
      );
      const response = await api.request('POST', '/api/seller/products', {
        token: other.token,
        body: { ...productBody(), organisationId: demo!.id },
      });
      expect(response.status).toBe(400);
      expect(response.body.fields).toEqual([
        { field: 'organisationId', messages: ['property organisationId should not exist'] },
      ]);
    });

    it('keeps the other organisation able to work after its attempts', async () => {
      await setOrganisationStatus(api, other.organisationId, 'approved');
      const created = await api.request('POST', '/api/seller/products', { token: other.token, body: productBody() });
      expect(created.status).toBe(201);
      expect(
        await countRows(api, 'products', 'id = $1 AND organisation_id = $2', [created.body.id, other.organisationId]),
      ).toBe(1);
    });
  });

  it('is for seller members only', async () => {
    expect((await api.request('GET', '/api/seller/products')).status).toBe(401);
    expect((await api.request('GET', '/api/seller/products', { token: await api.tokenFor('buyer') })).status).toBe(403);
    expect(
      (await api.request('GET', '/api/seller/products', { token: await api.tokenFor('province_officer') })).status,
    ).toBe(403);
  });
});
