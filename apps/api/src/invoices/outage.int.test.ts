import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { FAR_FUTURE, demoSeller, inTransaction, orderCommand, services, sql } from './testing/invoice-fixtures.js';
import { startViettelStub, type ViettelStub } from './testing/viettel-stub.js';

describe('issuing through the outbox survives a provider outage', () => {
  let api: TestApp;
  let stub: ViettelStub;
  let organisationId: string;
  let seller: string;

  beforeAll(async () => {
    api = await startTestApp({ env: { OUTBOX_MAX_ATTEMPTS: '3', INVOICE_PROVIDER_TIMEOUT_MS: '2000' } });
    organisationId = await demoSeller(api);
    seller = await api.tokenFor('seller_member');
    stub = await startViettelStub({ username: '0100233488', password: 'viettel-pass' });
    const saved = await api.request('PUT', '/api/seller/invoice-settings', {
      token: seller,
      body: {
        provider: 'viettel',
        symbol: 'C26TAA',
        issueTrigger: 'on_payment',
        providerBaseUrl: stub.baseUrl,
        providerTemplateCode: '1/001',
        credentials: { username: '0100233488', password: 'viettel-pass' },
      },
    });
    expect(saved.status).toBe(200);
    // Stands in for the orders module's table: what must commit whatever the provider does.
    await sql(api, 'CREATE TABLE fake_seller_orders (id uuid PRIMARY KEY, status text NOT NULL)');
  });
  afterAll(async () => {
    await stub.close();
    await api.close();
  });

  it('completes orders while the provider is down and issues each invoice exactly once when it is back', async () => {
    const { invoices, worker } = services(api);
    await stub.stop();

    const requested = await inTransaction(api, async (manager) => {
      const results = [];
      for (let i = 0; i < 5; i++) {
        const command = orderCommand(organisationId);
        await manager.query("INSERT INTO fake_seller_orders (id, status) VALUES ($1, 'completed')", [command.sourceId]);
        results.push(await invoices.requestInvoice(manager, command));
      }
      return results;
    });
    const ids = requested.map((r) => r.invoiceId);

    const down = await worker.runOnce();
    expect(down).toMatchObject({ claimed: 5, done: 0, retried: 5 });
    expect(
      await sql(api, 'SELECT count(*)::int AS count FROM fake_seller_orders WHERE status = $1', ['completed']),
    ).toEqual([{ count: 5 }]);
    const waiting = await sql<{ status: string; attempts: number; last_error: string; next_attempt_at: Date }>(
      api,
      'SELECT status, attempts, last_error, next_attempt_at FROM invoices WHERE id = ANY($1)',
      [ids],
    );
    for (const row of waiting) {
      expect(row).toMatchObject({
        status: 'issuing',
        attempts: 1,
        last_error: 'Nhà cung cấp Viettel S-Invoice không kết nối được',
      });
      expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
    }
    const backoff = await sql<{ attempts: number; next_attempt_at: Date; locked_until: Date | null }>(
      api,
      "SELECT attempts, next_attempt_at, locked_until FROM outbox_messages WHERE topic = 'invoice.issue' AND payload->>'invoiceId' = ANY($1)",
      [ids],
    );
    expect(
      backoff.every(
        (row) => row.attempts === 1 && row.locked_until === null && row.next_attempt_at.getTime() > Date.now(),
      ),
    ).toBe(true);

    // Before the backoff has passed nothing is tried, even with the provider back.
    await stub.start();
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    expect(stub.createCalls()).toBe(0);

    expect(await worker.runOnce({ now: FAR_FUTURE() })).toMatchObject({ claimed: 5, done: 5 });
    expect(stub.invoices.size).toBe(5);
    expect(stub.createCalls()).toBe(5);
    expect([...stub.invoices.keys()].sort()).toEqual([...ids].sort());
    const issued = await sql<{
      status: string;
      number: number;
      provider: string;
      provider_reference: string;
      last_error: string | null;
    }>(
      api,
      'SELECT status, number, provider, provider_reference, last_error FROM invoices WHERE id = ANY($1) ORDER BY number',
      [ids],
    );
    expect(issued.map((row) => row.number)).toEqual([1, 2, 3, 4, 5]);
    expect(
      issued.every(
        (row) =>
          row.status === 'issued' && row.provider === 'viettel' && row.provider_reference && row.last_error === null,
      ),
    ).toBe(true);

    // Running again, even much later, sends nothing more.
    expect(await worker.runOnce({ now: FAR_FUTURE() })).toMatchObject({ claimed: 0 });
    expect(stub.createCalls()).toBe(5);
  });

  it('marks an invoice failed when retries run out, and the seller’s retry issues it once', async () => {
    const { invoices, worker } = services(api);
    await stub.stop();
    const { invoiceId } = await inTransaction(api, (manager) =>
      invoices.requestInvoice(manager, orderCommand(organisationId)),
    );
    let now = Date.now();
    for (let attempt = 1; attempt <= 3; attempt++) {
      now += 24 * 3600 * 1000;
      await worker.runOnce({ now: new Date(now) });
    }
    const failed = await api.request('GET', `/api/seller/invoices/${invoiceId}`, { token: seller });
    expect(failed.body).toMatchObject({
      status: 'failed',
      attempts: 3,
      nextAttemptAt: null,
      lastError: expect.stringContaining('Viettel'),
    });

    await stub.start();
    const before = stub.createCalls();
    expect((await api.request('POST', `/api/seller/invoices/${invoiceId}/retry`, { token: seller })).status).toBe(200);
    await worker.runOnce();
    expect((await api.request('GET', `/api/seller/invoices/${invoiceId}`, { token: seller })).body).toMatchObject({
      status: 'issued',
      number: 6,
    });
    expect(stub.createCalls() - before).toBe(1);
  });

  it('fails at once, without retrying, when the provider refuses the credentials', async () => {
    const { invoices, worker } = services(api);
    await sql(api, 'UPDATE invoice_settings SET credentials_sealed = NULL WHERE organisation_id = $1', [
      organisationId,
    ]);
    const { invoiceId } = await inTransaction(api, (manager) =>
      invoices.requestInvoice(manager, orderCommand(organisationId)),
    );
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    const [row] = await sql(api, 'SELECT status, last_error FROM invoices WHERE id = $1', [invoiceId]);
    expect(row).toEqual({ status: 'failed', last_error: 'Thiếu thông tin đăng nhập Viettel S-Invoice (username)' });
  });
});
