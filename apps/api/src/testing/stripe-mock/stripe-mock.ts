import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for the Stripe API, enough for PaymentIntents: stripe-mock (Go) cannot be
 * installed here and stripe-stateful-mock has no PaymentIntents. It listens on 127.0.0.1 only and
 * keeps state in memory, so a test can create an intent through our code, confirm or cancel it as
 * the buyer's browser would, and build the webhook event Stripe would send.
 *
 * Test cards follow Stripe's names: `pm_card_visa` succeeds, `pm_card_chargeDeclined` is declined.
 */

export type MockIntentStatus =
  'requires_payment_method' | 'requires_confirmation' | 'processing' | 'succeeded' | 'canceled';

export interface MockPaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: MockIntentStatus;
  client_secret: string;
  description: string | null;
  metadata: Record<string, string>;
  payment_method: string | null;
  payment_method_types: string[];
  latest_charge: string | null;
  last_payment_error: { type: string; code: string; decline_code?: string; message: string } | null;
  cancellation_reason: string | null;
  canceled_at: number | null;
  created: number;
  livemode: false;
}

export interface MockRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  charge: string | null;
  status: 'succeeded';
  metadata: Record<string, string>;
  reason: string | null;
  failure_reason: null;
  created: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  body: Record<string, unknown>;
}

export interface StripeMock {
  /** e.g. `http://127.0.0.1:41234`, for STRIPE_API_BASE. */
  url: string;
  port: number;
  intents: Map<string, MockPaymentIntent>;
  refunds: Map<string, MockRefund>;
  requests: RecordedRequest[];
  /** While true, every request is answered 503 as during an outage (still recorded). */
  down: boolean;
  /** Changes an intent as the buyer's browser would (Stripe.js confirm); returns the new state. */
  confirm(id: string, paymentMethod?: string): MockPaymentIntent;
  /** The JSON body Stripe would POST to a webhook endpoint for this intent's current state. */
  eventPayload(type: string, intentId: string, eventId?: string): string;
  close(): Promise<void>;
}

const API_VERSION = '2026-10-28.endive';

function randomId(prefix: string): string {
  return `${prefix}_mock${randomBytes(12).toString('hex')}`;
}

