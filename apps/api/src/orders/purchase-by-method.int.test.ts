import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_ACCOUNT, paymentTestEnv, TEST_SECRETS, TEST_TMN_CODE } from '../payments/testing/fixtures.js';
import { signedVnpayQuery } from '../payments/testing/vnpay-signer.js';
import { startStripeMock, type StripeMock } from '../testing/stripe-mock/stripe-mock.js';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { OutboxWorker } from '../invoices/outbox/outbox-worker.js';
import {
  CHECKOUT_BODY,
  DEMO_ORGANISATION_SLUG,
  organisationId,
  publishedVariant,
  secondSeller,
  stockOf,
} from './testing/order-fixtures.js';

/** A whole purchase over HTTP, from the cart to the money captured, for each way of paying. */
describe('a purchase paid by each method', () => {
  let api: TestApp;
  let stripeMock: StripeMock;
  let items: { variantId: string }[];
  beforeAll(async () => {
    stripeMock = await startStripeMock();
    api = await startTestApp({ env: paymentTestEnv({ stripeApiBase: stripeMock.url }) });
    const demo = await organisationId(api, DEMO_ORGANISATION_SLUG);
    const rival = await secondSeller(api);
    // Both sellers invoice with the built-in provider, on delivery.
    await sql(
      api.databaseUrl,
      `INSERT INTO invoice_settings (organisation_id, provider, form_number, symbol, issue_trigger)
       SELECT id, 'builtin', 1, 'C26TAA', 'on_delivery' FROM organisations WHERE id = ANY($1)`,
      [[demo, rival.organisationId]],
    );
    items = [
      await publishedVariant(api, {
        organisationId: demo,
        name: 'Hoa hồi Văn Quan',
        price: 185_000,
        stock: 100,
        weightGrams: 500,
      }),
      await publishedVariant(api, {
        organisationId: rival.organisationId,
        name: 'Thạch đen Tràng Định',
        price: 40_000,
        stock: 100,
        weightGrams: 400,
      }),
    ];
  });
  afterAll(async () => {
    await api.close();
    await stripeMock.close();
  });

  /** Two sellers in the cart, checked out with `paymentMethod`; returns the checkout answer. */
  async function checkout(paymentMethod: string) {
    const first = await api.request('POST', '/api/cart/lines', {
      body: { variantId: items[0]!.variantId, quantity: 1 },
    });
    const headers = { 'x-cart-token': first.body.cartToken };
    await api.request('POST', '/api/cart/lines', { headers, body: { variantId: items[1]!.variantId, quantity: 2 } });
    const placed = await api.request('POST', '/api/checkout', { headers, body: { ...CHECKOUT_BODY, paymentMethod } });
    expect(placed.status).toBe(201);
    expect(placed.body.paymentError).toBeNull();
    return placed.body;
  }

  async function orderStatuses(code: string, token: string): Promise<string[]> {
    const order = await api.request('GET', `/api/orders/${code}?token=${token}`);
    return order.body.sellerOrders.map((s: { status: string }) => s.status);
  }

  async function paymentRow(id: string) {
    return (
      await sql(
        api.databaseUrl,
        'SELECT status, method, is_cash, amount, amount_received FROM payments WHERE id = $1',
        [id],
      )
    )[0];
  }

  it('VNPay: the signed IPN marks every seller order paid, once', async () => {
    const placed = await checkout('vnpay');
    expect(placed.payment.action.type).toBe('redirect');
    const redirect = new URL(placed.payment.action.redirectUrl);
    expect(redirect.searchParams.get('vnp_Amount')).toBe(String(placed.order.grandTotal * 100));
    expect(redirect.searchParams.get('vnp_ReturnUrl')).toMatch(/\/thanh-toan\/vnpay$/);

    const ipn = signedVnpayQuery(
      {
        vnp_Amount: String(placed.order.grandTotal * 100),
        vnp_BankCode: 'NCB',
        vnp_BankTranNo: 'VNP14612345',
        vnp_CardType: 'ATM',
        vnp_OrderInfo: redirect.searchParams.get('vnp_OrderInfo') ?? '',
        vnp_PayDate: '20261123151000',
        vnp_ResponseCode: '00',
        vnp_TmnCode: TEST_TMN_CODE,
        vnp_TransactionNo: '14612345',
        vnp_TransactionStatus: '00',
        vnp_TxnRef: redirect.searchParams.get('vnp_TxnRef') ?? '',
      },
      TEST_SECRETS.vnpaySecret,
    );
    const query = new URLSearchParams(ipn).toString();
    const answer = await api.request('GET', `/api/payments/vnpay/ipn?${query}`);
    expect(answer.body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect(await orderStatuses(placed.order.code, placed.orderAccessToken)).toEqual(['paid', 'paid']);
    // VNPay retries the same IPN: nothing changes twice.
    expect((await api.request('GET', `/api/payments/vnpay/ipn?${query}`)).body.RspCode).toBe('02');
    expect(await paymentRow(placed.payment.id)).toMatchObject({ status: 'succeeded', method: 'vnpay', is_cash: false });
    const events = await sql(
      api.databaseUrl,
      "SELECT count(*)::int AS n FROM seller_order_events e JOIN seller_orders so ON so.id = e.seller_order_id WHERE so.customer_order_id = $1 AND e.action = 'pay'",
      [placed.order.id],
    );
    expect(events[0].n).toBe(2);
  });

  it('VietQR: the bank notification of a matching transfer marks the order paid', async () => {
    const placed = await checkout('vietqr');
    const vietqr = placed.payment.action.vietqr;
    expect(vietqr).toMatchObject({
      bankBin: COLLECTION_ACCOUNT.bin,
      accountNumber: COLLECTION_ACCOUNT.number,
      amount: placed.order.grandTotal,
    });
    const webhook = await api.request('POST', '/api/payments/bank-transfers/webhook', {
      headers: { authorization: `Apikey ${TEST_SECRETS.bankWebhookKey}` },
      body: {
        id: 900001,
        gateway: 'Vietcombank',
        transactionDate: '2026-11-23 14:02:37',
        accountNumber: COLLECTION_ACCOUNT.number,
        content: `CK ${vietqr.reference} thanh toan`,
        transferType: 'in',
        transferAmount: placed.order.grandTotal,
        referenceCode: 'FT26327000001',
        description: '',
      },
    });
    expect(webhook.status).toBeLessThan(300);
    expect(await orderStatuses(placed.order.code, placed.orderAccessToken)).toEqual(['paid', 'paid']);
  });

  it('card: the signed Stripe webhook of a succeeded PaymentIntent marks the order paid', async () => {
    const placed = await checkout('card');
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
    expect(await orderStatuses(placed.order.code, placed.orderAccessToken)).toEqual(['paid', 'paid']);
  });

  it('cash on delivery: recorded as cash and captured when the last parcel is delivered', async () => {
    const placed = await checkout('cod');
    expect(placed.payment.action).toEqual({ type: 'none' });
    const sellerTokens = [await api.tokenFor('seller_member')];
    const demoOrder = placed.order.sellerOrders.find((s: { organisationName: string }) =>
      s.organisationName.startsWith('Hợp tác xã'),
    );
    const otherOrder = placed.order.sellerOrders.find((s: { id: string }) => s.id !== demoOrder.id);
    const [rivalMember] = await sql(api.databaseUrl, "SELECT email FROM users WHERE email = 'duc@thachden.vn'");
    expect(rivalMember).toBeDefined();
    const rivalToken = (
      await api.request('POST', '/api/auth/sign-in', { body: { login: 'duc@thachden.vn', password: 'thach-den-2026' } })
    ).body.accessToken;
    sellerTokens.push(rivalToken);

    for (const [index, sellerOrder] of [demoOrder, otherOrder].entries()) {
      for (const action of ['accept_cod', 'pack', 'ship', 'deliver']) {
        const response = await api.request('POST', `/api/seller/orders/${sellerOrder.id}/${action}`, {
          token: sellerTokens[index],
          body: {},
        });
        expect(response.status).toBe(201);
      }
      const payment = await paymentRow(placed.payment.id);
      // Cash is only counted once every parcel has been handed over.
      expect(payment.status).toBe(index === 0 ? 'pending' : 'succeeded');
    }
    expect(await paymentRow(placed.payment.id)).toMatchObject({
      method: 'cod',
      is_cash: true,
      amount: String(placed.order.grandTotal),
    });

    // Delivered parcels are invoiced (the default trigger), each under its seller, issued by the outbox worker.
    await api.app.get(OutboxWorker).runOnce();
    const order = await api.request('GET', `/api/orders/${placed.order.code}?token=${placed.orderAccessToken}`);
    for (const sellerOrder of order.body.sellerOrders) {
      expect(sellerOrder.invoices).toEqual([expect.objectContaining({ kind: 'original', status: 'issued' })]);
    }
    const demoInvoice = order.body.sellerOrders.find((s: { id: string }) => s.id === demoOrder.id).invoices[0];
    const page = await fetch(`${api.baseUrl}/api/invoices/lookup/${demoInvoice.lookupCode}`, {
      headers: { accept: 'text/html' },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Hợp tác xã Nông sản Đông Kinh');
    expect(html).toContain('Hoa hồi Văn Quan');
    const pdf = await fetch(`${api.baseUrl}/api/invoices/lookup/${demoInvoice.lookupCode}/pdf`);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
  });

  it('a seller invoicing on payment gets its invoice when the VNPay IPN confirms the payment', async () => {
    await sql(
      api.databaseUrl,
      `INSERT INTO invoice_settings (organisation_id, provider, form_number, symbol, issue_trigger)
       SELECT id, 'builtin', 1, 'C26TAA', 'on_payment' FROM organisations WHERE slug = $1
       ON CONFLICT (organisation_id) DO UPDATE SET issue_trigger = 'on_payment'`,
      [DEMO_ORGANISATION_SLUG],
    );
    const placed = await checkout('vnpay');
    const redirect = new URL(placed.payment.action.redirectUrl);
    const ipn = signedVnpayQuery(
      {
        vnp_Amount: String(placed.order.grandTotal * 100),
        vnp_BankCode: 'NCB',
        vnp_OrderInfo: redirect.searchParams.get('vnp_OrderInfo') ?? '',
        vnp_PayDate: '20261123151000',
        vnp_ResponseCode: '00',
        vnp_TmnCode: TEST_TMN_CODE,
        vnp_TransactionNo: '14699999',
        vnp_TransactionStatus: '00',
        vnp_TxnRef: redirect.searchParams.get('vnp_TxnRef') ?? '',
      },
      TEST_SECRETS.vnpaySecret,
    );
    expect((await api.request('GET', `/api/payments/vnpay/ipn?${new URLSearchParams(ipn)}`)).body.RspCode).toBe('00');
    await api.app.get(OutboxWorker).runOnce();
    const order = await api.request('GET', `/api/orders/${placed.order.code}?token=${placed.orderAccessToken}`);
    const byName = Object.fromEntries(
      order.body.sellerOrders.map((s: { organisationName: string; invoices: unknown[] }) => [
        s.organisationName,
        s.invoices,
      ]),
    );
    expect(byName['Hợp tác xã Nông sản Đông Kinh']).toEqual([expect.objectContaining({ status: 'issued' })]);
    // The other seller invoices on delivery: nothing yet.
    expect(byName['Công ty TNHH Thạch Đen Tràng Định']).toEqual([]);
  });

  it('an expired VietQR payment cancels what awaits payment and returns the stock', async () => {
    const before = await stockOf(api, items[1]!.variantId);
    const placed = await checkout('vietqr');
    expect(await stockOf(api, items[1]!.variantId)).toBe(before - 2);
    await sql(api.databaseUrl, "UPDATE payments SET expires_at = now() - interval '1 minute' WHERE id = $1", [
      placed.payment.id,
    ]);
    const { PaymentsService } = await import('../payments/payments.service.js');
    expect(await api.app.get(PaymentsService).expireOverdue()).toBeGreaterThanOrEqual(1);
    expect(await orderStatuses(placed.order.code, placed.orderAccessToken)).toEqual(['cancelled', 'cancelled']);
    expect(await stockOf(api, items[1]!.variantId)).toBe(before);
  });
});
