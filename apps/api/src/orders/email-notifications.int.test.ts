import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { CHECKOUT_BODY, DEMO_ORGANISATION_SLUG, organisationId, publishedVariant } from './testing/order-fixtures.js';

interface ReceivedMail {
  to: string[];
  body: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startMailbox(): Promise<{ url: string; received: ReceivedMail[]; stop: () => Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for mail');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('order notifications by email', () => {
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let api: TestApp;
  beforeAll(async () => {
    mailbox = await startMailbox();
    api = await startTestApp({ env: { SMTP_URL: mailbox.url } });
  });
  afterAll(async () => {
    await api.close();
    await mailbox.stop();
  });

  it('tells the buyer and the seller about a new order and each status change', async () => {
    const item = await publishedVariant(api, {
      organisationId: await organisationId(api, DEMO_ORGANISATION_SLUG),
      name: 'Chè Tân Tiến',
      price: 120_000,
      stock: 5,
    });
    const buyer = await api.tokenFor('buyer');
    await api.request('POST', '/api/cart/lines', { token: buyer, body: { variantId: item.variantId, quantity: 1 } });
    const placed = await api.request('POST', '/api/checkout', { token: buyer, body: CHECKOUT_BODY });
    const code = placed.body.order.sellerOrders[0].code;

    await waitFor(() => mailbox.received.length >= 2);
    const toBuyer = mailbox.received.find((mail) => mail.to.includes('khach@ocop.demo'));
    const toSeller = mailbox.received.find((mail) => mail.to.includes('htx@ocop.demo'));
    expect(toBuyer?.body).toContain(code);
    expect(toSeller?.body).toContain(code);

    await api.request('POST', `/api/seller/orders/${placed.body.order.sellerOrders[0].id}/accept_cod`, {
      token: await api.tokenFor('seller_member'),
      body: {},
    });
    await waitFor(() => mailbox.received.length >= 4);
    expect(mailbox.received.slice(2).every((mail) => mail.body.includes(code))).toBe(true);
  });
});
