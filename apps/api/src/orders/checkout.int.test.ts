import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import {
  CHECKOUT_BODY,
  DEMO_ORGANISATION_SLUG,
  organisationId,
  publishedVariant,
  secondSeller,
  stockOf,
} from './testing/order-fixtures.js';

describe('cart and checkout', () => {
  let api: TestApp;
  let demoOrg: string;
  let rival: { organisationId: string; token: string };
  beforeAll(async () => {
    api = await startTestApp();
    demoOrg = await organisationId(api, DEMO_ORGANISATION_SLUG);
    rival = await secondSeller(api);
  });
  afterAll(() => api.close());

  const guestAdd = (variantId: string, quantity: number, cartToken?: string) =>
    api.request('POST', '/api/cart/lines', {
      body: { variantId, quantity },
      headers: cartToken ? { 'x-cart-token': cartToken } : {},
    });

  it('takes a guest from a two-seller cart to one order split per seller, paid cash on delivery', async () => {
    const anise = await publishedVariant(api, {
      organisationId: demoOrg,
      name: 'Hoa hồi khô',
      price: 180_000,
      stock: 20,
      weightGrams: 500,
    });
    const jelly = await publishedVariant(api, {
      organisationId: rival.organisationId,
      name: 'Thạch đen',
      price: 45_000,
      stock: 50,
      weightGrams: 300,
    });

    const first = await guestAdd(anise.variantId, 2);
    expect(first.status).toBe(201);
    const cartToken = first.body.cartToken;
    expect(cartToken).toEqual(expect.any(String));
    await guestAdd(jelly.variantId, 3, cartToken);

    const cart = await api.request('GET', '/api/cart?provinceCode=01', { headers: { 'x-cart-token': cartToken } });
    expect(cart.body).toMatchObject({ itemCount: 5, goodsTotal: 2 * 180_000 + 3 * 45_000, ready: true });
    expect(cart.body.sellers).toHaveLength(2);
    // Default rule, Lạng Sơn → Hà Nội is "same region": 30,000 up to 1 kg, 5,000 per started kg above.
    const fees = Object.fromEntries(
      cart.body.sellers.map((s: { organisationId: string; shippingFee: number }) => [s.organisationId, s.shippingFee]),
    );
    expect(fees[demoOrg]).toBe(30_000);
    expect(fees[rival.organisationId]).toBe(30_000);
    expect(cart.body.grandTotal).toBe(2 * 180_000 + 3 * 45_000 + 60_000);

    const placed = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cartToken },
      body: { ...CHECKOUT_BODY, expectedGrandTotal: cart.body.grandTotal },
    });
    expect(placed.status).toBe(201);
    const order = placed.body.order;
    expect(order).toMatchObject({
      paymentMethod: 'cod',
      goodsTotal: 495_000,
      shippingTotal: 60_000,
      grandTotal: 555_000,
      communeName: 'Phường Ba Đình',
      provinceName: 'Thành phố Hà Nội',
      paymentDueAt: null,
    });
    expect(order.code).toMatch(/^DH\d{6}-[0-9A-Z]{5}$/);
    expect(order.sellerOrders.map((s: { code: string; status: string; total: number }) => [s.code, s.status])).toEqual([
      [`${order.code}-1`, 'awaiting_payment'],
      [`${order.code}-2`, 'awaiting_payment'],
    ]);
    expect(await stockOf(api, anise.variantId)).toBe(18);
    expect(await stockOf(api, jelly.variantId)).toBe(47);

    // The cart is empty afterwards; the order opens with its token and not without.
    expect((await api.request('GET', '/api/cart', { headers: { 'x-cart-token': cartToken } })).body.itemCount).toBe(0);
    expect((await api.request('GET', `/api/orders/${order.code}`)).status).toBe(404);
    const reopened = await api.request('GET', `/api/orders/${order.code}?token=${placed.body.orderAccessToken}`);
    expect(reopened.body.grandTotal).toBe(555_000);
    // The checkout answer is built from what was written, not read back: it must be what a read shows.
    expect(reopened.body).toEqual(order);
  });

  it('refuses to add more than is on the shelf, and products that are not on sale', async () => {
    const few = await publishedVariant(api, {
      organisationId: demoOrg,
      name: 'Mật ong rừng',
      price: 350_000,
      stock: 2,
    });
    const tooMany = await guestAdd(few.variantId, 3);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.code).toBe('insufficient_stock');

    await sql(api.databaseUrl, "UPDATE products SET status = 'draft' WHERE id = $1", [few.productId]);
    const draft = await guestAdd(few.variantId, 1);
    expect(draft.status).toBe(404);
    expect(draft.body.code).toBe('product_unavailable');
  });

  it('re-checks stock, availability and prices at checkout, writing nothing when they changed', async () => {
    const item = await publishedVariant(api, {
      organisationId: rival.organisationId,
      name: 'Khâu nhục',
      price: 250_000,
      stock: 5,
    });
    const added = await guestAdd(item.variantId, 2);
    const cartToken = added.body.cartToken;
    const headers = { 'x-cart-token': cartToken };
    const orderCount = async () => (await sql(api.databaseUrl, 'SELECT count(*)::int AS n FROM customer_orders'))[0].n;
    const before = await orderCount();

    await sql(api.databaseUrl, 'UPDATE product_variants SET price = 260000 WHERE id = $1', [item.variantId]);
    const changedPrice = await api.request('POST', '/api/checkout', {
      headers,
      body: { ...CHECKOUT_BODY, expectedGrandTotal: 2 * 250_000 + 30_000 },
    });
    expect(changedPrice.status).toBe(409);
    expect(changedPrice.body.code).toBe('total_changed');

    await sql(api.databaseUrl, 'UPDATE product_variants SET stock = 1 WHERE id = $1', [item.variantId]);
    const short = await api.request('POST', '/api/checkout', { headers, body: CHECKOUT_BODY });
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({
      code: 'stock_changed',
      fields: [{ field: `lines.${item.variantId}`, messages: ['only 1 left'] }],
    });

    await sql(api.databaseUrl, 'UPDATE product_variants SET stock = 5 WHERE id = $1', [item.variantId]);
    await sql(api.databaseUrl, "UPDATE organisations SET status = 'suspended' WHERE id = $1", [rival.organisationId]);
    const suspended = await api.request('POST', '/api/checkout', { headers, body: CHECKOUT_BODY });
    expect(suspended.status).toBe(409);
    expect(suspended.body.fields[0].messages).toEqual(['no longer on sale']);
    await sql(api.databaseUrl, "UPDATE organisations SET status = 'approved' WHERE id = $1", [rival.organisationId]);

    expect(await orderCount()).toBe(before);
    expect(await stockOf(api, item.variantId)).toBe(5);
  });

  it('answers bad checkout input field by field', async () => {
    const item = await publishedVariant(api, { organisationId: demoOrg, name: 'Na Chi Lăng', price: 90_000, stock: 5 });
    const cartToken = (await guestAdd(item.variantId, 1)).body.cartToken;
    const bad = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cartToken },
      body: {
        ...CHECKOUT_BODY,
        delivery: { ...CHECKOUT_BODY.delivery, communeCode: 'x' },
        paymentMethod: 'bitcoin',
        invoice: { name: '' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'delivery.communeCode',
      'invoice.name',
      'paymentMethod',
    ]);
    const unknownCommune = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cartToken },
      body: { ...CHECKOUT_BODY, delivery: { ...CHECKOUT_BODY.delivery, communeCode: '99999' } },
    });
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.body.fields).toEqual([
      { field: 'delivery.communeCode', messages: ['no commune has the code 99999'] },
    ]);
    expect(await stockOf(api, item.variantId)).toBe(5);
  });

  it('merges a guest cart into the buyer’s cart on sign-in', async () => {
    const item = await publishedVariant(api, {
      organisationId: demoOrg,
      name: 'Quýt Bắc Sơn',
      price: 60_000,
      stock: 10,
    });
    const buyer = await api.tokenFor('buyer');
    await api.request('POST', '/api/cart/lines', { token: buyer, body: { variantId: item.variantId, quantity: 2 } });
    const guest = await guestAdd(item.variantId, 3);
    const merged = await api.request('POST', '/api/cart/merge', {
      token: buyer,
      body: { guestCartToken: guest.body.cartToken },
    });
    expect(merged.status).toBe(201);
    expect(merged.body.sellers[0].lines[0]).toMatchObject({ variantId: item.variantId, quantity: 5 });
    // The guest cart is gone.
    expect(
      (await api.request('GET', '/api/cart', { headers: { 'x-cart-token': guest.body.cartToken } })).body.itemCount,
    ).toBe(0);
  });

  it('places one order when the same cart is checked out several times at once (a double click)', async () => {
    const item = await publishedVariant(api, { organisationId: demoOrg, name: 'Trám đen', price: 70_000, stock: 10 });
    const cartToken = (await guestAdd(item.variantId, 2)).body.cartToken;
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        api.request('POST', '/api/checkout', { headers: { 'x-cart-token': cartToken }, body: CHECKOUT_BODY }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(['cart_empty', 'cart_empty']);
    expect(await stockOf(api, item.variantId)).toBe(8);
  });

  it('sells exactly the stock under 200 concurrent checkouts and never goes below zero', async () => {
    const scarce = await publishedVariant(api, {
      organisationId: demoOrg,
      name: 'Rượu Mẫu Sơn',
      price: 150_000,
      stock: 10,
    });
    const tokens: string[] = [];
    for (let i = 0; i < 200; i += 1) tokens.push((await guestAdd(scarce.variantId, 1)).body.cartToken);

    const results = await Promise.all(
      tokens.map((cartToken) =>
        api.request('POST', '/api/checkout', { headers: { 'x-cart-token': cartToken }, body: CHECKOUT_BODY }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(190);
    expect(await stockOf(api, scarce.variantId)).toBe(0);
    const [sold] = await sql(
      api.databaseUrl,
      'SELECT coalesce(sum(quantity), 0)::int AS n FROM seller_order_lines WHERE variant_id = $1',
      [scarce.variantId],
    );
    expect(sold.n).toBe(10);
  }, 60_000);
});
