import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStripeMock, type StripeMock } from '../testing/stripe-mock/stripe-mock.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { PAYMENT_OUTCOME_LISTENER, type PaymentOutcomeListener } from './payment-outcome-listener.js';
import { PaymentsService } from './payments.service.js';
import { leakedSecrets, newOrderId, paymentTestEnv, sql, TEST_SECRETS } from './testing/fixtures.js';

describe('card payments through Stripe', () => {
  let api: TestApp;
  let mock: StripeMock;
  let payments: PaymentsService;
  let listener: PaymentOutcomeListener;
  // Only for its offline webhook helpers; it never makes a request.
  const stripe = new Stripe('sk_test_unused');

  beforeAll(async () => {
    mock = await startStripeMock();
    api = await startTestApp({ seedDemo: false, env: paymentTestEnv({ stripeApiBase: mock.url }) });
    payments = api.app.get(PaymentsService);
    listener = api.app.get<PaymentOutcomeListener>(PAYMENT_OUTCOME_LISTENER, { strict: false });
  });
  afterAll(async () => {
    await api.close();
    await mock.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const newPayment = (amount = 2_400_000) =>
    payments.createPayment({
      customerOrderId: newOrderId(),
      amount,
      method: 'card',
      buyerIp: '198.51.100.7',
      orderInfo: 'OCOP order for a buyer abroad',
    });

  const intentOf = (created: Awaited<ReturnType<typeof newPayment>>) => {
    const clientSecret = (created.action as { clientSecret: string }).clientSecret;
    return mock.intents.get(clientSecret.split('_secret_')[0]!)!;
  };

  /** Posts a body exactly as Stripe does, signed (or not) with the endpoint secret. */
  const deliver = (payload: string, header?: string) =>
    fetch(`${api.baseUrl}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(header !== undefined ? { 'stripe-signature': header } : {}),
      },
      body: payload,
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
  const signed = (payload: string, timestamp?: number) =>
    deliver(
      payload,
      stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_SECRETS.stripeWebhookSecret, timestamp }),
    );

  it('creates a PaymentIntent in đồng and hands the buyer its client secret, once', async () => {
    const created = await newPayment();
    expect(created.action).toMatchObject({ type: 'card', publishableKey: 'pk_test_51MockPublishable' });
    const intent = intentOf(created);
    expect(intent).toMatchObject({ amount: 2_400_000, currency: 'vnd', status: 'requires_payment_method' });
    expect(intent.metadata).toEqual({
      paymentId: created.payment.id,
      customerOrderId: created.payment.customerOrderId,
      reference: created.payment.reference,
    });
    const request = mock.requests.find(
      (r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.body.metadata,
    );
    expect(request?.idempotencyKey).toBe(`payment-${(request?.body.metadata as { paymentId: string }).paymentId}`);

    const read = await api.request('GET', `/api/payments/${created.payment.id}`, {
      headers: { 'x-payment-token': created.accessToken },
    });
    expect(read.body).toMatchObject({ status: 'pending', method: 'card', instructions: null });
    expect(JSON.stringify(read.body)).not.toContain('_secret_');
    const stored = await sql(api.databaseUrl, 'SELECT * FROM payments WHERE id = $1', [created.payment.id]);
    expect(JSON.stringify(stored)).not.toContain('_secret_');
  });

  it('400: refuses an unsigned, wrongly signed, altered or stale event, and records it without secrets', async () => {
    const created = await newPayment();
    const intent = intentOf(created);
    mock.confirm(intent.id);
    const payload = mock.eventPayload('payment_intent.succeeded', intent.id);

    expect((await deliver(payload)).status).toBe(400);
    const other = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someoneElse' });
    expect((await deliver(payload, other)).body).toMatchObject({ statusCode: 400, code: 'invalid_signature' });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_SECRETS.stripeWebhookSecret });
    expect((await deliver(payload.replace('"amount_received": 2400000', '"amount_received": 1'), header)).status).toBe(
      400,
    );
    // A genuine event captured on the wire and replayed an hour later is outside Stripe's tolerance.
    expect((await signed(payload, Math.floor(Date.now() / 1000) - 3600)).status).toBe(400);

    expect((await payments.getPayment(created.payment.id)).status).toBe('pending');
    const rows = await sql<{ payload: unknown; signature_valid: boolean }>(
      api.databaseUrl,
      "SELECT payload, signature_valid FROM payment_callbacks WHERE source = 'stripe' AND outcome = 'invalid_signature'",
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((row) => !row.signature_valid)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('_secret_');
  });

  it('captures payment_intent.succeeded once; a replay of the same event is acknowledged and ignored', async () => {
    const created = await newPayment();
    const intent = intentOf(created);
    mock.confirm(intent.id, 'pm_card_visa');
    const succeeded = vi.spyOn(listener, 'paymentSucceeded');
    const payload = mock.eventPayload('payment_intent.succeeded', intent.id);

    const first = await signed(payload);
    expect(first).toEqual({ status: 200, body: { received: true, outcome: 'captured' } });
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'succeeded',
      amountReceived: 2_400_000,
      isCash: false,
    });
    expect(succeeded).toHaveBeenCalledTimes(1);

    expect(await signed(payload)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    // The same state sent as a new event (Stripe may send both) finds the payment settled.
    expect((await signed(mock.eventPayload('payment_intent.succeeded', intent.id))).body.outcome).toBe(
      'already_settled',
    );
    expect(succeeded).toHaveBeenCalledTimes(1);

    const stored = await sql<{ payload: { data: { object: { client_secret: string } } } }>(
      api.databaseUrl,
      "SELECT payload FROM payment_callbacks WHERE payment_id = $1 AND outcome = 'captured'",
      [created.payment.id],
    );
    expect(stored[0]!.payload.data.object.client_secret).toBe('[removed]');
  });

  it('captures once when the same event is delivered ten times concurrently', async () => {
    const created = await newPayment(990_000);
    const intent = intentOf(created);
    mock.confirm(intent.id);
    const payload = mock.eventPayload('payment_intent.succeeded', intent.id);
    const replies = await Promise.all(Array.from({ length: 10 }, () => signed(payload)));
    expect(replies.map((reply) => reply.body.outcome).sort()).toEqual(['captured', ...Array(9).fill('duplicate')]);
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'succeeded',
      amountReceived: 990_000,
    });
  });

  it('keeps the payment open after a declined card, so the buyer can try another', async () => {
    const created = await newPayment();
    const intent = intentOf(created);
    mock.confirm(intent.id, 'pm_card_chargeDeclined');
    const reply = await signed(mock.eventPayload('payment_intent.payment_failed', intent.id));
    expect(reply.body.outcome).toBe('attempt_failed');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'pending',
      failureCode: 'generic_decline',
      failureMessage: 'Your card was declined.',
    });

    mock.confirm(intent.id, 'pm_card_visa');
    expect((await signed(mock.eventPayload('payment_intent.succeeded', intent.id))).body.outcome).toBe('captured');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({ status: 'succeeded', failureCode: null });
  });

  it('closes the payment when Stripe cancels the intent', async () => {
    const created = await newPayment();
    const intent = intentOf(created);
    intent.status = 'canceled';
    intent.cancellation_reason = 'abandoned';
    expect((await signed(mock.eventPayload('payment_intent.canceled', intent.id))).body.outcome).toBe('cancelled');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'cancelled',
      failureCode: 'abandoned',
    });
  });

  it('refuses to capture an intent whose amount differs, and acknowledges events it has no payment for', async () => {
    const created = await newPayment();
    const intent = intentOf(created);
    mock.confirm(intent.id);
    intent.amount_received = 1_000;
    expect((await signed(mock.eventPayload('payment_intent.succeeded', intent.id))).body.outcome).toBe(
      'amount_mismatch',
    );
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'pending',
      flags: ['amount_mismatch'],
    });

    const foreign = await new Stripe(TEST_SECRETS.stripeSecretKey, {
      host: '127.0.0.1',
      port: mock.port,
      protocol: 'http',
    }).paymentIntents.create({
      amount: 5_000,
      currency: 'vnd',
    });
    expect((await signed(mock.eventPayload('payment_intent.succeeded', foreign.id))).body.outcome).toBe('unmatched');
    expect((await signed(mock.eventPayload('payment_intent.created', foreign.id))).body.outcome).toBe('ignored');
  });

  it('cancels the intent at Stripe when the payment expires, but not when Stripe already took the money', async () => {
    const abandoned = await newPayment();
    expect((await payments.markExpired(abandoned.payment.id)).status).toBe('expired');
    expect(intentOf(abandoned).status).toBe('canceled');

    const paidMeanwhile = await newPayment();
    mock.confirm(intentOf(paidMeanwhile).id);
    expect((await payments.markExpired(paidMeanwhile.payment.id)).status).toBe('pending');
    expect((await signed(mock.eventPayload('payment_intent.succeeded', intentOf(paidMeanwhile).id))).body.outcome).toBe(
      'captured',
    );
  });

  it('answers 502 when Stripe cannot be reached, and keeps no half-made payment', async () => {
    const down = await startTestApp({ seedDemo: false, env: paymentTestEnv({ stripeApiBase: 'http://127.0.0.1:9' }) });
    try {
      const orderId = newOrderId();
      await expect(
        down.app.get(PaymentsService).createPayment({
          customerOrderId: orderId,
          amount: 10_000,
          method: 'card',
          buyerIp: '1.2.3.4',
          orderInfo: 'x',
        }),
      ).rejects.toMatchObject({ code: 'payment_provider_failed' });
      expect(await down.app.get(PaymentsService).listForOrder(orderId)).toEqual([]);
    } finally {
      await down.close();
    }
  });

  it('never stores or returns the Stripe keys', async () => {
    const stored = await sql<{ payload: unknown }>(api.databaseUrl, 'SELECT payload FROM payment_callbacks');
    expect(leakedSecrets(JSON.stringify(stored))).toEqual([]);
  });
});