/** Turns `metadata[orderId]=1&expand[]=x&a[b][c]=d` into nested objects and arrays, as Stripe reads it. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [fullKey, value] of new URLSearchParams(body)) {
    const head = /^[^[]+/.exec(fullKey)?.[0] ?? fullKey;
    const path = [head, ...Array.from(fullKey.slice(head.length).matchAll(/\[([^\]]*)\]/g), (m) => m[1]!)];
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((segment, index) => {
      const last = index === path.length - 1;
      const nextIsArray = !last && (path[index + 1] === '' || /^\d+$/.test(path[index + 1]!));
      if (Array.isArray(node)) {
        const position = segment === '' ? node.length : Number(segment);
        if (last) node[position] = value;
        else node = (node[position] ??= nextIsArray ? [] : {}) as Record<string, unknown> | unknown[];
      } else {
        if (last) node[segment] = value;
        else node = (node[segment] ??= nextIsArray ? [] : {}) as Record<string, unknown> | unknown[];
      }
    });
  }
  return root;
}

class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

const invalidRequest = (status: number, code: string, message: string, param?: string) =>
  new StripeError(status, { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) });

export async function startStripeMock(): Promise<StripeMock> {
  // Filled in once the server listens; the handler reads `down` from it.
  const mock = { down: false } as StripeMock;
  const intents = new Map<string, MockPaymentIntent>();
  const refunds = new Map<string, MockRefund>();
  const requests: RecordedRequest[] = [];
  const idempotent = new Map<string, { status: number; body: unknown }>();

  const find = (id: string): MockPaymentIntent => {
    const intent = intents.get(id);
    if (!intent) throw invalidRequest(404, 'resource_missing', `No such payment_intent: '${id}'`, 'intent');
    return intent;
  };

  const confirm = (id: string, paymentMethod = 'pm_card_visa'): MockPaymentIntent => {
    const intent = find(id);
    if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') {
      throw invalidRequest(
        400,
        'payment_intent_unexpected_state',
        `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed.`,
      );
    }
    intent.payment_method = paymentMethod;
    if (paymentMethod === 'pm_card_chargeDeclined') {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      };
      throw new StripeError(402, { ...intent.last_payment_error, payment_intent: { ...intent } });
    }
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = randomId('ch');
    intent.last_payment_error = null;
    return intent;
  };

  const create = (params: Record<string, unknown>): MockPaymentIntent => {
    const amount = Number(params.amount);
    if (params.amount === undefined)
      throw invalidRequest(400, 'parameter_missing', 'Missing required param: amount.', 'amount');
    if (!Number.isInteger(amount) || amount < 1)
      throw invalidRequest(400, 'parameter_invalid_integer', 'Invalid integer', 'amount');
    if (typeof params.currency !== 'string') {
      throw invalidRequest(400, 'parameter_missing', 'Missing required param: currency.', 'currency');
    }
    const id = randomId('pi');
    const intent: MockPaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency: params.currency.toLowerCase(),
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      description: typeof params.description === 'string' ? params.description : null,
      metadata: (params.metadata as Record<string, string> | undefined) ?? {},
      payment_method: null,
      payment_method_types: ((params.allowed_payment_method_types ?? params.payment_method_types) as
        string[] | undefined) ?? ['card'],
      latest_charge: null,
      last_payment_error: null,
      cancellation_reason: null,
      canceled_at: null,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    };
    intents.set(id, intent);
    if (typeof params.payment_method === 'string' && params.confirm === 'true')
      return confirm(id, params.payment_method);
    return intent;
  };

  const cancel = (id: string, params: Record<string, unknown>): MockPaymentIntent => {
    const intent = find(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw invalidRequest(
        400,
        'payment_intent_unexpected_state',
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
      );
    }
    intent.status = 'canceled';
    intent.canceled_at = Math.floor(Date.now() / 1000);
    intent.cancellation_reason = typeof params.cancellation_reason === 'string' ? params.cancellation_reason : null;
    return intent;
  };

  /** Like Stripe: only a succeeded intent, and never more in total than it received. */
  const refund = (params: Record<string, unknown>): MockRefund => {
    if (typeof params.payment_intent !== 'string') {
      throw invalidRequest(400, 'parameter_missing', 'Missing required param: payment_intent.', 'payment_intent');
    }
    const intent = find(params.payment_intent);
    if (intent.status !== 'succeeded') {
      throw invalidRequest(400, 'charge_not_refundable', `This PaymentIntent's status is ${intent.status}.`);
    }
    const already = [...refunds.values()]
      .filter((existing) => existing.payment_intent === intent.id)
      .reduce((sum, existing) => sum + existing.amount, 0);
    const amount = params.amount === undefined ? intent.amount_received - already : Number(params.amount);
    if (!Number.isInteger(amount) || amount < 1) {
      throw invalidRequest(400, 'parameter_invalid_integer', 'Invalid integer', 'amount');
    }
    if (already + amount > intent.amount_received) {
      throw invalidRequest(
        400,
        'amount_too_large',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.amount_received - already})`,
        'amount',
      );
    }
    const created: MockRefund = {
      id: randomId('re'),
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      charge: intent.latest_charge,
      status: 'succeeded',
      metadata: (params.metadata as Record<string, string> | undefined) ?? {},
      reason: typeof params.reason === 'string' ? params.reason : null,
      failure_reason: null,
      created: Math.floor(Date.now() / 1000),
    };
    refunds.set(created.id, created);
    return created;
  };

  const route = (method: string, path: string, params: Record<string, unknown>): unknown => {
    if (method === 'POST' && path === '/v1/payment_intents') return create(params);
    if (method === 'POST' && path === '/v1/refunds') return refund(params);
    const match = /^\/v1\/payment_intents\/([^/]+)(\/confirm|\/cancel)?$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1]!);
      if (method === 'GET' && !match[2]) return find(id);
      if (method === 'POST' && match[2] === '/confirm') return confirm(id, params.payment_method as string | undefined);
      if (method === 'POST' && match[2] === '/cancel') return cancel(id, params);
    }
    throw invalidRequest(404, 'resource_missing', `Unrecognized request URL (${method}: ${path}).`);
  };

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': randomId('req') });
    response.end(JSON.stringify(body, null, 2));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const params = parseStripeForm(
      request.method === 'GET' ? url.search.slice(1) : Buffer.concat(chunks).toString('utf8'),
    );
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    requests.push({ method: request.method ?? '', path: url.pathname, idempotencyKey, body: params });
    if (mock.down) {
      send(response, 503, { error: { type: 'api_error', message: 'Service unavailable (mock outage)' } });
      return;
    }

    if (!/^Bearer (sk|rk)_test_\w+$/.test(request.headers.authorization ?? '')) {
      send(response, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      return;
    }
    const replayKey = idempotencyKey && request.method === 'POST' ? `${url.pathname} ${idempotencyKey}` : undefined;
    const replay = replayKey ? idempotent.get(replayKey) : undefined;
    if (replay) {
      send(response, replay.status, replay.body);
      return;
    }
    let status = 200;
    let body: unknown;
    try {
      // A copy, so that later changes to the intent do not rewrite a stored idempotent answer.
      body = structuredClone(route(request.method ?? 'GET', url.pathname, params));
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      status = error.status;
      body = { error: { ...error.body, doc_url: `https://docs.stripe.com/error-codes/${String(error.body.code)}` } };
    }
    if (replayKey) idempotent.set(replayKey, { status, body });
    send(response, status, body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      send(response, 500, { error: { type: 'api_error', message: String(error) } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const members: Omit<StripeMock, 'down'> = {
    url: `http://127.0.0.1:${port}`,
    port,
    intents,
    refunds,
    requests,
    confirm: (id, paymentMethod) => {
      try {
        return structuredClone(confirm(id, paymentMethod));
      } catch (error) {
        if (error instanceof StripeError && error.status === 402) return structuredClone(find(id));
        throw error;
      }
    },
    eventPayload: (type, intentId, eventId = randomId('evt')) =>
      JSON.stringify(
        {
          id: eventId,
          object: 'event',
          api_version: API_VERSION,
          created: Math.floor(Date.now() / 1000),
          type,
          data: { object: structuredClone(find(intentId)) },
          livemode: false,
          pending_webhooks: 1,
          request: { id: null, idempotency_key: null },
        },
        null,
        2,
      ),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  Object.assign(mock, members);
  return mock;
}
