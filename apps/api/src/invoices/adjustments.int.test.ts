import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import type { IssueInvoiceCommand } from './invoice-model.js';
import { demoSeller, inTransaction, orderCommand, services, sql } from './testing/invoice-fixtures.js';
import { readInvoiceXml } from './xml/invoice-xml-reader.js';

describe('adjustments, replacements and cancellations', () => {
  let api: TestApp;
  let organisationId: string;

  const issueOrder = async (overrides: Partial<IssueInvoiceCommand> = {}) => {
    const { invoices, worker } = services(api);
    const command = orderCommand(organisationId, overrides);
    const result = await inTransaction(api, (manager) => invoices.requestInvoice(manager, command));
    await worker.runOnce();
    return { command, ...result };
  };
  const invoice = async (id: string) =>
    (
      await sql<Record<string, any>>(api, 'SELECT *, issue_date::text AS issue_date FROM invoices WHERE id = $1', [id])
    )[0] as Record<string, any>;
  const xmlOf = async (id: string) => readInvoiceXml((await invoice(id)).xml).HDon.DLHDon;

  beforeAll(async () => {
    api = await startTestApp();
    organisationId = await demoSeller(api);
    const seller = await api.tokenFor('seller_member');
    await api.request('PUT', '/api/seller/invoice-settings', {
      token: seller,
      body: { provider: 'builtin', symbol: 'C26TAA', issueTrigger: 'on_payment' },
    });
  });
  afterAll(() => api.close());

  it('adjusts an issued invoice for a partial refund with a linked, negative invoice', async () => {
    const { invoices, worker } = services(api);
    const order = await issueOrder();
    const original = await invoice(order.invoiceId);
    expect(original).toMatchObject({ status: 'issued', number: 1 });

    const refund = {
      sourceType: 'seller_order' as const,
      sourceId: order.command.sourceId,
      requestKey: `refund-${randomUUID()}`,
      reason: 'Khách trả 1 chai mật ong bị vỡ',
    };
    const lines = [
      { name: 'Mật ong bạc hà, chai 1 lít', unit: 'Chai', quantity: -1, unitPrice: 750_000, vatRate: 10 as const },
    ];
    const adjustment = await inTransaction(api, (manager) => invoices.adjust(manager, { ...refund, lines }));
    expect(adjustment).toMatchObject({ status: 'queued', created: true });
    expect(await inTransaction(api, (manager) => invoices.adjust(manager, { ...refund, lines }))).toMatchObject({
      invoiceId: adjustment.invoiceId,
      created: false,
    });
    await worker.runOnce();

    const row = await invoice(adjustment.invoiceId);
    expect(row).toMatchObject({
      kind: 'adjustment',
      status: 'issued',
      number: 2,
      related_invoice_id: order.invoiceId,
      relation_type: 'adjusts',
    });
    expect(Number(row.total_payable)).toBe(-825_000);
    expect((await invoice(order.invoiceId)).status).toBe('adjusted');

    const xml = await xmlOf(adjustment.invoiceId);
    expect(xml.TTChung.TTHDLQuan).toEqual({
      TCHDon: '2',
      LHDCLQuan: '1',
      KHMSHDCLQuan: '1',
      KHHDCLQuan: original.symbol,
      SHDCLQuan: '1',
      NLHDCLQuan: original.issue_date,
      GChu: 'Khách trả 1 chai mật ong bị vỡ',
    });
    expect(xml.NDHDon.DSHHDVu.HHDVu[0]).toEqual({
      TChat: '4',
      STT: '1',
      THHDVu: 'Điều chỉnh giảm: Khách trả 1 chai mật ong bị vỡ',
    });
    expect(xml.NDHDon.DSHHDVu.HHDVu[1]).toMatchObject({
      TChat: '1',
      STT: '2',
      SLuong: '-1',
      DGia: '750000',
      ThTien: '-750000',
      TSuat: '10%',
    });
    expect(xml.NDHDon.TToan).toMatchObject({
      THTTLTSuat: { LTSuat: [{ TSuat: '10%', ThTien: '-750000', TThue: '-75000' }] },
      TgTCThue: '-750000',
      TgTThue: '-75000',
      TgTTTBSo: '-825000',
      TgTTTBChu: 'Âm tám trăm hai mươi lăm nghìn đồng',
    });

    const lookup = await api.request('GET', `/api/invoices/lookup/${adjustment.lookupCode}`);
    expect(lookup.body).toMatchObject({ kind: 'adjustment', related: { relation: 'adjusts', number: 1 } });
    expect(
      await api.request('GET', `/api/invoices/lookup/${adjustment.lookupCode}?format=html`).then((r) => r.body),
    ).toContain('Hóa đơn điều chỉnh cho hóa đơn mẫu số 1');

    // More than what is left cannot be refunded; an adjusted invoice cannot be replaced.
    await expect(
      inTransaction(api, (manager) =>
        invoices.adjust(manager, { ...refund, requestKey: randomUUID(), lines: [{ ...lines[0]!, quantity: -1 }] }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_invoice_request' });
    await expect(
      inTransaction(api, (manager) =>
        invoices.replace(manager, { ...refund, requestKey: randomUUID(), buyer: { name: 'Người khác' } }),
      ),
    ).rejects.toMatchObject({ code: 'invoice_already_adjusted' });
  });

  it('replaces an invoice with a wrong buyer tax code, then adjusts the replacement', async () => {
    const { invoices, worker } = services(api);
    const order = await issueOrder({
      buyer: { name: 'Công ty TNHH Quà Quê', taxCode: '0312345673', address: '12 Lê Lợi, Đà Nẵng' },
    });
    const target = { sourceType: 'seller_order' as const, sourceId: order.command.sourceId };
    const replacement = await inTransaction(api, (manager) =>
      invoices.replace(manager, {
        ...target,
        requestKey: `fix-${randomUUID()}`,
        reason: 'Sai mã số thuế người mua',
        buyer: { name: 'Công ty TNHH Quà Quê', taxCode: '0100233488', address: '12 Lê Lợi, Đà Nẵng' },
      }),
    );
    await worker.runOnce();
    const row = await invoice(replacement.invoiceId);
    expect(row).toMatchObject({
      kind: 'replacement',
      status: 'issued',
      relation_type: 'replaces',
      related_invoice_id: order.invoiceId,
    });
    expect(Number(row.total_payable)).toBe(1_350_000);
    expect((await invoice(order.invoiceId)).status).toBe('replaced');
    const xml = await xmlOf(replacement.invoiceId);
    expect(xml.TTChung.TTHDLQuan).toMatchObject({
      TCHDon: '1',
      SHDCLQuan: String((await invoice(order.invoiceId)).number),
    });
    expect(xml.NDHDon.NMua.MST).toBe('0100233488');
    expect(xml.NDHDon.DSHHDVu.HHDVu).toHaveLength(2);

    // The order's current invoice is now the replacement: a refund adjusts it, not the replaced one.
    const refund = await inTransaction(api, (manager) =>
      invoices.adjust(manager, {
        ...target,
        requestKey: randomUUID(),
        reason: 'Giảm giá do giao chậm',
        lines: [{ name: 'Hoa hồi khô Văn Quan, túi 500 g', unit: 'Túi', quantity: 2, unitPrice: -10_000, vatRate: 5 }],
      }),
    ).catch((error: unknown) => error);
    expect(refund).toMatchObject({ code: 'invalid_invoice_request' }); // prices are never negative: a decrease is a negative quantity
    const discount = await inTransaction(api, (manager) =>
      invoices.adjust(manager, {
        ...target,
        requestKey: randomUUID(),
        reason: 'Trả lại 1 túi hoa hồi',
        lines: [{ name: 'Hoa hồi khô Văn Quan, túi 500 g', unit: 'Túi', quantity: -1, unitPrice: 250_000, vatRate: 5 }],
      }),
    );
    await worker.runOnce();
    expect(await invoice(discount.invoiceId)).toMatchObject({
      status: 'issued',
      related_invoice_id: replacement.invoiceId,
    });
    expect((await invoice(replacement.invoiceId)).status).toBe('adjusted');
  });

  it('withdraws a cancelled order’s invoice that was never issued, using no number', async () => {
    const { invoices, worker } = services(api);
    const command = orderCommand(organisationId);
    const requested = await inTransaction(api, (manager) => invoices.requestInvoice(manager, command));
    const [before] = await sql<{ last_number: number }>(api, 'SELECT last_number FROM invoice_number_sequences');
    const cancelled = await inTransaction(api, (manager) =>
      invoices.cancel(manager, {
        sourceType: 'seller_order',
        sourceId: command.sourceId,
        requestKey: randomUUID(),
        reason: 'Khách hủy đơn',
      }),
    );
    expect(cancelled).toEqual({ outcome: 'cancelled', invoiceId: requested.invoiceId });
    await worker.runOnce();
    expect(await invoice(requested.invoiceId)).toMatchObject({ status: 'cancelled', number: null });
    const [after] = await sql<{ last_number: number }>(api, 'SELECT last_number FROM invoice_number_sequences');
    expect(after?.last_number).toBe(before?.last_number);
    const again = await inTransaction(api, (manager) =>
      invoices.cancel(manager, {
        sourceType: 'seller_order',
        sourceId: command.sourceId,
        requestKey: randomUUID(),
        reason: 'Khách hủy đơn',
      }),
    );
    expect(again.outcome).toBe('cancelled');
  });

  it('reverses an issued invoice to zero when its order is cancelled', async () => {
    const { invoices, worker } = services(api);
    const order = await issueOrder();
    const cancel = {
      sourceType: 'seller_order' as const,
      sourceId: order.command.sourceId,
      requestKey: randomUUID(),
      reason: 'Đơn hàng bị hủy sau khi xuất hóa đơn',
    };
    const result = await inTransaction(api, (manager) => invoices.cancel(manager, cancel));
    expect(result.outcome).toBe('adjusted');
    expect(await inTransaction(api, (manager) => invoices.cancel(manager, cancel))).toEqual(result);
    await worker.runOnce();
    const reversal = await invoice(result.invoiceId as string);
    expect(reversal).toMatchObject({ kind: 'adjustment', status: 'issued', relation_type: 'adjusts' });
    expect(Number(reversal.total_payable)).toBe(-1_350_000);
    const xml = await xmlOf(result.invoiceId as string);
    expect(xml.NDHDon.DSHHDVu.HHDVu[0].THHDVu).toBe(
      'Điều chỉnh giảm toàn bộ do hủy đơn hàng: Đơn hàng bị hủy sau khi xuất hóa đơn',
    );
    expect(xml.NDHDon.TToan.TgTTTBSo).toBe('-1350000');
    // Nothing is left to take back.
    const nothing = await inTransaction(api, (manager) =>
      invoices.cancel(manager, { ...cancel, requestKey: randomUUID() }),
    );
    expect(nothing.outcome).toBe('nothing_to_cancel');
  });

  it('issues an adjustment requested before its original only after the original', async () => {
    const { invoices, worker } = services(api);
    const command = orderCommand(organisationId);
    const [original, adjustment] = await inTransaction(api, async (manager) => {
      const first = await invoices.requestInvoice(manager, command);
      const second = await invoices.adjust(manager, {
        sourceType: 'seller_order',
        sourceId: command.sourceId,
        requestKey: randomUUID(),
        reason: 'Hoàn tiền một phần',
        lines: [{ name: 'Hoa hồi khô Văn Quan, túi 500 g', unit: 'Túi', quantity: -1, unitPrice: 250_000, vatRate: 5 }],
      });
      return [first, second];
    });
    await worker.runOnce();
    const [first, second] = [await invoice(original!.invoiceId), await invoice(adjustment!.invoiceId)];
    expect(first.status).toBe('adjusted');
    expect(second.status).toBe('issued');
    expect(second.number).toBeGreaterThan(first.number);
  });

  it('reports the invoice coverage of seller orders for the KPIs', async () => {
    const { invoices } = services(api);
    const coverage = await invoices.coverage(new Date(Date.now() - 3600_000), new Date(Date.now() + 3600_000));
    expect(coverage).toMatchObject({ requested: 5, cancelled: 1, waiting: 0, issued: 4, issuedShare: 1 });
    expect(coverage.byStatus).toMatchObject({ adjusted: 3, replaced: 1, cancelled: 1 });
    const queued = await inTransaction(api, (manager) =>
      invoices.requestInvoice(manager, orderCommand(organisationId)),
    );
    expect(queued.status).toBe('queued');
    expect(
      await invoices.coverage(new Date(Date.now() - 3600_000), new Date(Date.now() + 3600_000), organisationId),
    ).toMatchObject({
      requested: 6,
      waiting: 1,
      issuedShare: 0.8,
    });
    const view = await sql(
      api,
      'SELECT coverage, count(*)::int AS count FROM invoice_coverage GROUP BY coverage ORDER BY coverage',
    );
    expect(view).toEqual([
      { coverage: 'cancelled', count: 1 },
      { coverage: 'issued', count: 4 },
      { coverage: 'waiting', count: 1 },
    ]);
  });

  it('requests the invoice only at the seller’s trigger', async () => {
    const { invoices } = services(api);
    const command = orderCommand(organisationId);
    expect(await inTransaction(api, (manager) => invoices.requestInvoiceOn(manager, 'delivered', command))).toBeNull();
    expect(await inTransaction(api, (manager) => invoices.requestInvoiceOn(manager, 'paid', command))).toMatchObject({
      created: true,
    });
    await expect(
      inTransaction(api, (manager) =>
        invoices.requestInvoice(manager, {
          ...orderCommand(organisationId),
          lines: [{ name: 'x', unit: 'kg', quantity: 0.3333, unitPrice: 1000, vatRate: 5 }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_invoice_request' });
  });

  it('invoices VAT-inclusive shop prices at exactly what the buyer paid, and reverses them exactly', async () => {
    const { invoices, worker } = services(api);
    const order = await issueOrder({
      pricesIncludeVat: true,
      lines: [
        { name: 'Chè Shan tuyết Bản Liền, gói 200 g', unit: 'Gói', quantity: 3, unitPrice: 45_000, vatRate: 8 },
        { name: 'Rượu ngô men lá, chai 500 ml', unit: 'Chai', quantity: 2, unitPrice: 33_333, vatRate: 10 },
      ],
    });
    const xml = await xmlOf(order.invoiceId);
    expect(xml.NDHDon.TToan).toMatchObject({ TgTCThue: '185605', TgTThue: '16061', TgTTTBSo: '201666' });
    expect(xml.NDHDon.DSHHDVu.HHDVu[0]).toMatchObject({
      SLuong: '3',
      DGia: '41666.666667',
      ThTien: '125000',
      TSuat: '8%',
    });
    const lookup = await api.request('GET', `/api/invoices/lookup/${order.lookupCode}`);
    expect(lookup.body.lines[0]).toMatchObject({ unitPrice: 41666.666667, amount: 125000 });
    expect(lookup.body.totalPayable).toBe(201_666);

    const cancelled = await inTransaction(api, (manager) =>
      invoices.cancel(manager, {
        sourceType: 'seller_order',
        sourceId: order.command.sourceId,
        requestKey: randomUUID(),
        reason: 'Khách hủy đơn',
      }),
    );
    await worker.runOnce();
    const reversal = await xmlOf(cancelled.invoiceId as string);
    expect(reversal.NDHDon.TToan).toMatchObject({ TgTCThue: '-185605', TgTThue: '-16061', TgTTTBSo: '-201666' });
  });
});
