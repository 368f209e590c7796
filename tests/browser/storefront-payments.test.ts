import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { apiUrl, getJson, type OpenPage, openPage } from './pages.js';
import { TEST_BANK, TEST_VNPAY } from './payment-env.js';
import { addFromProductPage, fillCheckout, formatDong, orderApi, searchApi } from './shopping.js';

interface Payment {
  id: string;
  status: string;
  amount: number;
  reference: string;
}
interface StoredPayment {
  orderCode: string;
  paymentId: string;
  accessToken: string;
  method: string;
}

// The `vnpay` library the API verifies with, loaded from the API's own dependencies: the IPN and
// the return query are signed the way VNPay signs them.
const apiRequire = createRequire(resolve(fileURLToPath(new URL('.', import.meta.url)), '../../apps/api/package.json'));
const vnpayUtils = apiRequire('vnpay/utils') as {
  buildPaymentUrlSearchParams(data: Record<string, unknown>): URLSearchParams;
  calculateSecureHash(options: {
    secureSecret: string;
    data: string;
    hashAlgorithm: string;
    bufferEncode: string;
  }): string;
};

let browser: Browser;
const opened: OpenPage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  const methods = await getJson<{ method: string }[]>('/api/payments/methods');
  // The test API runs with VNPay and VietQR configured (see payment-env.ts).
  expect(methods.map((entry) => entry.method)).toEqual(expect.arrayContaining(['vnpay', 'vietqr', 'cod']));
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  const errors = opened.flatMap((handle) => handle.errors);
  await Promise.all(opened.splice(0).map((handle) => handle.context.close()));
  expect(errors).toEqual([]);
});

async function open(path: string): Promise<Page> {
  const handle = await openPage(browser);
  opened.push(handle);
  await handle.page.goto(path);
  return handle.page;
}

/** `yyyyMMddHHmmss` in Vietnam's time, as VNPay writes dates. */
function vnpayDate(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000);
  return local.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** What VNPay sends back (to the return URL and the IPN) for the payment it was asked for. */
function vnpayAnswer(asked: URLSearchParams, responseCode: string): Record<string, string> {
  const answer: Record<string, string> = {
    vnp_Amount: asked.get('vnp_Amount') ?? '',
    vnp_BankCode: 'NCB',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: asked.get('vnp_OrderInfo') ?? '',
    vnp_PayDate: vnpayDate(new Date()),
    vnp_ResponseCode: responseCode,
    vnp_TmnCode: asked.get('vnp_TmnCode') ?? '',
    vnp_TransactionNo: String(14_000_000 + Math.floor(Math.random() * 1_000_000)),
    vnp_TransactionStatus: responseCode === '00' ? '00' : '02',
    vnp_TxnRef: asked.get('vnp_TxnRef') ?? '',
  };
  const signed = vnpayUtils.buildPaymentUrlSearchParams(answer).toString();
  const hash = vnpayUtils.calculateSecureHash({
    secureSecret: TEST_VNPAY.secret,
    data: signed,
    hashAlgorithm: 'sha512',
    bufferEncode: 'utf-8',
  });
  return { ...answer, vnp_SecureHash: hash };
}

/**
 * Stands in for VNPay's payment page: checks what the storefront was sent there with, then sends
 * the browser back to the return URL with VNPay's signed answer. Resolves to that answer, which
 * the test then delivers as VNPay's server-to-server IPN.
 */
function actAsVnpay(page: Page, responseCode: string): Promise<Record<string, string>> {
  return new Promise((resolveAnswer) => {
    void page.route(`${TEST_VNPAY.host}/**`, async (route) => {
      const asked = new URL(route.request().url()).searchParams;
      expect(asked.get('vnp_TmnCode')).toBe(TEST_VNPAY.tmnCode);
      expect(new URL(asked.get('vnp_ReturnUrl') ?? '').pathname).toBe('/thanh-toan/vnpay');
      const answer = vnpayAnswer(asked, responseCode);
      await route.fulfill({
        status: 302,
        headers: { location: `${asked.get('vnp_ReturnUrl')}?${new URLSearchParams(answer)}` },
      });
      resolveAnswer(answer);
    });
  });
}

async function sendIpn(answer: Record<string, string>): Promise<{ RspCode: string }> {
  return getJson<{ RspCode: string }>(`/api/payments/vnpay/ipn?${new URLSearchParams(answer)}`);
}

async function storedPayments(page: Page): Promise<StoredPayment[]> {
  return JSON.parse((await page.evaluate(() => localStorage.getItem('ocop.payments'))) ?? '[]') as StoredPayment[];
}

async function paymentApi(stored: StoredPayment): Promise<Payment> {
  const response = await fetch(apiUrl(`/api/payments/${stored.paymentId}`), {
    headers: { 'X-Payment-Token': stored.accessToken },
  });
  if (!response.ok) throw new Error(`GET /api/payments answered ${response.status}`);
  return (await response.json()) as Payment;
}

/** Fills the cart with one product and the checkout form, choosing `method`, ready to place. */
async function readyToPay(page: Page, query: string, methodLabel: string): Promise<void> {
  await addFromProductPage(page, (await searchApi({ q: query })).items[0]!.slug);
  await page.goto('/thanh-toan');
  await page.getByRole('heading', { level: 1, name: 'Đặt hàng' }).waitFor();
  await fillCheckout(page);
  await page.getByLabel(methodLabel).check();
}

