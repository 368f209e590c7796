import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStripeForm, startStripeMock, type StripeMock } from './stripe-mock.js';

describe('the Stripe API mock', () => {
  let mock: StripeMock;
  let stripe: Stripe;
  beforeAll(async () => {
    mock = await startStripeMock();
    stripe = new Stripe('sk_test_mock', { host: '127.0.0.1', port: mock.port, protocol: 'http', maxNetworkRetries: 0 });
  });
  afterAll(() => mock.close());

  it('unflattens form-encoded parameters the way Stripe reads them', () => {
    expect(parseStripeForm('amount=100&metadata[orderId]=o1&metadata[ref]=R&expand[]=a&expand[]=b&x[y][z]=1')).toEqual({
      amount: '100',
      metadata: { orderId: 'o1', ref: 'R' },
      expand: ['a', 'b'],
      x: { y: { z: '1' } },
    });
  });

  it('creates, reads, confirms and cancels PaymentIntents through the real client', async () => {
    const created = await stripe.paymentIntents.create({
      amount: 125_000,
      currency: 'vnd',
      metadata: { paymentId: 'p-1' },
    });
    expect(created).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      amount: 125_000,
      currency: 'vnd',
    });
    expect(created.metadata).toEqual({ paymentId: 'p-1' });
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));

    const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' });
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 125_000 });
    expect((await stripe.paymentIntents.retrieve(created.id)).status).toBe('succeeded');
    await expect(stripe.paymentIntents.cancel(created.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });

    const other = await stripe.paymentIntents.create({ amount: 5_000, currency: 'vnd' });
    expect((await stripe.paymentIntents.cancel(other.id, { cancellation_reason: 'abandoned' })).status).toBe(
      'canceled',
    );
  });

  it('answers a declined card with a card error and keeps the intent open for another card', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 9_000, currency: 'vnd' });
    await expect(
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }),
    ).rejects.toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
    });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
  });

  it('answers an unknown id with 404 resource_missing', async () => {
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
    });
  });

  it('replays the first answer for a repeated idempotency key', async () => {
    const first = await stripe.paymentIntents.create(
      { amount: 1_000, currency: 'vnd' },
      { idempotencyKey: 'same-key' },
    );
    const second = await stripe.paymentIntents.create(
      { amount: 1_000, currency: 'vnd' },
      { idempotencyKey: 'same-key' },
    );
    expect(second.id).toBe(first.id);
  });

  it('rejects a request without a test secret key', async () => {
    const anonymous = new Stripe('sk_live_real', {
      host: '127.0.0.1',
      port: mock.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(anonymous.paymentIntents.retrieve('pi_x')).rejects.toMatchObject({ statusCode: 401 });
  });

  it('builds webhook payloads that stripe.webhooks verifies', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2_000, currency: 'vnd' });
    mock.confirm(intent.id);
    const payload = mock.eventPayload('payment_intent.succeeded', intent.id, 'evt_1');
    const secret = 'whsec_test_secret';
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const event = stripe.webhooks.constructEvent(payload, header, secret);
    expect(event).toMatchObject({
      id: 'evt_1',
      type: 'payment_intent.succeeded',
      data: { object: { id: intent.id, status: 'succeeded' } },
    });
  });
});
