import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { OrdersService } from './orders.service.js';
import {
  CHECKOUT_BODY,
  DEMO_ORGANISATION_SLUG,
  organisationId,
  publishedVariant,
  secondSeller,
  stockOf,
} from './testing/order-fixtures.js';

describe('seller order lifecycle over HTTP', () => {
  let api: TestApp;
  let seller: string;
  let buyer: string;
  let demoOrg: string;
  let rival: { organisationId: string; token: string };
  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
    buyer = await api.tokenFor('buyer');
    demoOrg = await organisationId(api, DEMO_ORGANISATION_SLUG);
    rival = await secondSeller(api);
  });
  afterAll(() => api.close());

  /** A signed-in buyer's order of `quantity` units from the demo seller. */
  async function placeOrder(quantity: number, paymentMethod = 'cod') {
    const item = await publishedVariant(api, {
      organisationId: demoOrg,
      name: 'Miến dong Bình Liêu',
      price: 70_000,
      stock: 10,
    });
    await api.request('POST', '/api/cart/lines', { token: buyer, body: { variantId: item.variantId, quantity } });
    const placed = await api.request('POST', '/api/checkout', {
      token: buyer,
      body: { ...CHECKOUT_BODY, paymentMethod },
    });
    expect(placed.status).toBe(201);
    return { item, order: placed.body.order, sellerOrderId: placed.body.order.sellerOrders[0].id as string };
  }

  it('goes from accepted cash on delivery to completed, each step by its role, recorded with its actor', async () => {
    const { order, sellerOrderId } = await placeOrder(2);
    const step = (action: string) =>
      api.request('POST', `/api/seller/orders/${sellerOrderId}/${action}`, { token: seller, body: {} });

    expect((await step('ship')).body.code).toBe('invalid_order_transition');
    expect((await step('accept_cod')).body.status).toBe('cod_accepted');
    expect((await step('pack')).body.status).toBe('packed');
    expect((await step('ship')).body.status).toBe('shipped');
    const delivered = await step('deliver');
    // Each line carries its id, so the seller can record the batch it was packed from.
    expect(delivered.body.lines[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivered.body).toMatchObject({ status: 'delivered', availableActions: ['refund'] });

    // The seller cannot confirm receipt for the buyer; the buyer can.
    const notSeller = await api.request('POST', `/api/orders/${order.code}/seller-orders/${sellerOrderId}/complete`, {
      token: seller,
      body: {},
    });
    expect(notSeller.status).toBe(404);
    const completed = await api.request('POST', `/api/orders/${order.code}/seller-orders/${sellerOrderId}/complete`, {
      token: buyer,
      body: {},
    });
    expect(completed.body.sellerOrders[0].status).toBe('completed');

    const events = completed.body.sellerOrders[0].events.map(
      (e: { action: string; actorType: string; toStatus: string }) => [e.action, e.actorType, e.toStatus],
    );
    expect(events).toEqual([
      ['place', 'buyer', 'awaiting_payment'],
      ['accept_cod', 'seller', 'cod_accepted'],
      ['pack', 'seller', 'packed'],
      ['ship', 'seller', 'shipped'],
      ['deliver', 'seller', 'delivered'],
      ['complete', 'buyer', 'completed'],
    ]);
    const actors = await sql(
      api.databaseUrl,
      'SELECT DISTINCT actor_user_id FROM seller_order_events WHERE seller_order_id = $1 AND actor_user_id IS NOT NULL',
      [sellerOrderId],
    );
    expect(actors).toHaveLength(2);
  });

  it('puts the stock back when an order is cancelled, once', async () => {
    const { item, order, sellerOrderId } = await placeOrder(3);
    expect(await stockOf(api, item.variantId)).toBe(7);
    const cancelled = await api.request('POST', `/api/orders/${order.code}/seller-orders/${sellerOrderId}/cancel`, {
      token: buyer,
      body: { note: 'Đặt nhầm' },
    });
    expect(cancelled.body.sellerOrders[0].status).toBe('cancelled');
    expect(await stockOf(api, item.variantId)).toBe(10);
    const again = await api.request('POST', `/api/seller/orders/${sellerOrderId}/cancel`, { token: seller, body: {} });
    expect(again.status).toBe(409);
    expect(await stockOf(api, item.variantId)).toBe(10);
  });

  it('cancels unpaid online orders after the payment window and releases their stock', async () => {
    const { item, sellerOrderId, order } = await placeOrder(4, 'vnpay');
    expect(order.paymentDueAt).toEqual(expect.any(String));
    expect(await api.app.get(OrdersService).expireOverdue()).toBe(0);
    await sql(
      api.databaseUrl,
      "UPDATE customer_orders SET payment_due_at = now() - interval '1 minute' WHERE id = $1",
      [order.id],
    );
    expect(await api.app.get(OrdersService).expireOverdue()).toBe(1);
    const [row] = await sql(api.databaseUrl, 'SELECT status, stock_released_at FROM seller_orders WHERE id = $1', [
      sellerOrderId,
    ]);
    expect(row.status).toBe('cancelled');
    expect(row.stock_released_at).not.toBeNull();
    expect(await stockOf(api, item.variantId)).toBe(10);
  });

  it('does not let a seller accept an order paid online as if it were cash on delivery', async () => {
    const { sellerOrderId } = await placeOrder(1, 'vnpay');
    const view = await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: seller });
    expect(view.body.availableActions).toEqual(['cancel']);

    const accepted = await api.request('POST', `/api/seller/orders/${sellerOrderId}/accept_cod`, {
      token: seller,
      body: {},
    });
    expect(accepted.status).toBe(409);
    expect(accepted.body.code).toBe('not_cash_on_delivery');
    const [row] = await sql(api, 'SELECT status FROM seller_orders WHERE id = $1', [sellerOrderId]);
    expect(row.status).toBe('awaiting_payment');
  });

  it("never lets one seller read or move another seller's order, and changes nothing", async () => {
    const { sellerOrderId } = await placeOrder(1);
    const before = await sql(api.databaseUrl, 'SELECT status FROM seller_orders WHERE id = $1', [sellerOrderId]);
    expect((await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: rival.token })).status).toBe(404);
    for (const action of ['accept_cod', 'pack', 'cancel']) {
      const response = await api.request('POST', `/api/seller/orders/${sellerOrderId}/${action}`, {
        token: rival.token,
        body: {},
      });
      expect(response.status).toBe(404);
    }
    const list = await api.request('GET', '/api/seller/orders', { token: rival.token });
    expect(list.body.map((o: { id: string }) => o.id)).not.toContain(sellerOrderId);
    expect(await sql(api.databaseUrl, 'SELECT status FROM seller_orders WHERE id = $1', [sellerOrderId])).toEqual(
      before,
    );
  });

  it('lets the buyer see their orders, and nobody else', async () => {
    const { order } = await placeOrder(1);
    const mine = await api.request('GET', '/api/orders', { token: buyer });
    expect(mine.body.map((o: { code: string }) => o.code)).toContain(order.code);
    expect((await api.request('GET', `/api/orders/${order.code}`, { token: rival.token })).status).toBe(404);
    expect((await api.request('GET', `/api/orders/${order.code}`, { token: buyer })).status).toBe(200);
  });

  it('refuses to mark an order paid by hand', async () => {
    const { sellerOrderId } = await placeOrder(1, 'vnpay');
    const response = await api.request('POST', `/api/seller/orders/${sellerOrderId}/pay`, { token: seller, body: {} });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('unknown_action');
  });
});