describe('storefront payments', () => {
  it('pays with VNPay: back from VNPay the page waits for the IPN, then shows the order paid', async () => {
    const page = await open('/');
    await readyToPay(page, 'mat ong', 'VNPay');
    const vnpay = actAsVnpay(page, '00');
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    const answer = await vnpay;

    await page.waitForURL((url) => url.pathname === '/thanh-toan/vnpay');
    await page.getByTestId('vnpay-message').getByText('VNPay báo giao dịch thành công', { exact: false }).waitFor();
    // The browser's word is not proof: until VNPay's server confirms, the payment is still pending.
    const status = page.getByTestId('payment-status');
    await expect(status.getAttribute('data-status')).resolves.toBe('pending');
    const [stored] = await storedPayments(page);
    await expect(paymentApi(stored!)).resolves.toMatchObject({ status: 'pending' });

    await expect(sendIpn(answer)).resolves.toMatchObject({ RspCode: '00' });
    await page.locator('[data-testid="payment-status"][data-status="succeeded"]').waitFor();
    await status.getByText('Đã thanh toán').waitFor();

    await page.getByTestId('vnpay-order-link').click();
    await page.getByRole('heading', { level: 1, name: `Đơn hàng ${stored!.orderCode}` }).waitFor();
    const token = new URL(page.url()).searchParams.get('token')!;
    const order = await orderApi(stored!.orderCode, token);
    expect(order.sellerOrders.every((sellerOrder) => sellerOrder.status === 'paid')).toBe(true);
    await expect(page.getByTestId('seller-order-status').allTextContents()).resolves.toEqual(
      order.sellerOrders.map(() => 'Đã thanh toán'),
    );

    // The demo sellers invoice on payment: the outbox worker issues one invoice per seller order,
    // and the order page links to each.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: `Đơn hàng ${stored!.orderCode}` }).waitFor();
          return page.getByTestId('invoice-link').count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(order.sellerOrders.length);
    const invoiceUrl = await page.getByTestId('invoice-link').first().getAttribute('href');
    const invoicePage = await page.context().request.get(invoiceUrl!, { headers: { accept: 'text/html' } });
    expect(invoicePage.status()).toBe(200);
    expect(await invoicePage.text()).toContain(order.sellerOrders[0]!.organisationName);
  });

  it('explains a failed VNPay payment, then pays again by VietQR with a live status until the transfer arrives', async () => {
    const page = await open('/');
    await readyToPay(page, 'hoi', 'VNPay');
    const vnpay = actAsVnpay(page, '24');
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    const answer = await vnpay;
    await page.waitForURL((url) => url.pathname === '/thanh-toan/vnpay');
    await page
      .getByTestId('vnpay-message')
      .getByText('VNPay báo giao dịch không thành công.', { exact: false })
      .waitFor();
    await expect(sendIpn(answer)).resolves.toMatchObject({ RspCode: '00' });

    // What happened, in the buyer's words, and how to go on.
    const failure = page.getByTestId('payment-failure');
    await expect(failure.textContent()).resolves.toBe('Bạn đã hủy giao dịch trên trang VNPay.');
    await page.getByTestId('vnpay-order-link').click();
    const retry = page.getByTestId('pay-again');
    await retry.waitFor();
    await page.getByTestId('payment-failure').waitFor();

    await retry.getByLabel('Chuyển khoản VietQR').check();
    await retry.getByRole('button', { name: 'Thanh toán' }).click();
    const qr = page.getByTestId('vietqr');
    await qr.waitFor();
    const [latest] = await storedPayments(page);
    expect(latest!.method).toBe('vietqr');
    const payment = await paymentApi(latest!);
    expect(payment.status).toBe('pending');
    const token = new URL(page.url()).searchParams.get('token')!;
    const order = await orderApi(latest!.orderCode, token);
    expect(payment.amount).toBe(order.grandTotal);

    // The code, the amount and the reference the transfer must carry, as the API issued them.
    await expect(qr.getByTestId('vietqr-amount').textContent()).resolves.toContain(formatDong(payment.amount));
    await expect(qr.getByTestId('vietqr-reference').textContent()).resolves.toContain(payment.reference);
    await qr.getByText(TEST_BANK.accountNumber).waitFor();
    const image = qr.getByRole('img');
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
    await page.getByText('Trang sẽ tự cập nhật khi nhận được tiền.').waitFor();

    // The bank feed reports the transfer; the page turns to paid by itself.
    const notified = await fetch(apiUrl('/api/payments/bank-transfers/webhook'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Apikey ${TEST_BANK.webhookKey}` },
      body: JSON.stringify({
        id: `browser-${payment.reference}`,
        gateway: 'Vietcombank',
        accountNumber: TEST_BANK.accountNumber,
        content: `MBVCB.3278907687.${payment.reference}.CT tu 0912345678`,
        transferType: 'in',
        transferAmount: payment.amount,
      }),
    });
    expect(notified.status).toBe(200);
    await expect(notified.json()).resolves.toMatchObject({ success: true, outcome: 'captured' });
    await page.locator('[data-testid="payment-status"][data-status="succeeded"]').waitFor();
    await expect
      .poll(() => page.getByTestId('seller-order-status').allTextContents())
      .toEqual(order.sellerOrders.map(() => 'Đã thanh toán'));
  });
});
