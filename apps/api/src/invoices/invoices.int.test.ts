import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { demoSeller, inTransaction, orderCommand, services, sql } from './testing/invoice-fixtures.js';
import { makeTestCertificate, type TestCertificate } from './testing/test-certificate.js';
import { readInvoiceXml } from './xml/invoice-xml-reader.js';
import { verifyInvoiceXml } from './xml/xml-signature.js';

const SECRET_VALUES = ['viettel-mat-khau-bi-mat', 'vnpt-ac-pass-bi-mat', 'vnpt-svc-pass-bi-mat'];

describe('e-invoices over HTTP', () => {
  let api: TestApp;
  let seller: string;
  let organisationId: string;
  let certificate: TestCertificate;
  const seen: string[] = [];
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await api.request(method, path, { body, token: token ?? seller });
    seen.push(typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? ''));
    return response;
  };

  beforeAll(async () => {
    api = await startTestApp();
    seller = await api.tokenFor('seller_member');
    organisationId = await demoSeller(api);
    certificate = makeTestCertificate();
  });
  afterAll(() => api.close());

  it('starts unconfigured, validates the symbol, and stores the settings', async () => {
    const empty = await call('GET', '/api/seller/invoice-settings');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      configured: false,
      issueTrigger: 'on_delivery',
      hasCredentials: false,
      certificate: null,
    });

    for (const symbol of ['C26XAA', '26TAA', 'C26TA', '3C26TAA']) {
      const bad = await call('PUT', '/api/seller/invoice-settings', {
        provider: 'builtin',
        symbol,
        issueTrigger: 'on_payment',
      });
      expect(bad.status, symbol).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('symbol');
    }
    const mismatch = await call('PUT', '/api/seller/invoice-settings', {
      provider: 'builtin',
      formNumber: 2,
      symbol: '1C26TAA',
      issueTrigger: 'on_payment',
    });
    expect(mismatch.status).toBe(400);

    const saved = await call('PUT', '/api/seller/invoice-settings', {
      provider: 'builtin',
      symbol: '1c26taa',
      issueTrigger: 'on_payment',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      configured: true,
      provider: 'builtin',
      formNumber: 1,
      symbol: 'C26TAA',
      displaySymbol: '1C26TAA',
      issueTrigger: 'on_payment',
    });
  });

  it('keeps provider credentials encrypted and never returns them', async () => {
    const viettel = await call('PUT', '/api/seller/invoice-settings', {
      provider: 'viettel',
      symbol: 'C26TAA',
      issueTrigger: 'on_payment',
      providerBaseUrl: 'http://127.0.0.1:9/',
      credentials: { username: '0100233488', password: SECRET_VALUES[0] },
    });
    expect(viettel.status).toBe(200);
    expect(viettel.body).toMatchObject({
      provider: 'viettel',
      hasCredentials: true,
      providerBaseUrl: 'http://127.0.0.1:9',
    });
    expect(viettel.body.credentials).toBeUndefined();

    const missing = await call('PUT', '/api/seller/invoice-settings', {
      provider: 'vnpt',
      symbol: 'C26TAA',
      issueTrigger: 'on_payment',
      providerBaseUrl: 'http://127.0.0.1:9',
      credentials: { account: 'htx', accountPassword: SECRET_VALUES[1] },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields[0].field).toBe('credentials.username');

    const vnpt = await call('PUT', '/api/seller/invoice-settings', {
      provider: 'vnpt',
      symbol: 'C26TAA',
      issueTrigger: 'on_delivery',
      providerBaseUrl: 'http://127.0.0.1:9',
      credentials: { account: 'htx', accountPassword: SECRET_VALUES[1], username: 'svc', password: SECRET_VALUES[2] },
    });
    expect(vnpt.body).toMatchObject({ provider: 'vnpt', hasCredentials: true });

    // Saving again without credentials keeps them; null removes them.
    const kept = await call('PUT', '/api/seller/invoice-settings', {
      provider: 'vnpt',
      symbol: 'C26TAA',
      issueTrigger: 'on_delivery',
      providerBaseUrl: 'http://127.0.0.1:9',
    });
    expect(kept.body.hasCredentials).toBe(true);
    expect((await call('GET', '/api/seller/invoice-settings')).body.hasCredentials).toBe(true);

    const [row] = await sql<{ credentials_sealed: string }>(
      api,
      'SELECT credentials_sealed FROM invoice_settings WHERE organisation_id = $1',
      [organisationId],
    );
    expect(row?.credentials_sealed).toMatch(/^v1\./);
    for (const secret of SECRET_VALUES) expect(row?.credentials_sealed).not.toContain(secret);

    const removed = await call('PUT', '/api/seller/invoice-settings', {
      provider: 'builtin',
      symbol: 'C26TAA',
      issueTrigger: 'on_payment',
      credentials: null,
    });
    expect(removed.body).toMatchObject({ provider: 'builtin', hasCredentials: false });
  });

  it('accepts a signing certificate as .p12 or PEM, and refuses a wrong password', async () => {
    const wrong = await call('PUT', '/api/seller/invoice-settings/certificate', {
      pkcs12Base64: certificate.pkcs12.toString('base64'),
      password: 'sai',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('certificate_wrong_password');

    const pem = await call('PUT', '/api/seller/invoice-settings/certificate', {
      certificatePem: certificate.certificatePem,
      privateKeyPem: certificate.privateKeyPem,
    });
    expect(pem.status).toBe(200);

    const uploaded = await call('PUT', '/api/seller/invoice-settings/certificate', {
      pkcs12Base64: certificate.pkcs12.toString('base64'),
      password: certificate.pkcs12Password,
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.certificate).toMatchObject({
      subject: expect.stringContaining('CN=HTX Nong san Dong Kinh'),
      validTo: expect.any(String),
    });
    expect(JSON.stringify(uploaded.body)).not.toContain('PRIVATE KEY');
  });

  it('issues a signed invoice that the buyer reads by its code as JSON, HTML, PDF and XML', async () => {
    const { invoices, worker } = services(api);
    const command = orderCommand(organisationId);
    const requested = await inTransaction(api, (manager) => invoices.requestInvoice(manager, command));
    expect(requested).toMatchObject({
      status: 'queued',
      created: true,
      lookupCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
    });
    expect(await inTransaction(api, (manager) => invoices.requestInvoice(manager, command))).toMatchObject({
      invoiceId: requested.invoiceId,
      created: false,
    });

    const waiting = await api.request('GET', `/api/invoices/lookup/${requested.lookupCode}`);
    expect(waiting.body).toMatchObject({ status: 'queued', number: null, links: { xml: null } });

    expect(await worker.runOnce()).toMatchObject({ claimed: 1, done: 1 });

    const code = requested.lookupCode.toLowerCase();
    const summary = await api.request('GET', `/api/invoices/lookup/${code}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      status: 'issued',
      kind: 'original',
      displaySymbol: expect.stringMatching(/^1C\d{2}TAA$/),
      number: 1,
      seller: { name: 'Hợp tác xã Nông sản Đông Kinh', taxCode: '0100233488' },
      buyer: { name: 'Nguyễn Thu Trang' },
      totalsByRate: [
        { rate: '10%', taxableAmount: 750000, vatAmount: 75000 },
        { rate: '5%', taxableAmount: 500000, vatAmount: 25000 },
      ],
      totalBeforeVat: 1250000,
      totalVat: 100000,
      totalPayable: 1350000,
      amountInWords: 'Một triệu ba trăm năm mươi nghìn đồng',
      signed: true,
      signedBy: expect.stringContaining('HTX Nong san Dong Kinh'),
    });
    expect(summary.body.buyer.email).toBeUndefined();
    expect(summary.headers.get('cache-control')).toBe('no-store');

    const html = await fetch(`${api.baseUrl}/api/invoices/lookup/${code}`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).toContain('HÓA ĐƠN GIÁ TRỊ GIA TĂNG');
    expect(page).toContain('1.350.000');
    expect(page).toContain(requested.lookupCode);

    const pdf = await fetch(`${api.baseUrl}/api/invoices/lookup/${code}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const xml = await fetch(`${api.baseUrl}/api/invoices/lookup/${code}/xml`);
    expect(xml.headers.get('content-type')).toContain('application/xml');
    const text = await xml.text();
    expect(verifyInvoiceXml(text, certificate.certificatePem).valid).toBe(true);
    expect(
      verifyInvoiceXml(
        text.replace('<TgTTTBSo>1350000</TgTTTBSo>', '<TgTTTBSo>1350001</TgTTTBSo>'),
        certificate.certificatePem,
      ).valid,
    ).toBe(false);
    const parsed = readInvoiceXml(text).HDon.DLHDon;
    expect(parsed.TTChung).toMatchObject({ KHMSHDon: '1', SHDon: '1', MSTTCGP: '0100233488', HTTToan: 'Chuyển khoản' });
    expect(parsed.NDHDon.NBan).toMatchObject({
      MST: '0100233488',
      DChi: expect.stringContaining('Số 12 đường Bà Triệu'),
    });

    expect((await api.request('GET', '/api/invoices/lookup/AAAA-BBBB-CCCC')).status).toBe(404);
    expect((await api.request('GET', '/api/invoices/lookup/not-a-code')).status).toBe(404);
  });

  it('lists the seller’s invoices, hides other organisations’ ones, and retries a failed one', async () => {
    const { invoices, worker } = services(api);
    const list = await call('GET', '/api/seller/invoices?status=issued');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      status: 'issued',
      number: 1,
      displaySymbol: expect.stringMatching(/^1C\d{2}TAA$/),
      totalPayable: 1350000,
    });

    // A seller with no tax code cannot issue: the invoice waits, and fails for good only when retries run out.
    await sql(api, 'UPDATE organisations SET tax_code = NULL WHERE id = $1', [organisationId]);
    const requested = await inTransaction(api, (manager) =>
      invoices.requestInvoice(manager, orderCommand(organisationId)),
    );
    await worker.runOnce();
    const waiting = await call('GET', `/api/seller/invoices/${requested.invoiceId}`);
    expect(waiting.body).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'Người bán chưa khai báo mã số thuế',
      nextAttemptAt: expect.any(String),
    });
    await sql(api, "UPDATE invoices SET status = 'failed' WHERE id = $1", [requested.invoiceId]);
    await sql(api, "UPDATE outbox_messages SET failed_at = now() WHERE idempotency_key = 'invoice.issue:' || $1", [
      requested.invoiceId,
    ]);

    await demoSeller(api);
    const retried = await call('POST', `/api/seller/invoices/${requested.invoiceId}/retry`);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0, lastError: null });
    await worker.runOnce();
    expect((await call('GET', `/api/seller/invoices/${requested.invoiceId}`)).body).toMatchObject({
      status: 'issued',
      number: 2,
    });
    expect((await call('POST', `/api/seller/invoices/${requested.invoiceId}/retry`)).status).toBe(409);

    // Another organisation's seller sees none of it.
    const [other] = await sql<{ id: string }>(
      api,
      "INSERT INTO organisations (name, status, legal_type) VALUES ('HTX Khác', 'approved', 'cooperative') RETURNING id",
    );
    const signUp = await api.request('POST', '/api/auth/sign-up', {
      body: { email: 'khac@example.vn', fullName: 'Người Khác', password: 'mat-khau-rat-dai-1' },
    });
    await sql(api, "UPDATE users SET role = 'seller_member', organisation_id = $1 WHERE email = 'khac@example.vn'", [
      other?.id,
    ]);
    const otherToken = signUp.body.accessToken;
    expect((await call('GET', `/api/seller/invoices/${requested.invoiceId}`, undefined, otherToken)).status).toBe(404);
    expect(
      (await call('POST', `/api/seller/invoices/${requested.invoiceId}/retry`, undefined, otherToken)).status,
    ).toBe(404);
    expect((await call('GET', '/api/seller/invoices', undefined, otherToken)).body).toEqual({ items: [], total: 0 });
    expect((await call('GET', `/api/seller/invoices/${randomUUID()}`)).status).toBe(404);
  });

  it('refuses other roles and anonymous callers on seller routes', async () => {
    const buyer = await api.tokenFor('buyer');
    expect((await api.request('GET', '/api/seller/invoice-settings', { token: buyer })).status).toBe(403);
    expect((await api.request('GET', '/api/seller/invoices')).status).toBe(401);
  });

  it('never shows a credential or a private key in any response', () => {
    const everything = seen.join('\n');
    for (const secret of SECRET_VALUES) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toContain(certificate.pkcs12.toString('base64').slice(0, 40));
  });
});
