import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { InvoiceIssuer } from './invoice-issuer.js';
import { demoSeller, inTransaction, orderCommand, services, sql } from './testing/invoice-fixtures.js';

describe('invoice numbering', () => {
  let api: TestApp;
  let organisationId: string;
  let issuer: InvoiceIssuer;

  const request = async (count: number) => {
    const { invoices } = services(api);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        (await inTransaction(api, (manager) => invoices.requestInvoice(manager, orderCommand(organisationId))))
          .invoiceId,
      );
    }
    return ids;
  };
  const numbers = async (ids: string[]) =>
    (
      await sql<{ number: number; symbol: string }>(
        api,
        'SELECT number, symbol FROM invoices WHERE id = ANY($1) ORDER BY number',
        [ids],
      )
    ).map((row) => row.number);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  beforeAll(async () => {
    api = await startTestApp({ env: { OUTBOX_BACKOFF_BASE_SECONDS: '1' } });
    organisationId = await demoSeller(api);
    const seller = await api.tokenFor('seller_member');
    await api.request('PUT', '/api/seller/invoice-settings', {
      token: seller,
      body: { provider: 'builtin', symbol: '1C26TAA', issueTrigger: 'on_payment' },
    });
    issuer = api.app.get(InvoiceIssuer);
  });
  afterAll(() => api.close());

  it('gives 50 concurrent issues for one seller exactly the numbers 1 to 50', async () => {
    const ids = await request(50);
    const now = new Date('2026-06-15T03:00:00Z');
    await Promise.all(ids.map((id) => issuer.issue(id, 1, now)));
    expect(await numbers(ids)).toEqual(range(1, 50));
    const [sequence] = await sql(
      api,
      'SELECT symbol, year, last_number FROM invoice_number_sequences WHERE seller_organisation_id = $1',
      [organisationId],
    );
    expect(sequence).toEqual({ symbol: 'C26TAA', year: 2026, last_number: 50 });
    // Issuing again is a no-op: nothing is renumbered.
    await Promise.all(ids.slice(0, 10).map((id) => issuer.issue(id, 1, now)));
    expect(await numbers(ids)).toEqual(range(1, 50));
  });

  it('shares the queue between concurrent workers without taking a message twice', async () => {
    const ids = await request(30);
    const { worker } = services(api);
    const reports = await Promise.all([
      worker.runOnce({ limit: 12 }),
      worker.runOnce({ limit: 12 }),
      worker.runOnce({ limit: 12 }),
    ]);
    const done = reports.reduce((sum, report) => sum + report.done, 0);
    expect(reports.reduce((sum, report) => sum + report.claimed, 0)).toBe(done);
    while ((await worker.runOnce()).claimed > 0) {
      // drain what the first round left
    }
    const issued = await numbers(ids);
    expect(issued).toHaveLength(30);
    expect(new Set(issued).size).toBe(30);
    const all = await sql<{ number: number }>(
      api,
      "SELECT number FROM invoices WHERE symbol = 'C26TAA' ORDER BY number",
    );
    expect(all.map((row) => row.number)).toEqual(range(1, 80));
  });

  it('leaves no gap when an issue fails after taking its number', async () => {
    // A stray row holding the next number makes the issuing transaction fail at its last write.
    const [blocker] = await request(1);
    await sql(
      api,
      "UPDATE invoices SET status = 'issued', form_number = 1, symbol = 'C26TAA', number = 81, issue_date = '2026-06-15' WHERE id = $1",
      [blocker],
    );
    const [victim] = await request(1);
    await expect(issuer.issue(victim as string, 1, new Date('2026-06-15T03:00:00Z'))).rejects.toThrow(/đã được dùng/);
    const [sequence] = await sql<{ last_number: number }>(
      api,
      "SELECT last_number FROM invoice_number_sequences WHERE symbol = 'C26TAA'",
    );
    expect(sequence?.last_number).toBe(80);
    await sql(
      api,
      "UPDATE invoices SET status = 'cancelled', number = NULL, symbol = NULL, form_number = NULL, issue_date = NULL WHERE id = $1",
      [blocker],
    );
    await issuer.issue(victim as string, 1, new Date('2026-06-15T03:00:00Z'));
    expect(await numbers([victim as string])).toEqual([81]);
  });

  it('restarts at 1 in a new year, by the date in Asia/Ho_Chi_Minh', async () => {
    const [lastOfYear, firstOfYear] = await request(2);
    // 23:59 on 31 December in Hà Nội is still 2026; one minute later it is 2027 there (16:59 / 17:00 UTC).
    await issuer.issue(lastOfYear as string, 1, new Date('2026-12-31T16:59:00Z'));
    await issuer.issue(firstOfYear as string, 1, new Date('2026-12-31T17:00:00Z'));
    const rows = await sql(
      api,
      'SELECT symbol, number, issue_date::text AS issue_date FROM invoices WHERE id = ANY($1) ORDER BY issue_date',
      [[lastOfYear, firstOfYear]],
    );
    expect(rows).toEqual([
      { symbol: 'C26TAA', number: 82, issue_date: '2026-12-31' },
      { symbol: 'C27TAA', number: 1, issue_date: '2027-01-01' },
    ]);
  });
});
