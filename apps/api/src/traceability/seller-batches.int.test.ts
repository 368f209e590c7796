import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG, upload } from '../catalog/testing/catalog-fixtures.js';
import { CHECKOUT_BODY } from '../orders/testing/order-fixtures.js';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import {
  batchBody,
  DEMO_ORGANISATION_SLUG,
  DRYING_EVENT,
  HARVEST_EVENT,
  organisationId,
  secondSeller,
  testGtin13,
  tracedProduct,
} from './testing/trace-fixtures.js';

describe('seller batches and trace events over HTTP', () => {
  let api: TestApp;
  let seller: string;
  let demoOrg: string;
  let rival: { organisationId: string; token: string };
  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
    demoOrg = await organisationId(api, DEMO_ORGANISATION_SLUG);
    rival = await secondSeller(api);
  });
  afterAll(() => api.close());

  const count = async (table: string) =>
    (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('lets the owning seller record a batch with its GTIN, origin and standards, as the first link of a chain', async () => {
    const gtin = testGtin13();
    const product = await tracedProduct(api, {
      organisationId: demoOrg,
      name: 'Hoa hồi khô Văn Quan',
      gtin,
      ocopStars: 4,
    });
    const created = await api.request('POST', '/api/seller/batches', {
      token: seller,
      body: batchBody(product.productId, { lot: 'HOI-2026/01' }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{10}$/),
      variantId: product.variantId,
      product: { id: product.productId, name: 'Hoa hồi khô Văn Quan' },
      producer: { name: 'Hợp tác xã Nông sản Đông Kinh', legalTypeLabel: 'Hợp tác xã' },
      batch: {
        lot: 'HOI-2026/01',
        gtin: `0${gtin}`,
        quantity: 130.5,
        unit: 'kg',
        origin: { code: '06253', name: 'Xã Văn Quan', provinceName: 'Lạng Sơn' },
        standards: [{ code: 'vietgap', label: 'VietGAP', reference: 'VietGAP-TT-19-07-20-0012' }],
      },
      ocop: { stars: 4, valid: true },
      events: [],
      chain: { verified: true, eventCount: 0 },
      scanCount: 0,
    });
    expect(created.body.links.digitalLink).toBe(`http://localhost:3000/01/0${gtin}/10/HOI-2026%2F01`);
    expect(created.body.links.qrUri).toBe(created.body.links.digitalLink);
    expect(created.body.producer.address).toContain('Phường Đông Kinh');
    expect(created.body.circular02Missing).toEqual(['images', 'productionStages']);

    const list = await api.request('GET', `/api/seller/batches?productId=${product.productId}`, { token: seller });
    expect(list.body).toEqual([expect.objectContaining({ id: created.body.id, lot: 'HOI-2026/01', eventCount: 0 })]);
  });

  it('appends events with the previous hash, accepts a correction, and keeps the chain verifiable', async () => {
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Măng khô Đình Lập' });
    const batch = (
      await api.request('POST', '/api/seller/batches', { token: seller, body: batchBody(product.productId) })
    ).body;
    expect(batch.links.digitalLink).toBeNull();
    expect(batch.links.qrUri).toBe(`http://localhost:3000/t/${batch.code}`);

    const harvest = await api.request('POST', `/api/seller/batches/${batch.id}/events`, {
      token: seller,
      body: HARVEST_EVENT,
    });
    expect(harvest.status).toBe(201);
    expect(harvest.body).toMatchObject({
      seq: 1,
      kind: 'harvesting',
      kindLabel: 'Thu hoạch',
      prevHash: batch.chain.headHash,
    });
    expect(harvest.body.place).toEqual({ code: '06253', name: 'Xã Văn Quan', provinceName: 'Lạng Sơn' });
    const drying = await api.request('POST', `/api/seller/batches/${batch.id}/events`, {
      token: seller,
      body: DRYING_EVENT,
    });
    expect(drying.body).toMatchObject({ seq: 2, prevHash: harvest.body.hash });

    const correction = await api.request('POST', `/api/seller/batches/${batch.id}/events`, {
      token: seller,
      body: {
        ...DRYING_EVENT,
        outputs: [{ name: 'Hoa hồi khô', quantity: 128, unit: 'kg' }],
        correctsEventId: drying.body.id,
        notes: 'Cân lại',
      },
    });
    expect(correction.body).toMatchObject({ seq: 3, correctsEventId: drying.body.id });

    const detail = await api.request('GET', `/api/seller/batches/${batch.id}`, { token: seller });
    expect(detail.body.chain).toMatchObject({ verified: true, eventCount: 3, headHash: correction.body.hash });
    expect(detail.body.events[1]).toMatchObject({ id: drying.body.id, correctedByEventId: correction.body.id });
    const [row] = await sql(api.databaseUrl, 'SELECT event_count, head_hash FROM trace_batches WHERE id = $1', [
      batch.id,
    ]);
    expect(row).toEqual({ event_count: 3, head_hash: correction.body.hash });

    const wrongCorrection = await api.request('POST', `/api/seller/batches/${batch.id}/events`, {
      token: seller,
      body: { ...HARVEST_EVENT, correctsEventId: '7b3c1b9e-0f55-4a55-9d0b-8d8f1c8a9e10' },
    });
    expect(wrongCorrection.status).toBe(400);
  });

  it('cites evidence photos by their hash, and keeps them', async () => {
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Mật ong hoa rừng Hữu Lũng' });
    const batch = (
      await api.request('POST', '/api/seller/batches', {
        token: seller,
        body: batchBody(product.productId, { unit: 'l' }),
      })
    ).body;
    const photo = await upload(api, `/api/seller/batches/${batch.id}/photos`, seller, {
      bytes: PNG,
      filename: 'lo.png',
      contentType: 'image/png',
    });
    expect(photo.status).toBe(201);
    const evidence = await upload(api, `/api/seller/batches/${batch.id}/evidence`, seller, {
      bytes: PNG,
      filename: 'kq.png',
      contentType: 'image/png',
    });
    expect(evidence.status).toBe(201);
    expect(evidence.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const inspected = await api.request('POST', `/api/seller/batches/${batch.id}/events`, {
      token: seller,
      body: {
        kind: 'inspecting',
        occurredAt: '2026-01-20T09:00:00+07:00',
        actorName: 'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Lạng Sơn',
        notes: 'Độ ẩm 18,7 %',
        evidencePhotoIds: [evidence.body.id],
      },
    });
    expect(inspected.status).toBe(201);
    expect(inspected.body.evidence).toEqual([
      { id: evidence.body.id, url: evidence.body.url, sha256: evidence.body.sha256 },
    ]);
    const served = await fetch(`${api.baseUrl}${evidence.body.url}`);
    expect(served.status).toBe(200);

    // A batch photo can go; evidence stays, through the API and in the database.
    expect(
      (await api.request('DELETE', `/api/seller/batches/${batch.id}/photos/${evidence.body.id}`, { token: seller }))
        .status,
    ).toBe(409);
    expect(
      (await api.request('DELETE', `/api/seller/batches/${batch.id}/photos/${photo.body.id}`, { token: seller }))
        .status,
    ).toBe(204);
    await expect(sql(api.databaseUrl, 'DELETE FROM trace_photos WHERE id = $1', [evidence.body.id])).rejects.toThrow(
      /evidence/,
    );

    const notMine = await upload(api, `/api/seller/batches/${batch.id}/evidence`, seller, {
      bytes: Buffer.from('<svg/>'),
      filename: 'x.png',
      contentType: 'image/png',
    });
    expect(notMine.body.code).toBe('unsupported_file_type');
  });

  it('refuses a batch for a product that was never published, a taken lot and a missing date', async () => {
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Bột hồi xay mịn' });
    await sql(
      api.databaseUrl,
      "UPDATE products SET status = 'draft', published_at = NULL, first_published_at = NULL WHERE id = $1",
      [product.productId],
    );
    const draft = await api.request('POST', '/api/seller/batches', {
      token: seller,
      body: batchBody(product.productId),
    });
    expect(draft.body.code).toBe('product_not_published');

    const other = await tracedProduct(api, { organisationId: demoOrg, name: 'Quế thanh cuộn' });
    const first = await api.request('POST', '/api/seller/batches', {
      token: seller,
      body: batchBody(other.productId, { lot: 'QUE-01' }),
    });
    expect(first.status).toBe(201);
    const again = await api.request('POST', '/api/seller/batches', {
      token: seller,
      body: batchBody(other.productId, { lot: 'QUE-01' }),
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'lot_taken' } });

    const noDate = await api.request('POST', '/api/seller/batches', {
      token: seller,
      body: batchBody(other.productId, { harvestedOn: undefined, producedOn: undefined }),
    });
    expect(noDate.status).toBe(400);
    expect(noDate.body.fields.map((f: { field: string }) => f.field)).toContain('harvestedOn');

    // Without a lot, one is made from the date, and made unique on the same day.
    const generated = await api.request('POST', '/api/seller/batches', {
      token: seller,
      body: batchBody(other.productId, {
        lot: undefined,
        producedOn: undefined,
        harvestedOn: '2026-02-03',
        expiresOn: undefined,
      }),
    });
    const generatedAgain = await api.request('POST', '/api/seller/batches', {
      token: seller,
      body: batchBody(other.productId, {
        lot: undefined,
        producedOn: undefined,
        harvestedOn: '2026-02-03',
        expiresOn: undefined,
      }),
    });
    expect([generated.body.batch.lot, generatedAgain.body.batch.lot]).toEqual(['L260203', 'L260203-2']);
  });

  it("gives another organisation's seller 404 for every batch route, and changes nothing", async () => {
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Hồi tứ quý cánh vàng' });
    const batch = (
      await api.request('POST', '/api/seller/batches', { token: seller, body: batchBody(product.productId) })
    ).body;
    const event = (
      await api.request('POST', `/api/seller/batches/${batch.id}/events`, { token: seller, body: HARVEST_EVENT })
    ).body;
    const before = {
      batches: await count('trace_batches'),
      events: await count('trace_events'),
      photos: await count('trace_photos'),
    };

    const asRival = (method: string, path: string, body?: unknown) =>
      api.request(method, path, { token: rival.token, body });
    expect((await asRival('POST', '/api/seller/batches', batchBody(product.productId))).status).toBe(404);
    expect((await asRival('GET', `/api/seller/batches/${batch.id}`)).status).toBe(404);
    expect((await asRival('POST', `/api/seller/batches/${batch.id}/events`, DRYING_EVENT)).status).toBe(404);
    expect((await asRival('PATCH', `/api/seller/batches/${batch.id}/events/${event.id}`, {})).status).toBe(404);
    expect((await asRival('DELETE', `/api/seller/batches/${batch.id}/events/${event.id}`)).status).toBe(404);
    expect((await asRival('GET', `/api/seller/batches/${batch.id}/qr.png`)).status).toBe(404);
    expect((await asRival('GET', `/api/seller/batches/${batch.id}/qr.svg`)).status).toBe(404);
    expect((await asRival('GET', `/api/seller/batches/${batch.id}/labels.pdf`)).status).toBe(404);
    expect(
      (
        await upload(api, `/api/seller/batches/${batch.id}/photos`, rival.token, {
          bytes: PNG,
          filename: 'a.png',
          contentType: 'image/png',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await upload(api, `/api/seller/batches/${batch.id}/evidence`, rival.token, {
          bytes: PNG,
          filename: 'a.png',
          contentType: 'image/png',
        })
      ).status,
    ).toBe(404);
    expect((await asRival('GET', '/api/seller/batches')).body).toEqual([]);
    expect((await asRival('GET', '/api/seller/batches/not-a-uuid')).status).toBe(404);

    expect({
      batches: await count('trace_batches'),
      events: await count('trace_events'),
      photos: await count('trace_photos'),
    }).toEqual(before);
    // Buyers and anonymous callers have no seller routes at all.
    expect((await api.request('GET', '/api/seller/batches', { token: await api.tokenFor('buyer') })).status).toBe(403);
    expect((await api.request('GET', '/api/seller/batches')).status).toBe(401);
  });

  it('is append-only: the API refuses to change or delete an event, and so does the database', async () => {
    const product = await tracedProduct(api, { organisationId: demoOrg, name: 'Hạt mắc mật khô' });
    const batch = (
      await api.request('POST', '/api/seller/batches', { token: seller, body: batchBody(product.productId) })
    ).body;
    const event = (
      await api.request('POST', `/api/seller/batches/${batch.id}/events`, { token: seller, body: HARVEST_EVENT })
    ).body;

    const patched = await api.request('PATCH', `/api/seller/batches/${batch.id}/events/${event.id}`, {
      token: seller,
      body: { notes: 'sửa' },
    });
    expect(patched).toMatchObject({ status: 405, body: { code: 'trace_event_immutable' } });
    const deleted = await api.request('DELETE', `/api/seller/batches/${batch.id}/events/${event.id}`, {
      token: seller,
    });
    expect(deleted.status).toBe(405);

    await expect(
      sql(api.databaseUrl, "UPDATE trace_events SET notes = 'sửa lén' WHERE id = $1", [event.id]),
    ).rejects.toThrow(/append-only/);
    await expect(sql(api.databaseUrl, 'DELETE FROM trace_events WHERE id = $1', [event.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(api.databaseUrl, 'TRUNCATE trace_events CASCADE')).rejects.toThrow(/append-only/);
    await expect(
      sql(api.databaseUrl, "UPDATE trace_batches SET origin_commune_code = '06046' WHERE id = $1", [batch.id]),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      sql(api.databaseUrl, 'UPDATE trace_batches SET event_count = 0 WHERE id = $1', [batch.id]),
    ).rejects.toThrow(/head/);
    await expect(sql(api.databaseUrl, 'DELETE FROM trace_batches WHERE id = $1', [batch.id])).rejects.toThrow(
      /kept for good/,
    );
    // An insert that does not extend the chain from its head is refused too.
    await expect(
      sql(
        api.databaseUrl,
        `INSERT INTO trace_events (batch_id, organisation_id, seq, kind, occurred_at, actor_name, recorded_at, prev_hash, hash)
         VALUES ($1, $2, 1, 'packing', now(), 'Ai đó', now(), $3, $3)`,
        [batch.id, demoOrg, 'a'.repeat(64)],
      ),
    ).rejects.toThrow(/does not extend the chain/);

    const [row] = await sql(api.databaseUrl, 'SELECT notes FROM trace_events WHERE id = $1', [event.id]);
    expect(row.notes).toBe(HARVEST_EVENT.notes);
    expect((await api.request('GET', `/api/seller/batches/${batch.id}`, { token: seller })).body.chain.verified).toBe(
      true,
    );
  });

  describe('recording the batch an order line was packed from', () => {
    async function paidLine(organisation: string) {
      const product = await tracedProduct(api, { organisationId: organisation, name: 'Gạo Bao thai Hồng Phong' });
      const buyer = await api.tokenFor('buyer');
      await api.request('POST', '/api/cart/lines', {
        token: buyer,
        body: { variantId: product.variantId, quantity: 1 },
      });
      const placed = await api.request('POST', '/api/checkout', { token: buyer, body: CHECKOUT_BODY });
      expect(placed.status).toBe(201);
      const sellerOrder = placed.body.order.sellerOrders[0];
      const [line] = await sql(api.databaseUrl, 'SELECT id FROM seller_order_lines WHERE seller_order_id = $1', [
        sellerOrder.id,
      ]);
      return { product, sellerOrderId: sellerOrder.id as string, lineId: line.id as string };
    }

    it('accepts a batch of the line’s product from the same seller, and refuses anything else', async () => {
      const { product, sellerOrderId, lineId } = await paidLine(demoOrg);
      const path = `/api/seller/orders/${sellerOrderId}/lines/${lineId}/batch`;
      const batch = (
        await api.request('POST', '/api/seller/batches', { token: seller, body: batchBody(product.productId) })
      ).body;

      // Cash on delivery: not yet accepted, so nothing is to be packed yet.
      expect((await api.request('PUT', path, { token: seller, body: { batchId: batch.id } })).body.code).toBe(
        'order_line_batch_locked',
      );
      await api.request('POST', `/api/seller/orders/${sellerOrderId}/accept_cod`, { token: seller, body: {} });

      const otherProduct = await tracedProduct(api, { organisationId: demoOrg, name: 'Lạc đỏ Lộc Bình' });
      const otherBatch = (
        await api.request('POST', '/api/seller/batches', { token: seller, body: batchBody(otherProduct.productId) })
      ).body;
      expect((await api.request('PUT', path, { token: seller, body: { batchId: otherBatch.id } })).body.code).toBe(
        'batch_product_mismatch',
      );

      const set = await api.request('PUT', path, { token: seller, body: { batchId: batch.id } });
      expect(set).toMatchObject({
        status: 200,
        body: { lineId, batchId: batch.id, batchCode: batch.code, lot: batch.batch.lot },
      });
      const [row] = await sql(api.databaseUrl, 'SELECT batch_id FROM seller_order_lines WHERE id = $1', [lineId]);
      expect(row.batch_id).toBe(batch.id);

      // The rival sees neither the line nor a way to attach its own batch to it.
      const rivalProduct = await tracedProduct(api, {
        organisationId: rival.organisationId,
        name: 'Thạch đen Tràng Định',
      });
      const rivalBatch = (
        await api.request('POST', '/api/seller/batches', {
          token: rival.token,
          body: batchBody(rivalProduct.productId),
        })
      ).body;
      expect((await api.request('PUT', path, { token: rival.token, body: { batchId: rivalBatch.id } })).status).toBe(
        404,
      );
      expect((await api.request('PUT', path, { token: seller, body: { batchId: rivalBatch.id } })).status).toBe(404);
      expect(
        (await sql(api.databaseUrl, 'SELECT batch_id FROM seller_order_lines WHERE id = $1', [lineId]))[0].batch_id,
      ).toBe(batch.id);

      await api.request('POST', `/api/seller/orders/${sellerOrderId}/pack`, { token: seller, body: {} });
      await api.request('POST', `/api/seller/orders/${sellerOrderId}/ship`, { token: seller, body: {} });
      expect((await api.request('PUT', path, { token: seller, body: { batchId: null } })).body.code).toBe(
        'order_line_batch_locked',
      );
    });
  });
});
