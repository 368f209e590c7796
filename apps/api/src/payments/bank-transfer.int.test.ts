import vietnamQrPay from 'vietnam-qr-pay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { PaymentsService } from './payments.service.js';
import {
  COLLECTION_ACCOUNT,
  leakedSecrets,
  newOrderId,
  paymentTestEnv,
  sql,
  TEST_SECRETS,
} from './testing/fixtures.js';

const { QRPay } = vietnamQrPay;

describe('VietQR bank transfers', () => {
  let api: TestApp;
  let payments: PaymentsService;
  let transactionNo = 5_000;

  beforeAll(async () => {
    api = await startTestApp({ env: paymentTestEnv() });
    payments = api.app.get(PaymentsService);
  });
  afterAll(() => api.close());

  const newPayment = (amount = 1_250_000) =>
    payments.createPayment({
      customerOrderId: newOrderId(),
      amount,
      method: 'vietqr',
      buyerIp: '203.113.1.5',
      orderInfo: 'Đơn hàng',
    });

  /** A SePay-shaped notification of money coming into the collection account. */
  function transfer(content: string, amount: number, overrides: Record<string, unknown> = {}) {
    transactionNo += 1;
    return {
      id: transactionNo,
      gateway: 'Vietcombank',
      transactionDate: '2026-11-23 14:02:37',
      accountNumber: COLLECTION_ACCOUNT.number,
      subAccount: null,
      code: null,
      content,
      transferType: 'in',
      transferAmount: amount,
      accumulated: 19_077_000,
      referenceCode: `MBVCB.${transactionNo}`,
      description: '',
      ...overrides,
    };
  }

  const post = (body: unknown, key: string | null = TEST_SECRETS.bankWebhookKey) =>
    api.request('POST', '/api/payments/bank-transfers/webhook', {
      body,
      headers: key === null ? {} : { authorization: `Apikey ${key}` },
    });

  it('shows the buyer a VietQR code carrying the amount and the reference, as data and as images', async () => {
    const created = await newPayment();
    expect(created.action.type).toBe('vietqr');
    const vietqr = (created.action as { vietqr: { payload: string } }).vietqr;
    expect(vietqr).toMatchObject({
      bankBin: COLLECTION_ACCOUNT.bin,
      bankName: 'Vietcombank',
      accountNumber: COLLECTION_ACCOUNT.number,
      accountName: COLLECTION_ACCOUNT.name,
      amount: 1_250_000,
      reference: created.payment.reference,
    });
    const decoded = new QRPay(vietqr.payload);
    expect(decoded.isValid).toBe(true);
    expect(decoded.amount).toBe('1250000');
    expect(decoded.additionalData.purpose).toBe(created.payment.reference);

    const read = await api.request('GET', `/api/payments/${created.payment.id}`, {
      headers: { 'x-payment-token': created.accessToken },
    });
    expect(read.body.instructions.vietqr.payload).toBe(vietqr.payload);

    const png = await fetch(
      `${api.baseUrl}/api/payments/${created.payment.id}/vietqr.png?token=${created.accessToken}`,
    );
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await png.arrayBuffer()).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const svg = await fetch(
      `${api.baseUrl}/api/payments/${created.payment.id}/vietqr.svg?token=${created.accessToken}`,
    );
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg[\s\S]*<path/);
    expect((await fetch(`${api.baseUrl}/api/payments/${created.payment.id}/vietqr.png?token=wrong`)).status).toBe(404);
    expect((await fetch(`${api.baseUrl}/api/payments/${created.payment.id}/vietqr.png`)).status).toBe(404);
  });

  it('401: refuses notifications without the right API key, and records them', async () => {
    const created = await newPayment();
    const body = transfer(created.payment.reference, 1_250_000);
    for (const key of [null, 'wrong-key-0000000000000000', `${TEST_SECRETS.bankWebhookKey}x`]) {
      const reply = await post(body, key);
      expect(reply.status).toBe(401);
      expect(reply.body.code).toBe('invalid_api_key');
    }
    const bearer = await api.request('POST', '/api/payments/bank-transfers/webhook', {
      body,
      headers: { authorization: `Bearer ${TEST_SECRETS.bankWebhookKey}` },
    });
    expect(bearer.status).toBe(401);
    // Even an invalid body gets 401, not a validation error, without the key.
    expect((await post({ nonsense: true }, null)).status).toBe(401);
    expect((await payments.getPayment(created.payment.id)).status).toBe('pending');
    const rows = await sql<{ count: number }>(
      api.databaseUrl,
      "SELECT count(*)::int AS count FROM payment_callbacks WHERE source = 'bank_transfer' AND outcome = 'unauthorised' AND NOT signature_valid",
    );
    expect(rows[0]!.count).toBe(5);
  });

  it("captures an exact transfer whose note carries the reference among the bank's own text", async () => {
    const created = await newPayment();
    const reply = await post(
      transfer(
        `MBVCB.3278907687.${created.payment.reference}.CT tu 0123456789 toi ${COLLECTION_ACCOUNT.number}`,
        1_250_000,
      ),
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ success: true, outcome: 'captured', paymentId: created.payment.id });
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'succeeded',
      amountReceived: 1_250_000,
      amountToRefund: 0,
      flags: [],
      paidAt: '2026-11-23T07:02:37.000Z',
    });
  });

  it('keeps an under-paid transfer pending and flagged, then captures when the rest arrives', async () => {
    const created = await newPayment();
    const first = await post(transfer(created.payment.reference.toLowerCase(), 1_000_000));
    expect(first.body.outcome).toBe('underpaid');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'pending',
      amountReceived: 1_000_000,
      amountDue: 250_000,
      flags: ['underpaid'],
    });
    const rest = await post(transfer(`chuyen them ${created.payment.reference}`, 250_000));
    expect(rest.body.outcome).toBe('captured');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'succeeded',
      amountReceived: 1_250_000,
      flags: [],
    });
  });

  it('captures an over-payment and flags the excess for a refund', async () => {
    const created = await newPayment();
    const reply = await post(transfer(created.payment.reference, 1_300_000));
    expect(reply.body.outcome).toBe('overpaid');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'succeeded',
      amountReceived: 1_300_000,
      amountToRefund: 50_000,
      flags: ['overpaid'],
    });
    // A second transfer for the same, already paid, order is all excess.
    await post(transfer(created.payment.reference, 1_250_000));
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      amountReceived: 2_550_000,
      amountToRefund: 1_300_000,
    });
  });

  it('answers a repeated notification of the same bank transaction with 200 and counts it once', async () => {
    const created = await newPayment();
    const body = transfer(created.payment.reference, 400_000);
    expect((await post(body)).body.outcome).toBe('underpaid');
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ success: true, outcome: 'duplicate', paymentId: created.payment.id });
    expect((await payments.getPayment(created.payment.id)).amountReceived).toBe(400_000);
  });

  it('counts a transaction once when its notification arrives ten times at the same moment', async () => {
    const created = await newPayment(800_000);
    const body = transfer(created.payment.reference, 800_000);
    const replies = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    expect(replies.map((reply) => reply.body.outcome).sort()).toEqual(['captured', ...Array(9).fill('duplicate')]);
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'succeeded',
      amountReceived: 800_000,
    });
  });

  it('records transfers that name no payment, and ignores other accounts and outgoing money', async () => {
    const unmatched = await post(transfer('chuyen tien mua mat ong', 200_000));
    expect(unmatched.body).toEqual({ success: true, outcome: 'unmatched', paymentId: null });
    const listed = await api.request('GET', '/api/payments/bank-transfers/unmatched', {
      token: await api.tokenFor('platform_admin'),
    });
    expect(listed.status).toBe(200);
    expect(
      listed.body.some((row: { payload: { content: string } }) => row.payload.content === 'chuyen tien mua mat ong'),
    ).toBe(true);
    expect(
      (await api.request('GET', '/api/payments/bank-transfers/unmatched', { token: await api.tokenFor('buyer') }))
        .status,
    ).toBe(403);

    const created = await newPayment();
    expect(
      (await post(transfer(created.payment.reference, 1_250_000, { accountNumber: '999999999' }))).body.outcome,
    ).toBe('ignored');
    expect((await post(transfer(created.payment.reference, 1_250_000, { transferType: 'out' }))).body.outcome).toBe(
      'ignored',
    );
    expect((await payments.getPayment(created.payment.id)).status).toBe('pending');
  });

  it('flags money that arrives after the payment expired, for a refund', async () => {
    const created = await newPayment();
    await payments.markExpired(created.payment.id);
    const reply = await post(transfer(created.payment.reference, 1_250_000));
    expect(reply.body.outcome).toBe('late_payment');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'expired',
      amountReceived: 1_250_000,
      amountToRefund: 1_250_000,
      flags: ['late_payment'],
    });
    const flagged = await api.request('GET', '/api/payments/attention', {
      token: await api.tokenFor('platform_admin'),
    });
    expect(flagged.body.map((payment: { id: string }) => payment.id)).toContain(created.payment.id);
    const detail = await api.request('GET', `/api/payments/${created.payment.id}/detail`, {
      token: await api.tokenFor('platform_admin'),
    });
    expect(detail.body.callbacks.map((callback: { outcome: string }) => callback.outcome)).toEqual(['late_payment']);
    expect(
      (await fetch(`${api.baseUrl}/api/payments/${created.payment.id}/vietqr.png?token=${created.accessToken}`)).status,
    ).toBe(409);
  });

  it('validates the body once the key is right, and tolerates fields it does not know', async () => {
    const missingAmount = { ...transfer('x', 1), transferAmount: undefined };
    const refused = await post(missingAmount);
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((field: { field: string }) => field.field)).toContain('transferAmount');
    const created = await newPayment(5_000);
    const extra = await post({ ...transfer(created.payment.reference, 5_000), newFieldFromProvider: { nested: true } });
    expect(extra.status).toBe(200);
    expect(extra.body.outcome).toBe('captured');
  });

  it('never stores or returns the webhook key', async () => {
    const stored = await sql<{ payload: unknown }>(api.databaseUrl, 'SELECT payload FROM payment_callbacks');
    expect(leakedSecrets(JSON.stringify(stored))).toEqual([]);
  });
});
