import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { demoSeller, inTransaction, orderCommand, services, sql } from './testing/invoice-fixtures.js';
import { startViettelStub, type ViettelStub } from './testing/viettel-stub.js';
import { startVnptStub, type VnptStub } from './testing/vnpt-stub.js';

describe('issuing through Viettel and VNPT from the app', () => {
  let api: TestApp;
  let seller: string;
  let organisationId: string;
  let viettel: ViettelStub;
  let vnpt: VnptStub;

  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
    organisationId = await demoSeller(api);
    viettel = await startViettelStub();
    vnpt = await startVnptStub();
  });
  afterAll(async () => {
    await viettel.close();
    await vnpt.close();
    await api.close();
  });

  const configure = (body: Record<string, unknown>) =>
    api.request('PUT', '/api/seller/invoice-settings', {
      token: seller,
      body: { symbol: 'C26TAA', issueTrigger: 'on_payment', ...body },
    });

  it('sends a Viettel adjustment that points at the original invoice number', async () => {
    expect(
      (
        await configure({
          provider: 'viettel',
          providerBaseUrl: viettel.baseUrl,
          credentials: { username: '0100233488', password: 'viettel-pass' },
        })
      ).status,
    ).toBe(200);
    const { invoices, worker } = services(api);
    const command = orderCommand(organisationId);
    const original = await inTransaction(api, (manager) => invoices.requestInvoice(manager, command));
    await worker.runOnce();
    const adjustment = await inTransaction(api, (manager) =>
      invoices.adjust(manager, {
        sourceType: 'seller_order',
        sourceId: command.sourceId,
        requestKey: randomUUID(),
        reason: 'Khách trả 1 túi hoa hồi',
        lines: [{ name: 'Hoa hồi khô Văn Quan, túi 500 g', unit: 'Túi', quantity: -1, unitPrice: 250_000, vatRate: 5 }],
      }),
    );
    await worker.runOnce();
    const [row] = await sql(api, 'SELECT symbol, number FROM invoices WHERE id = $1', [original.invoiceId]);
    const body = viettel.invoices.get(adjustment.invoiceId)?.body as any;
    expect(body.generalInvoiceInfo).toMatchObject({
      adjustmentType: '3',
      originalInvoiceId: `${row?.symbol}${row?.number}`,
    });
    expect(body.itemInfo[1]).toMatchObject({ quantity: 1, itemTotalAmountWithoutTax: 250000, isIncreaseItem: false });
    expect((await sql(api, 'SELECT status FROM invoices WHERE id = $1', [original.invoiceId]))[0]).toEqual({
      status: 'adjusted',
    });
  });

  it('publishes through VNPT and replaces with the original fkey', async () => {
    expect(
      (
        await configure({
          provider: 'vnpt',
          // Two providers never share a symbol: each numbers its own series.
          symbol: 'C26TBB',
          providerBaseUrl: vnpt.baseUrl,
          providerTemplateCode: '1/001',
          credentials: {
            account: 'htxadmin',
            accountPassword: 'ac-pass',
            username: 'htxservice',
            password: 'svc-pass',
          },
        })
      ).status,
    ).toBe(200);
    const { invoices, worker } = services(api);
    const command = orderCommand(organisationId);
    const original = await inTransaction(api, (manager) => invoices.requestInvoice(manager, command));
    await worker.runOnce();
    const replacement = await inTransaction(api, (manager) =>
      invoices.replace(manager, {
        sourceType: 'seller_order',
        sourceId: command.sourceId,
        requestKey: randomUUID(),
        reason: 'Sai địa chỉ người mua',
        buyer: { name: 'Nguyễn Thu Trang', address: '30 Hàng Bài, Hà Nội' },
      }),
    );
    await worker.runOnce();
    expect(vnpt.invoices.get(original.invoiceId)).toMatchObject({ method: 'ImportAndPublishInv', number: 1 });
    expect(vnpt.invoices.get(replacement.invoiceId)).toMatchObject({
      method: 'replaceInv',
      relatedFkey: original.invoiceId,
      number: 2,
    });
    const rows = await sql(
      api,
      'SELECT id, status, number, provider FROM invoices WHERE id = ANY($1) ORDER BY number',
      [[original.invoiceId, replacement.invoiceId]],
    );
    expect(rows).toEqual([
      { id: original.invoiceId, status: 'replaced', number: 1, provider: 'vnpt' },
      { id: replacement.invoiceId, status: 'issued', number: 2, provider: 'vnpt' },
    ]);
    // A provider-issued invoice has no XML here: the lookup says where it is kept.
    const xml = await api.request('GET', `/api/invoices/lookup/${replacement.lookupCode}/xml`);
    expect(xml.status).toBe(404);
    expect(xml.body.code).toBe('invoice_xml_unavailable');
    const page = await api.request('GET', `/api/invoices/lookup/${replacement.lookupCode}?format=html`);
    expect(page.body).toContain('VNPT Invoice');
  });
});
