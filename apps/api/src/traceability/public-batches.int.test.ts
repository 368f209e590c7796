import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import {
  batchBody,
  DEMO_ORGANISATION_SLUG,
  DRYING_EVENT,
  HARVEST_EVENT,
  organisationId,
  secondSeller,
  tamper,
  tracedProduct,
} from './testing/trace-fixtures.js';

const PACKING_EVENT = {
  kind: 'packing',
  occurredAt: '2026-01-10T09:15:00+07:00',
  communeCode: '06253',
  placeName: 'Xưởng đóng gói Hợp tác xã',
  actorName: 'Tổ đóng gói',
  notes: 'Túi 500 g.',
};

describe('batch summaries for the storefront', () => {
  let api: TestApp;
  let seller: string;
  let demoOrg: string;
  let other: { organisationId: string; token: string };
  let hoi: { productId: string; slug: string };

  async function slugOf(productId: string): Promise<string> {
    const [row] = await sql<{ slug: string }>(api.databaseUrl, 'SELECT slug FROM products WHERE id = $1', [productId]);
    return row!.slug;
  }

  async function batch(token: string, productId: string, lot: string, events: object[]) {
    const created = await api.request('POST', '/api/seller/batches', { token, body: batchBody(productId, { lot }) });
    expect(created.status).toBe(201);
    for (const event of events) {
      const appended = await api.request('POST', `/api/seller/batches/${created.body.id}/events`, {
        token,
        body: event,
      });
      expect(appended.status).toBe(201);
    }
    return { id: created.body.id as string, code: created.body.code as string };
  }

  const recentCodes = async (limit = 24) => {
    const response = await api.request('GET', `/api/trace/batches/recent?limit=${limit}`);
    expect(response.status).toBe(200);
    return (response.body as { code: string }[]).map((b) => b.code);
  };

  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
    demoOrg = await organisationId(api, DEMO_ORGANISATION_SLUG);
    other = await secondSeller(api);
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Hoa hồi khô Văn Quan' });
    hoi = { productId: product.productId, slug: await slugOf(product.productId) };
  });
  afterAll(() => api.close());

  it("returns a public product's current batch: the newest one with events, summarised, cacheable", async () => {
    await batch(seller, hoi.productId, 'HOI-OLD', [HARVEST_EVENT]);
    const current = await batch(seller, hoi.productId, 'HOI-NEW', [HARVEST_EVENT, PACKING_EVENT, DRYING_EVENT]);
    // Recorded last but with no event yet: not the current batch.
    await batch(seller, hoi.productId, 'HOI-EMPTY', []);

    const response = await api.request('GET', `/api/trace/products/${hoi.slug}/current`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.body.productSlug).toBe(hoi.slug);
    const summary = response.body.batch;
    expect(summary).toMatchObject({
      code: current.code,
      lot: 'HOI-NEW',
      harvestedOn: '2026-01-05',
      producedOn: '2026-01-12',
      expiresOn: '2027-01-12',
      origin: { code: '06253', name: 'Xã Văn Quan', provinceName: 'Lạng Sơn' },
      producer: { name: 'Hợp tác xã Nông sản Đông Kinh', slug: DEMO_ORGANISATION_SLUG },
      eventCount: 3,
      eventKinds: [
        { kind: 'harvesting', label: 'Thu hoạch', count: 1 },
        { kind: 'processing', label: 'Sơ chế, chế biến', count: 1 },
        { kind: 'packing', label: 'Đóng gói', count: 1 },
      ],
      // The latest stage in time, though it was not the last one recorded.
      lastEvent: {
        kind: 'packing',
        occurredAt: '2026-01-10T02:15:00.000Z',
        placeName: 'Xưởng đóng gói Hợp tác xã',
        place: { code: '06253', name: 'Xã Văn Quan', provinceName: 'Lạng Sơn' },
      },
      chainVerified: true,
      tracePath: `/t/${current.code}`,
      traceUrl: `http://localhost:3000/t/${current.code}`,
    });
    expect(summary.producer.commune).not.toBeNull();
    expect((await fetch(`${api.baseUrl}${summary.tracePath}`)).status).toBe(200);

    // A row changed behind the append-only trigger shows as a chain that no longer verifies.
    await tamper(
      api,
      "UPDATE trace_events SET place_name = 'Nơi khác' WHERE batch_id = (SELECT id FROM trace_batches WHERE code = $1) AND seq = 1",
      [current.code],
    );
    expect((await api.request('GET', `/api/trace/products/${hoi.slug}/current`)).body.batch.chainVerified).toBe(false);
  });

  it('answers a public product without a traced batch with no batch, and 404 for a product the public cannot see', async () => {
    const bare = await tracedProduct(api, { organisationId: demoOrg, name: 'Măng khô Đình Lập' });
    await batch(seller, bare.productId, 'MANG-EMPTY', []);
    const none = await api.request('GET', `/api/trace/products/${await slugOf(bare.productId)}/current`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ productSlug: await slugOf(bare.productId), batch: null });

    const hidden = await tracedProduct(api, { organisationId: demoOrg, name: 'Quýt vàng Bắc Sơn chưa bán' });
    await batch(seller, hidden.productId, 'QUYT-01', [HARVEST_EVENT]);
    await sql(api.databaseUrl, "UPDATE products SET status = 'draft' WHERE id = $1", [hidden.productId]);
    const unpublished = await api.request('GET', `/api/trace/products/${await slugOf(hidden.productId)}/current`);
    expect(unpublished.status).toBe(404);
    expect(unpublished.body.code).toBe('product_not_found');

    const thach = await tracedProduct(api, { organisationId: other.organisationId, name: 'Thạch đen Tràng Định' });
    await batch(other.token, thach.productId, 'TD-01', [HARVEST_EVENT]);
    const thachPath = `/api/trace/products/${await slugOf(thach.productId)}/current`;
    expect((await api.request('GET', thachPath)).status).toBe(200);
    await sql(api.databaseUrl, "UPDATE organisations SET status = 'suspended' WHERE id = $1", [other.organisationId]);
    expect((await api.request('GET', thachPath)).status).toBe(404);
    await sql(api.databaseUrl, "UPDATE organisations SET status = 'approved' WHERE id = $1", [other.organisationId]);

    expect((await api.request('GET', '/api/trace/products/khong-co-san-pham-nay/current')).status).toBe(404);
  });

  it('lists the newest batches of public products first, without empty batches or hidden products', async () => {
    const quyt = await tracedProduct(api, { organisationId: demoOrg, name: 'Quýt vàng Bắc Sơn' });
    const first = await batch(seller, quyt.productId, 'QUYT-A', [HARVEST_EVENT]);
    const empty = await batch(seller, quyt.productId, 'QUYT-EMPTY', []);
    const thach = await tracedProduct(api, {
      organisationId: other.organisationId,
      name: 'Thạch đen Tràng Định loại 1',
    });
    const suspendedBatch = await batch(other.token, thach.productId, 'TD-A', [HARVEST_EVENT]);
    const draft = await tracedProduct(api, { organisationId: demoOrg, name: 'Miến dong Bình Liêu nháp' });
    const draftBatch = await batch(seller, draft.productId, 'MIEN-A', [HARVEST_EVENT]);
    await sql(api.databaseUrl, "UPDATE products SET status = 'draft' WHERE id = $1", [draft.productId]);
    const latest = await batch(seller, quyt.productId, 'QUYT-B', [HARVEST_EVENT]);

    let codes = await recentCodes();
    expect(codes.indexOf(latest.code)).toBe(0);
    expect(codes.indexOf(suspendedBatch.code)).toBe(1);
    expect(codes.indexOf(first.code)).toBe(2);
    expect(codes).not.toContain(empty.code);
    expect(codes).not.toContain(draftBatch.code);

    await sql(api.databaseUrl, "UPDATE organisations SET status = 'suspended' WHERE id = $1", [other.organisationId]);
    codes = await recentCodes();
    expect(codes).not.toContain(suspendedBatch.code);
    expect(codes.slice(0, 2)).toEqual([latest.code, first.code]);

    const response = await api.request('GET', '/api/trace/batches/recent?limit=1');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.body).toEqual([
      {
        code: latest.code,
        product: { name: 'Quýt vàng Bắc Sơn', slug: await slugOf(quyt.productId), imageUrl: null },
        producer: expect.objectContaining({ name: 'Hợp tác xã Nông sản Đông Kinh', slug: DEMO_ORGANISATION_SLUG }),
        origin: { code: '06253', name: 'Xã Văn Quan', provinceName: 'Lạng Sơn' },
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        eventCount: 1,
        tracePath: `/t/${latest.code}`,
      },
    ]);
    expect((await api.request('GET', '/api/trace/batches/recent?limit=0')).status).toBe(400);
    expect((await api.request('GET', '/api/trace/batches/recent?limit=25')).status).toBe(400);
  });
});
