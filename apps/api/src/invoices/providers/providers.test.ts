import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toInvoiceLines, computeTotals } from '../invoice-totals.js';
import { sampleDocument } from '../testing/sample-invoice.js';
import { startViettelStub, type ViettelStub } from '../testing/viettel-stub.js';
import { startVnptStub, type VnptStub } from '../testing/vnpt-stub.js';
import { ProviderError, type ProviderConnection, type ProviderIssueRequest } from './invoice-provider.js';
import { ViettelInvoiceProvider, viettelInvoiceBody } from './viettel.provider.js';
import { VnptInvoiceProvider } from './vnpt.provider.js';

const remoteDocument = () =>
  sampleDocument({ number: null, symbol: 'C26TAA', seller: { ...sampleDocument().seller, taxCode: '0100233488' } });

function request(connection: ProviderConnection, overrides: Partial<ProviderIssueRequest> = {}): ProviderIssueRequest {
  return {
    transactionId: randomUUID(),
    document: remoteDocument(),
    connection,
    signing: null,
    relatedTransactionId: null,
    now: new Date(),
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('Viettel S-Invoice adapter against a local stub', () => {
  let stub: ViettelStub;
  let connection: ProviderConnection;
  const provider = new ViettelInvoiceProvider();
  beforeAll(async () => {
    stub = await startViettelStub();
    connection = {
      baseUrl: stub.baseUrl,
      templateCode: '1/001',
      credentials: { username: '0100233488', password: 'viettel-pass' },
      timeoutMs: 2000,
    };
  });
  afterAll(() => stub.close());

  it('creates an invoice shaped after the published API and reads the number back', async () => {
    const issue = request(connection);
    const result = await provider.issue(issue);
    expect(result).toMatchObject({ number: 1, symbol: 'C26TAA', signed: true, providerReference: expect.any(String) });
    const sent = stub.invoices.get(issue.transactionId)?.body as any;
    expect(sent.generalInvoiceInfo).toMatchObject({
      invoiceType: '1',
      templateCode: '1/001',
      invoiceSeries: 'C26TAA',
      currencyCode: 'VND',
      adjustmentType: '1',
      transactionUuid: issue.transactionId,
    });
    expect(sent.sellerInfo).toMatchObject({
      sellerTaxCode: '0100233488',
      sellerLegalName: 'Hợp tác xã Nông nghiệp Sơn Trà',
    });
    expect(sent.buyerInfo).toMatchObject({ buyerTaxCode: '0312345673' });
    expect(sent.itemInfo[0]).toMatchObject({
      lineNumber: 1,
      itemName: 'Mật ong rừng OCOP 4 sao, chai 500 ml',
      quantity: 10,
      unitPrice: 150000,
      taxPercentage: 8,
      taxAmount: 120000,
    });
    expect(sent.summarizeInfo).toMatchObject({
      totalAmountWithoutTax: 2420000,
      totalTaxAmount: 166000,
      totalAmountWithTax: 2586000,
    });
    expect(sent.taxBreakdowns).toEqual([
      { taxPercentage: 8, taxableAmount: 1500000, taxAmount: 120000 },
      { taxPercentage: 5, taxableAmount: 920000, taxAmount: 46000 },
    ]);
    expect(stub.calls).toEqual(expect.arrayContaining(['POST /auth/login']));
  });

  it('is idempotent by transaction id: the same id twice makes one invoice', async () => {
    const issue = request(connection);
    const before = stub.createCalls();
    const first = await provider.issue(issue);
    const again = await provider.issue(issue);
    expect(again.number).toBe(first.number);
    expect(stub.createCalls() - before).toBe(1);
    expect([...stub.invoices.values()].filter((i) => i.transactionUuid === issue.transactionId)).toHaveLength(1);
  });

  it('finds an invoice whose creation answer was lost instead of creating another', async () => {
    const issue = request(connection);
    const token = (
      (await (
        await fetch(`${stub.baseUrl}/auth/login`, {
          method: 'POST',
          body: JSON.stringify({ username: '0100233488', password: 'viettel-pass' }),
        })
      ).json()) as any
    ).access_token;
    const lost = await fetch(
      `${stub.baseUrl}/services/einvoiceapplication/api/InvoiceAPI/InvoiceWS/createInvoice/0100233488`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify(viettelInvoiceBody(issue.document, issue.transactionId, '1/001')),
      },
    );
    const lostNumber = Number(((await lost.json()) as any).result.invoiceNo.slice('C26TAA'.length));
    const calls = stub.createCalls();
    const result = await provider.issue(issue);
    expect(result.number).toBe(lostNumber);
    expect(stub.createCalls()).toBe(calls);
  });

  it('writes an adjustment with its direction and the original it adjusts', async () => {
    const lines = toInvoiceLines([
      { name: 'Mật ong rừng OCOP 4 sao, chai 500 ml', unit: 'Chai', quantity: -2, unitPrice: 150000, vatRate: 8 },
    ]);
    const document = {
      ...remoteDocument(),
      lines,
      totals: computeTotals(lines, 1),
      related: {
        relation: 'adjusts' as const,
        formNumber: 1,
        symbol: 'C26TAA',
        number: 1,
        issueDate: '2026-03-15',
        note: 'Khách trả 2 chai',
      },
    };
    const body = viettelInvoiceBody(document, randomUUID(), '1/001');
    expect(body.generalInvoiceInfo).toMatchObject({
      adjustmentType: '3',
      originalInvoiceId: 'C26TAA1',
      additionalReferenceDesc: 'Khách trả 2 chai',
    });
    expect(body.itemInfo[0]).toMatchObject({ quantity: 2, itemTotalAmountWithoutTax: 300000, isIncreaseItem: false });
    expect(body.summarizeInfo).toMatchObject({ totalAmountWithTax: 324000, isTotalAmountPos: false });
    expect(
      viettelInvoiceBody({ ...document, related: { ...document.related, relation: 'replaces' } }, 'x', '1/001')
        .generalInvoiceInfo.adjustmentType,
    ).toBe('5');
  });

  it('tells an outage (retry later) from a refusal (do not retry)', async () => {
    const refused = await rejection(
      provider.issue(request({ ...connection, credentials: { username: '0100233488', password: 'sai' } })),
    );
    expect(refused.retryable).toBe(false);
    expect(refused.message).not.toContain('sai');
    await stub.stop();
    try {
      const down = await rejection(provider.issue(request(connection)));
      expect(down.retryable).toBe(true);
    } finally {
      await stub.start();
    }
    await expect(provider.issue(request(connection))).resolves.toMatchObject({ number: expect.any(Number) });
  });
});

describe('VNPT Invoice adapter against a local SOAP stub', () => {
  let stub: VnptStub;
  let connection: ProviderConnection;
  const provider = new VnptInvoiceProvider();
  beforeAll(async () => {
    stub = await startVnptStub();
    connection = {
      baseUrl: stub.baseUrl,
      templateCode: '1/001',
      credentials: { account: 'htxadmin', accountPassword: 'ac-pass', username: 'htxservice', password: 'svc-pass' },
      timeoutMs: 2000,
    };
  });
  afterAll(() => stub.close());

  it('publishes through ImportAndPublishInv with the fkey and the circular’s line tags', async () => {
    const issue = request(connection);
    const result = await provider.issue(issue);
    expect(result).toMatchObject({ number: 1, symbol: 'C26TAA', providerTransactionId: issue.transactionId });
    const stored = stub.invoices.get(issue.transactionId);
    expect(stored).toMatchObject({ pattern: '1/001', serial: 'C26TAA', method: 'ImportAndPublishInv' });
    const data = stored?.data as any;
    expect(data).toMatchObject({
      CusName: 'Công ty TNHH Thực phẩm Sạch Miền Trung',
      CusTaxCode: '0312345673',
      ArisingDate: '15/03/2026',
      TgTTTBSo: '2586000',
    });
    expect(data.DSHHDVu.HHDVu[1]).toMatchObject({
      STT: '2',
      THHDVu: 'Phân bón hữu cơ vi sinh, bao 25 kg',
      DVTinh: 'Bao',
      SLuong: '4',
      DGia: '230000',
      ThTien: '920000',
      TSuat: '5%',
    });
  });

  it('is idempotent by fkey: a repeat is looked up, and the service itself refuses a duplicate', async () => {
    const issue = request(connection);
    const before = stub.publishCalls();
    const first = await provider.issue(issue);
    const again = await provider.issue(issue);
    expect(again.number).toBe(first.number);
    expect(stub.publishCalls() - before).toBe(1);
    expect([...stub.invoices.keys()].filter((key) => key === issue.transactionId)).toHaveLength(1);
  });

  it('replaces an invoice through BusinessService with the original fkey', async () => {
    const original = request(connection);
    await provider.issue(original);
    const replacement = request(connection, {
      relatedTransactionId: original.transactionId,
      document: {
        ...remoteDocument(),
        related: {
          relation: 'replaces',
          formNumber: 1,
          symbol: 'C26TAA',
          number: 1,
          issueDate: '2026-03-15',
          note: 'Sai mã số thuế người mua',
        },
      },
    });
    const result = await provider.issue(replacement);
    expect(stub.invoices.get(replacement.transactionId)).toMatchObject({
      method: 'replaceInv',
      relatedFkey: original.transactionId,
      number: result.number,
    });
  });

  it('retries when the service is down, not when the account is wrong', async () => {
    const wrong = await rejection(
      provider.issue(request({ ...connection, credentials: { ...connection.credentials, password: 'sai' } })),
    );
    expect(wrong.retryable).toBe(false);
    await stub.stop();
    try {
      expect((await rejection(provider.issue(request(connection)))).retryable).toBe(true);
    } finally {
      await stub.start();
    }
  });
});
