import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PaymentJobsScheduler } from '../payments/payment-jobs.scheduler.js';
import { PaymentRefundsService } from '../payments/payment-refunds.service.js';
import { COLLECTION_ACCOUNT, paymentTestEnv, TEST_SECRETS, TEST_TMN_CODE } from '../payments/testing/fixtures.js';
import { signedVnpayQuery } from '../payments/testing/vnpay-signer.js';
import { startQueryDrStub, type QueryDrStub } from '../payments/testing/vnpay-querydr-stub.js';
import { startStripeMock, type StripeMock } from '../testing/stripe-mock/stripe-mock.js';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import {
  CHECKOUT_BODY,
  DEMO_ORGANISATION_SLUG,
  organisationId,
  publishedVariant,
  secondSeller,
} from './testing/order-fixtures.js';

interface Placed {
  order: { id: string; code: string; grandTotal: number; sellerOrders: { id: string; total: number }[] };
  payment: {
    id: string;
    action: { type: string; clientSecret?: string; redirectUrl?: string; vietqr?: { reference: string } };
  };
}

interface RefundRow {
  id: string;
  status: string;
  amount: string;
  attempts: number;
  last_error: string | null;
  provider_reference: string | null;
}

/** A refunded seller order gives its money back through the payment's provider, once. */
describe('refunds of paid seller orders', () => {
  let api: TestApp;
  let stripeMock: StripeMock;
  let vnpayStub: QueryDrStub;
  let demoSellerOrgId: string;
  let sellerToken: string;
  let adminToken: string;
  let items: { variantId: string }[];
  let bankTransferId = 910_000;

  beforeAll(async () => {
    stripeMock = await startStripeMock();
    vnpayStub = await startQueryDrStub(TEST_TMN_CODE, TEST_SECRETS.vnpaySecret);
    api = await startTestApp({
      env: paymentTestEnv({ stripeApiBase: stripeMock.url, vnpayApiHost: vnpayStub.url }),
    });
    demoSellerOrgId = await organisationId(api, DEMO_ORGANISATION_SLUG);
    const rival = await secondSeller(api);
    items = [
      await publishedVariant(api, {
        organisationId: demoSellerOrgId,
        name: 'Miến dong Bình Liêu',
        price: 120_000,
        stock: 100,
      }),
      await publishedVariant(api, {
        organisationId: rival.organisationId,
        name: 'Na Chi Lăng',
        price: 45_000,
        stock: 100,
      }),
    ];
    sellerToken = await api.tokenFor('seller_member');
    adminToken = await api.tokenFor('platform_admin');
  });
  afterAll(async () => {
    await api.close();
    await stripeMock.close();
    await vnpayStub.close();
  });

  /** Two sellers in one order, so one payment covers two seller orders. */
  async function checkout(paymentMethod: string): Promise<Placed> {
    const first = await api.request('POST', '/api/cart/lines', {
      body: { variantId: items[0]!.variantId, quantity: 1 },
    });
    const headers = { 'x-cart-token': first.body.cartToken };
    await api.request('POST', '/api/cart/lines', { headers, body: { variantId: items[1]!.variantId, quantity: 2 } });
    const placed = await api.request('POST', '/api/checkout', { headers, body: { ...CHECKOUT_BODY, paymentMethod } });
    expect(placed.status).toBe(201);
    return placed.body;
  }

  /** One seller only: its seller order is the whole payment. */
  async function checkoutOneSeller(paymentMethod: string): Promise<Placed> {
    const first = await api.request('POST', '/api/cart/lines', {
      body: { variantId: items[0]!.variantId, quantity: 2 },
    });
    const headers = { 'x-cart-token': first.body.cartToken };
    const placed = await api.request('POST', '/api/checkout', { headers, body: { ...CHECKOUT_BODY, paymentMethod } });
    expect(placed.status).toBe(201);
    return placed.body;
  }

  async function payByVnpay(placed: Placed, transactionNo: string): Promise<string> {
    const redirect = new URL(String(placed.payment.action.redirectUrl));
    const txnRef = redirect.searchParams.get('vnp_TxnRef') ?? '';
    const ipn = signedVnpayQuery(
      {
        vnp_Amount: String(placed.order.grandTotal * 100),
        vnp_BankCode: 'NCB',
        vnp_OrderInfo: redirect.searchParams.get('vnp_OrderInfo') ?? '',
        vnp_PayDate: '20261123151000',
        vnp_ResponseCode: '00',
        vnp_TmnCode: TEST_TMN_CODE,
        vnp_TransactionNo: transactionNo,
        vnp_TransactionStatus: '00',
        vnp_TxnRef: txnRef,
      },
      TEST_SECRETS.vnpaySecret,
    );
    expect((await api.request('GET', `/api/payments/vnpay/ipn?${new URLSearchParams(ipn)}`)).body.RspCode).toBe('00');
    return txnRef;
  }

  async function demoSellerOrder(placed: Placed): Promise<{ id: string; total: number }> {
    const [row] = await sql<{ id: string; total: string }>(
      api.databaseUrl,
      'SELECT id, total FROM seller_orders WHERE customer_order_id = $1 AND organisation_id = $2',
      [placed.order.id, demoSellerOrgId],
    );
    return { id: row!.id, total: Number(row!.total) };
  }

  async function payByCard(placed: Placed): Promise<string> {
    const intentId = String(placed.payment.action.clientSecret).split('_secret_')[0]!;
    stripeMock.confirm(intentId, 'pm_card_visa');
    const payload = stripeMock.eventPayload('payment_intent.succeeded', intentId);
    const stripe = new Stripe(TEST_SECRETS.stripeSecretKey);
    const response = await fetch(`${api.baseUrl}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': stripe.webhooks.generateTestHeaderString({
          payload,
          secret: TEST_SECRETS.stripeWebhookSecret,
        }),
      },
      body: payload,
    });
    expect(response.status).toBe(200);
    return intentId;
  }

  async function act(sellerOrderId: string, action: string): Promise<void> {
    const response = await api.request('POST', `/api/seller/orders/${sellerOrderId}/${action}`, {
      token: sellerToken,
      body: {},
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  }

  async function refundOf(sellerOrderId: string): Promise<RefundRow | undefined> {
    return (
      await sql<RefundRow>(
        api.databaseUrl,
        'SELECT id, status, amount, attempts, last_error, provider_reference FROM payment_refunds WHERE seller_order_id = $1',
        [sellerOrderId],
      )
    )[0];
  }

  /** The refund is sent after the commit, without holding up the seller's request. */
  async function settledRefund(sellerOrderId: string, status: string): Promise<RefundRow> {
    return vi.waitFor(
      async () => {
        const refund = await refundOf(sellerOrderId);
        expect(refund?.status).toBe(status);
        return refund!;
      },
      { timeout: 10_000, interval: 100 },
    );
  }

  async function paymentMoney(paymentId: string) {
    return (
      await sql<{ refund_owed: string; amount_refunded: string; flags: string[] }>(
        api.databaseUrl,
        'SELECT refund_owed, amount_refunded, flags FROM payments WHERE id = $1',
        [paymentId],
      )
    )[0]!;
  }

  it('card: a paid seller order cancelled by its seller is refunded at Stripe, its part only, once', async () => {
    const placed = await checkout('card');
    const intentId = await payByCard(placed);
    const demo = await demoSellerOrder(placed);
    expect(demo.total).toBeLessThan(placed.order.grandTotal);

    await act(demo.id, 'cancel');
    const refund = await settledRefund(demo.id, 'succeeded');
    expect(Number(refund.amount)).toBe(demo.total);

    const calls = stripeMock.requests.filter((request) => request.path === '/v1/refunds');
    const ours = calls.filter((request) => request.body.payment_intent === intentId);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ idempotencyKey: `refund-${refund.id}`, body: { amount: String(demo.total) } });
    const atStripe = [...stripeMock.refunds.values()].filter((made) => made.payment_intent === intentId);
    expect(atStripe.map((made) => made.amount)).toEqual([demo.total]);
    expect(refund.provider_reference).toBe(atStripe[0]!.id);

    expect(await paymentMoney(placed.payment.id)).toMatchObject({
      refund_owed: '0',
      amount_refunded: String(demo.total),
    });
    expect((await paymentMoney(placed.payment.id)).flags).not.toContain('refund_due');

    const detail = await api.request('GET', `/api/payments/${placed.payment.id}/detail`, { token: adminToken });
    expect(detail.status).toBe(200);
    expect(detail.body.amountToRefund).toBe(0);
    expect(detail.body.amountRefunded).toBe(demo.total);
    expect(detail.body.refunds).toEqual([
      expect.objectContaining({ sellerOrderId: demo.id, amount: demo.total, status: 'succeeded', attempts: 1 }),
    ]);
    const view = await api.request('GET', `/api/seller/orders/${demo.id}`, { token: sellerToken });
    expect(view.body.payment).toMatchObject({ amountRefunded: demo.total, amountToRefund: 0 });
  });

  it('VNPay: a delivered seller order refunded by its seller is sent as a signed partial refund', async () => {
    const placed = await checkout('vnpay');
    const txnRef = await payByVnpay(placed, '14655555');
    const demo = await demoSellerOrder(placed);
    for (const action of ['pack', 'ship', 'deliver', 'refund']) await act(demo.id, action);

    const refund = await settledRefund(demo.id, 'succeeded');
    expect(Number(refund.amount)).toBe(demo.total);
    const sent = vnpayStub.refundRequests.filter((request) => request.body.vnp_TxnRef === txnRef);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.signatureValid).toBe(true);
    expect(sent[0]!.body).toMatchObject({
      vnp_Command: 'refund',
      vnp_TmnCode: TEST_TMN_CODE,
      // Only this seller's part of the payment: a partial refund.
      vnp_TransactionType: '03',
      vnp_Amount: demo.total * 100,
      vnp_TransactionNo: 14655555,
    });
    expect(String(sent[0]!.body.vnp_CreateDate)).toMatch(/^\d{14}$/);
    expect(await paymentMoney(placed.payment.id)).toMatchObject({
      refund_owed: '0',
      amount_refunded: String(demo.total),
    });
  });

  it('VNPay: refunding the only seller order of a payment is a full refund (type 02)', async () => {
    const placed = await checkoutOneSeller('vnpay');
    const txnRef = await payByVnpay(placed, '14677777');
    const demo = await demoSellerOrder(placed);
    expect(demo.total).toBe(placed.order.grandTotal);
    await act(demo.id, 'cancel');
    await settledRefund(demo.id, 'succeeded');
    const sent = vnpayStub.refundRequests.filter((request) => request.body.vnp_TxnRef === txnRef);
    expect(
      sent.map((request) => [request.signatureValid, request.body.vnp_TransactionType, request.body.vnp_Amount]),
    ).toEqual([[true, '02', placed.order.grandTotal * 100]]);
  });

  it('VietQR: the refund is manual and stays on the admin attention list with its amount', async () => {
    const placed = await checkout('vietqr');
    bankTransferId += 1;
    const webhook = await api.request('POST', '/api/payments/bank-transfers/webhook', {
      headers: { authorization: `Apikey ${TEST_SECRETS.bankWebhookKey}` },
      body: {
        id: bankTransferId,
        gateway: 'Vietcombank',
        transactionDate: '2026-11-23 14:02:37',
        accountNumber: COLLECTION_ACCOUNT.number,
        content: `CK ${placed.payment.action.vietqr!.reference} thanh toan`,
        transferType: 'in',
        transferAmount: placed.order.grandTotal,
        referenceCode: `FT26327${bankTransferId}`,
        description: '',
      },
    });
    expect(webhook.status).toBeLessThan(300);
    const demo = await demoSellerOrder(placed);
    await act(demo.id, 'cancel');
    const refund = await settledRefund(demo.id, 'manual');
    expect(Number(refund.amount)).toBe(demo.total);

    const attention = await api.request('GET', '/api/payments/attention', { token: adminToken });
    const listed = attention.body.find((payment: { id: string }) => payment.id === placed.payment.id);
    expect(listed).toMatchObject({ amountToRefund: demo.total, orderCode: placed.order.code });
    expect(listed.flags).toContain('refund_due');

    // A person sends the money back by bank transfer and says so, with the transfer's reference.
    const awaiting = await api.request('GET', '/api/payments/refunds/awaiting-hand', { token: adminToken });
    expect(awaiting.body).toContainEqual(expect.objectContaining({ id: refund.id, status: 'manual' }));
    const sent = (body: object, token = adminToken) =>
      api.request('POST', `/api/payments/refunds/${refund.id}/sent`, { token, body });
    expect((await sent({ reference: 'FT26327999' }, sellerToken)).status).toBe(403);
    const blank = await sent({ reference: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.fields.map((field: { field: string }) => field.field)).toEqual(['reference']);
    expect((await settledRefund(demo.id, 'manual')).provider_reference).toBeNull();

    const done = await sent({ reference: 'FT26327999' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'succeeded', providerReference: 'FT26327999' });
    const detail = await api.request('GET', `/api/payments/${placed.payment.id}/detail`, { token: adminToken });
    expect(detail.body).toMatchObject({ amountToRefund: 0, amountRefunded: demo.total });
    expect(detail.body.flags).not.toContain('refund_due');
    const after = await api.request('GET', '/api/payments/refunds/awaiting-hand', { token: adminToken });
    expect(after.body.map((item: { id: string }) => item.id)).not.toContain(refund.id);
    // Said twice, it is refused: the money went back once.
    expect((await sent({ reference: 'FT26327999' })).body.code).toBe('refund_not_manual');
  });

  it('a refund that fails while the provider is down stays requested, is retried by the sweep, and is sent once', async () => {
    const placed = await checkout('card');
    const intentId = await payByCard(placed);
    const demo = await demoSellerOrder(placed);
    stripeMock.down = true;
    try {
      await act(demo.id, 'cancel');
      const failed = await vi.waitFor(
        async () => {
          const refund = await refundOf(demo.id);
          expect(refund?.attempts).toBe(1);
          expect(refund?.last_error).toBeTruthy();
          return refund!;
        },
        { timeout: 15_000, interval: 100 },
      );
      expect(failed.status).toBe('requested');
      expect(failed.last_error).not.toContain(TEST_SECRETS.stripeSecretKey);
      const owed = await api.request('GET', `/api/payments/${placed.payment.id}/detail`, { token: adminToken });
      expect(owed.body.amountToRefund).toBe(demo.total);
      expect(owed.body.flags).toContain('refund_due');

      const scheduler = api.app.get(PaymentJobsScheduler);
      await scheduler.sweep(new Date(Date.now() + 3_600_000));
      expect((await refundOf(demo.id))!).toMatchObject({ status: 'requested', attempts: 2 });
    } finally {
      stripeMock.down = false;
    }
    const scheduler = api.app.get(PaymentJobsScheduler);
    await scheduler.sweep(new Date(Date.now() + 2 * 3_600_000));
    expect((await refundOf(demo.id))!).toMatchObject({ status: 'succeeded', attempts: 3 });
    await scheduler.sweep(new Date(Date.now() + 3 * 3_600_000));
    expect((await refundOf(demo.id))!.attempts).toBe(3);
    const atStripe = [...stripeMock.refunds.values()].filter((made) => made.payment_intent === intentId);
    expect(atStripe.map((made) => made.amount)).toEqual([demo.total]);
    expect(await paymentMoney(placed.payment.id)).toMatchObject({
      refund_owed: '0',
      amount_refunded: String(demo.total),
    });
  });

  it('never promises back more than the payment captured', async () => {
    const placed = await checkout('card');
    await payByCard(placed);
    const refunds = api.app.get(PaymentRefundsService);
    const { DataSource } = await import('typeorm');
    const db = api.app.get(DataSource);
    const record = (amount: number) =>
      db.transaction((manager) =>
        refunds.recordForSellerOrder(manager, {
          customerOrderId: placed.order.id,
          sellerOrderId: randomUUID(),
          amount,
        }),
      );
    expect(await record(placed.order.grandTotal * 10)).not.toBeNull();
    expect(await record(1)).toBeNull();
    const rows = await sql<{ amount: string }>(
      api.databaseUrl,
      'SELECT amount FROM payment_refunds WHERE payment_id = $1',
      [placed.payment.id],
    );
    expect(rows.map((row) => Number(row.amount))).toEqual([placed.order.grandTotal]);
    // The database refuses it too, whatever the code does.
    await expect(
      sql(api.databaseUrl, 'UPDATE payments SET refund_owed = amount_received + 1 WHERE id = $1', [placed.payment.id]),
    ).rejects.toThrow(/payments_refunds_within_received/);
  });
});
