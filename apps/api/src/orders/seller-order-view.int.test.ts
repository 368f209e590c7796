import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_ACCOUNT, paymentTestEnv, TEST_SECRETS } from '../payments/testing/fixtures.js';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import {
  CHECKOUT_BODY,
  DEMO_ORGANISATION_SLUG,
  organisationId,
  publishedVariant,
  secondSeller,
} from './testing/order-fixtures.js';

/** What a seller sees of its own order to pack and ship it: the address, the money, the batch of each line. */
describe("the seller's view of an order", () => {
  let api: TestApp;
  let seller: string;
  let buyer: string;
  let demoOrg: string;
  let rival: { organisationId: string; token: string };
  let bankTransaction = 770_000;
  beforeAll(async () => {
    api = await startTestApp({ env: paymentTestEnv() });
    seller = await api.tokenFor('seller_member');
    buyer = await api.tokenFor('buyer');
    demoOrg = await organisationId(api, DEMO_ORGANISATION_SLUG);
    rival = await secondSeller(api);
  });
  afterAll(() => api.close());

  /** A signed-in buyer's order of the given products (one unit each). */
  async function placeOrder(paymentMethod: string, sellers: string[] = [demoOrg]) {
    const items = [];
    for (const [index, org] of sellers.entries()) {
      const item = await publishedVariant(api, {
        organisationId: org,
        name: index === 0 ? 'Miến dong Bình Liêu' : 'Thạch đen Tràng Định',
        price: 70_000,
        stock: 10,
      });
      await api.request('POST', '/api/cart/lines', { token: buyer, body: { variantId: item.variantId, quantity: 1 } });
      items.push(item);
    }
    const placed = await api.request('POST', '/api/checkout', {
      token: buyer,
      body: { ...CHECKOUT_BODY, paymentMethod },
    });
    expect(placed.status).toBe(201);
    return { items, placed: placed.body };
  }

  function bankTransfer(reference: string, amount: number) {
    bankTransaction += 1;
    return api.request('POST', '/api/payments/bank-transfers/webhook', {
      headers: { authorization: `Apikey ${TEST_SECRETS.bankWebhookKey}` },
      body: {
        id: bankTransaction,
        gateway: 'Vietcombank',
        transactionDate: '2026-11-23 14:02:37',
        accountNumber: COLLECTION_ACCOUNT.number,
        content: `CK ${reference} thanh toan`,
        transferType: 'in',
        transferAmount: amount,
        referenceCode: `FT26327${bankTransaction}`,
        description: '',
      },
    });
  }

  it('shows the seller where to ship, and no one else sees it through the seller routes', async () => {
    const { placed } = await placeOrder('cod');
    const sellerOrderId = placed.order.sellerOrders[0].id as string;
    const [commune] = await sql<{ commune: string; province: string }>(
      api.databaseUrl,
      'SELECT c.name AS commune, p.name AS province FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = $1',
      [CHECKOUT_BODY.delivery.communeCode],
    );

    const own = await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: seller });
    expect(own.status).toBe(200);
    expect(own.body.recipient).toEqual({
      name: 'Nguyễn Thu Trang',
      phone: '0901000004',
      streetAddress: 'Số 5 ngõ 12 phố Huế',
      communeCode: CHECKOUT_BODY.delivery.communeCode,
      communeName: commune!.commune,
      provinceName: commune!.province,
    });
    expect(own.body.payment).toMatchObject({ method: 'cod', sharedWithOtherSellers: false, flags: [] });
    // The seller's list carries the same, for its own orders only.
    const list = await api.request('GET', '/api/seller/orders', { token: seller });
    expect(list.body.find((o: { id: string }) => o.id === sellerOrderId).recipient.name).toBe('Nguyễn Thu Trang');

    expect((await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: rival.token })).status).toBe(404);
    const rivalList = await api.request('GET', '/api/seller/orders', { token: rival.token });
    expect(JSON.stringify(rivalList.body)).not.toContain('Số 5 ngõ 12 phố Huế');
    // The buyer reads the address on the customer order; its seller orders do not repeat the seller's extras.
    const buyerView = await api.request('GET', `/api/orders/${placed.order.code}`, { token: buyer });
    expect(buyerView.body.sellerOrders[0]).not.toHaveProperty('payment');
    expect(buyerView.body.sellerOrders[0]).not.toHaveProperty('recipient');
    expect(buyerView.body.sellerOrders[0].lines[0]).not.toHaveProperty('batchCode');
  });

  it('tells the seller that a VietQR transfer came in short, by how much, and another seller gets 404', async () => {
    const { placed } = await placeOrder('vietqr');
    const sellerOrderId = placed.order.sellerOrders[0].id as string;
    const grandTotal = placed.order.grandTotal as number;
    const reference = placed.payment.action.vietqr.reference as string;
    expect((await bankTransfer(reference, grandTotal - 20_000)).status).toBeLessThan(300);

    const view = await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: seller });
    expect(view.body.status).toBe('awaiting_payment');
    expect(view.body.payment).toEqual({
      method: 'vietqr',
      status: 'pending',
      sharedWithOtherSellers: false,
      amountExpected: grandTotal,
      amountReceived: grandTotal - 20_000,
      amountDue: 20_000,
      amountToRefund: 0,
      amountRefunded: 0,
      flags: ['underpaid'],
      paidAt: null,
    });
    expect((await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: rival.token })).status).toBe(404);
    // The platform admin's list names the order, so the shortfall can be chased with the buyer.
    const attention = await api.request('GET', '/api/payments/attention', {
      token: await api.tokenFor('platform_admin'),
    });
    expect(attention.body).toContainEqual(
      expect.objectContaining({ reference, orderCode: placed.order.code, flags: ['underpaid'] }),
    );

    // The rest arrives: the order is paid and the flag is gone.
    await bankTransfer(reference, 20_000);
    const paid = await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: seller });
    expect(paid.body.status).toBe('paid');
    expect(paid.body.payment).toMatchObject({
      status: 'succeeded',
      amountReceived: grandTotal,
      amountDue: 0,
      flags: [],
      paidAt: expect.any(String),
    });
  });

  it('withholds the payment totals when the payment also covers another seller’s order', async () => {
    const { placed } = await placeOrder('vietqr', [demoOrg, rival.organisationId]);
    const reference = placed.payment.action.vietqr.reference as string;
    await bankTransfer(reference, (placed.order.grandTotal as number) + 30_000);
    const byOrg = new Map<string, string>(
      placed.order.sellerOrders.map((o: { organisationId: string; id: string }) => [o.organisationId, o.id]),
    );

    for (const [org, token] of [
      [demoOrg, seller],
      [rival.organisationId, rival.token],
    ] as const) {
      const view = await api.request('GET', `/api/seller/orders/${byOrg.get(org)}`, { token });
      expect(view.body.payment).toMatchObject({
        status: 'succeeded',
        sharedWithOtherSellers: true,
        amountExpected: null,
        amountReceived: null,
        amountToRefund: 30_000,
        flags: ['overpaid'],
      });
      // Each sees only its own lines.
      expect(view.body.lines).toHaveLength(1);
      expect(view.body.organisationId).toBe(org);
    }
    expect((await api.request('GET', `/api/seller/orders/${byOrg.get(demoOrg)}`, { token: rival.token })).status).toBe(
      404,
    );
  });

  it('shows the batch recorded for a line', async () => {
    const { items, placed } = await placeOrder('cod');
    const sellerOrderId = placed.order.sellerOrders[0].id as string;
    await api.request('POST', `/api/seller/orders/${sellerOrderId}/accept_cod`, { token: seller, body: {} });
    const batch = await api.request('POST', '/api/seller/batches', {
      token: seller,
      body: {
        productId: items[0]!.productId,
        lot: 'MIEN-2026/11',
        producedOn: '2026-11-01',
        quantity: 50,
        unit: 'kg',
        originCommuneCode: '06253',
      },
    });
    expect(batch.status).toBe(201);
    const before = await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: seller });
    const lineId = before.body.lines[0].id as string;
    expect(before.body.lines[0]).toMatchObject({ batchId: null, batchCode: null, batchLot: null });

    const recorded = await api.request('PUT', `/api/seller/orders/${sellerOrderId}/lines/${lineId}/batch`, {
      token: seller,
      body: { batchId: batch.body.id },
    });
    expect(recorded.status).toBe(200);
    const after = await api.request('GET', `/api/seller/orders/${sellerOrderId}`, { token: seller });
    expect(after.body.lines[0]).toMatchObject({
      batchId: batch.body.id,
      batchCode: batch.body.code,
      batchLot: 'MIEN-2026/11',
    });
  });
});
