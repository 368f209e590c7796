import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { apiUrl, type OpenPage } from './pages.js';
import { TEST_BANK } from './payment-env.js';
import { type ApiSession, callApi, openSignedIn, signInThroughApi } from './sessions.js';
import { formatDong } from './shopping.js';

// Each role signs in once for the whole file: the sign-in route is rate limited per address.
const SELLER = { login: 'htx@ocop.demo', password: 'htx-dongkinh-2026' };
const ADMIN = { login: 'quantri@ocop.demo', password: 'quantri-2026' };
const DESKTOP = { width: 1280, height: 900 };
/** Keeps names unique when the file runs twice against the same data. */
const RUN = Date.now().toString(36).slice(-5).toUpperCase();

interface SellerProduct {
  id: string;
  variants: { id: string }[];
}
interface SellerOrder {
  id: string;
  code: string;
  status: string;
  total: number;
  lines: { id: string; batchCode?: string | null }[];
  recipient?: { name: string; phone: string; streetAddress: string; communeName: string; provinceName: string };
}
interface CheckoutAnswer {
  order: { code: string; grandTotal: number; sellerOrders: SellerOrder[] };
  payment: { id: string; action: { vietqr?: { reference: string } } } | null;
}

let browser: Browser;
let sellerSession: ApiSession;
let seller: OpenPage;
let admin: (OpenPage & { accessToken: string }) | undefined;

/** The platform admin's page, signed in once for the file: the sign-in route is rate limited. */
async function adminPage(): Promise<OpenPage & { accessToken: string }> {
  if (!admin) {
    const session = await signInThroughApi(ADMIN);
    admin = { ...(await openSignedIn(browser, session, '/admin/accounts', DESKTOP)), accessToken: session.accessToken };
  }
  return admin;
}

beforeAll(async () => {
  browser = await launchChromium();
  sellerSession = await signInThroughApi(SELLER);
  seller = await openSignedIn(browser, sellerSession, '/admin/orders', DESKTOP);
});

afterAll(async () => {
  await seller?.context.close();
  await admin?.context.close();
  await browser?.close();
});

afterEach(() => {
  expect(seller.errors.splice(0)).toEqual([]);
  expect(admin?.errors.splice(0) ?? []).toEqual([]);
});

/** Runs `action` and returns the API's answer to the first request it causes that matches. */
async function answerTo(page: Page, method: string, path: RegExp, action: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate) => candidate.request().method() === method && path.test(new URL(candidate.url()).pathname),
    ),
    action(),
  ]);
  return response;
}

function vietnamDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(date);
}

/** A published product of the demo seller and a guest's order of it, paid with `paymentMethod`. */
async function placeOrder(name: string, sku: string, paymentMethod: 'cod' | 'vietqr') {
  const token = sellerSession.accessToken;
  const product = await callApi<SellerProduct>('POST', '/api/seller/products', {
    token,
    body: {
      name,
      categoryCode: 'gao-ngu-coc',
      variants: [{ label: 'Gói 500 g', sku, price: 95_000, stock: 20, weightGrams: 500 }],
    },
  });
  await callApi('POST', `/api/seller/products/${product.id}/publish`, { token });
  const cart = await callApi<{ cartToken: string }>('POST', '/api/cart/lines', {
    body: { variantId: product.variants[0]!.id, quantity: 1 },
  });
  const checkout = await callApi<CheckoutAnswer>('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken },
    body: {
      buyer: { name: 'Lương Thị Hạnh', phone: '0912345678', email: 'hanh@example.vn' },
      delivery: {
        recipientName: 'Lương Thị Hạnh',
        recipientPhone: '0912 345 678',
        streetAddress: `Số ${RUN} đường Trần Đăng Ninh`,
        communeCode: '00004',
      },
      invoice: { name: 'Lương Thị Hạnh' },
      paymentMethod,
    },
  });
  return { product, checkout, sellerOrder: checkout.order.sellerOrders[0]! };
}

describe('what a seller sees of an order', () => {
  it('records the batch of a line, packs the order, and prints a slip with the address and the batch code', async () => {
    const { product, sellerOrder } = await placeOrder(`Miến dong Bình Liêu ${RUN}`, `MIEN-${RUN}`, 'cod');
    const batch = await callApi<{ id: string; code: string }>('POST', '/api/seller/batches', {
      token: sellerSession.accessToken,
      body: {
        productId: product.id,
        lot: `MD-${RUN}`,
        producedOn: vietnamDate(-3),
        quantity: 40,
        unit: 'kg',
        originCommuneCode: '06253',
      },
    });
    const page = seller.page;
    await page.goto(`/admin/orders/${sellerOrder.id}`);
    await page.getByRole('heading', { level: 1, name: `Đơn hàng ${sellerOrder.code}` }).waitFor();
    const recipient = page.getByTestId('order-recipient');
    await recipient.getByText('Lương Thị Hạnh').waitFor();
    await expect(recipient.textContent()).resolves.toContain(`Số ${RUN} đường Trần Đăng Ninh`);
    await expect(page.getByTestId('order-payment').textContent()).resolves.toContain('Thu tiền khi giao (COD)');

    // Before the order is accepted there is nothing to pack, so no batch to choose.
    await expect(page.getByTestId('line-batch').textContent()).resolves.toBe('Chưa ghi lô');
    await page.getByRole('button', { name: 'Nhận đơn thu tiền khi giao' }).click();
    await page.getByTestId('order-status').getByText('Đã nhận đơn (thu tiền khi giao)', { exact: true }).waitFor();

    const select = page.getByLabel(`Lô hàng của Miến dong Bình Liêu ${RUN}`);
    await expect(select.locator('option').allTextContents()).resolves.toEqual([
      '— Chưa chọn lô —',
      expect.stringContaining(`Lô MD-${RUN} · mã ${batch.code} · SX `),
    ]);
    await select.selectOption(batch.id);
    const saved = await answerTo(page, 'PUT', new RegExp(`/lines/${sellerOrder.lines[0]!.id}/batch$`), () =>
      page.getByRole('button', { name: 'Lưu lô' }).click(),
    );
    expect(saved.status()).toBe(200);
    await page.getByText('Đã lưu lô hàng.').waitFor();
    await expect(page.getByTestId('line-batch').textContent()).resolves.toBe(`Lô MD-${RUN} · mã ${batch.code}`);

    await page.getByRole('button', { name: 'Đã đóng gói xong' }).click();
    await page.getByTestId('order-status').getByText('Đã đóng gói', { exact: true }).waitFor();
    const stored = await callApi<SellerOrder>('GET', `/api/seller/orders/${sellerOrder.id}`, {
      token: sellerSession.accessToken,
    });
    expect(stored.lines[0]!.batchCode).toBe(batch.code);

    await page.getByRole('link', { name: 'In phiếu đóng gói' }).click();
    await expect(page.getByTestId('slip-code').textContent()).resolves.toBe(sellerOrder.code);
    const slipRecipient = await page.getByTestId('slip-recipient').textContent();
    const address = stored.recipient!;
    for (const part of [
      'Lương Thị Hạnh',
      '0912345678',
      `Số ${RUN} đường Trần Đăng Ninh, ${address.communeName}, ${address.provinceName}`,
    ]) {
      expect(slipRecipient).toContain(part);
    }
    await expect(page.getByTestId('slip-batch').textContent()).resolves.toBe(`MD-${RUN} · ${batch.code}`);
  });

  it('warns the seller that a VietQR transfer came in short, and shows it to the platform admin', async () => {
    const { checkout, sellerOrder } = await placeOrder(`Thạch đen Tràng Định ${RUN}`, `THACH-${RUN}`, 'vietqr');
    const reference = checkout.payment!.action.vietqr!.reference;
    const notified = await fetch(apiUrl('/api/payments/bank-transfers/webhook'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Apikey ${TEST_BANK.webhookKey}` },
      body: JSON.stringify({
        id: `browser-short-${reference}`,
        gateway: 'Vietcombank',
        accountNumber: TEST_BANK.accountNumber,
        content: `MBVCB.3278907687.${reference}.CT tu 0912345678`,
        transferType: 'in',
        transferAmount: checkout.order.grandTotal - 20_000,
      }),
    });
    expect(notified.status).toBe(200);

    const page = seller.page;
    await page.goto(`/admin/orders/${sellerOrder.id}`);
    const warning = page.getByTestId('payment-flag-underpaid');
    await warning.getByText(`Khách chuyển thiếu ${formatDong(20_000)}.`).waitFor();
    await expect(warning.textContent()).resolves.toContain('chưa đóng gói');
    await expect(page.getByTestId('payment-received').textContent()).resolves.toBe(
      formatDong(checkout.order.grandTotal - 20_000),
    );
    await page.goto('/admin/orders');
    const row = page.getByTestId('orders-table').getByRole('row', { name: new RegExp(sellerOrder.code) });
    await expect(row.getByTestId('order-payment-flags').textContent()).resolves.toBe('Chuyển thiếu');

    const { page: adminView } = await adminPage();
    await adminView.getByRole('link', { name: 'Thanh toán cần xử lý' }).click();
    await adminView.getByRole('heading', { level: 1, name: 'Thanh toán cần xử lý' }).waitFor();
    const attention = adminView
      .getByTestId('attention-table')
      .getByRole('row', { name: new RegExp(`${checkout.order.code}.*${reference}`) });
    await attention.getByText('Chuyển thiếu').waitFor();
    await expect(attention.textContent()).resolves.toContain(formatDong(checkout.order.grandTotal - 20_000));
  });

  it('a refund no provider can send is recorded by the platform admin with the transfer reference', async () => {
    const { checkout, sellerOrder } = await placeOrder(`Hồi khô Văn Quan ${RUN}`, `HOI-${RUN}`, 'vietqr');
    const reference = checkout.payment!.action.vietqr!.reference;
    const paid = await fetch(apiUrl('/api/payments/bank-transfers/webhook'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Apikey ${TEST_BANK.webhookKey}` },
      body: JSON.stringify({
        id: `browser-full-${reference}`,
        gateway: 'Vietcombank',
        accountNumber: TEST_BANK.accountNumber,
        content: `MBVCB.3278907688.${reference}.CT tu 0912345678`,
        transferType: 'in',
        transferAmount: checkout.order.grandTotal,
      }),
    });
    expect(paid.status).toBe(200);
    // The seller cancels the paid order: the money is owed back, and a transfer cannot be refunded by an API.
    await callApi('POST', `/api/seller/orders/${sellerOrder.id}/cancel`, {
      token: sellerSession.accessToken,
      body: {},
    });

    const { page, accessToken } = await adminPage();
    await page.goto('/admin/payments');
    // This order's refund: its amount, still to be sent.
    const row = page
      .getByTestId('refunds-table')
      .locator('tbody tr')
      .filter({ hasText: formatDong(sellerOrder.total) })
      .filter({ hasText: 'Cần chuyển thủ công' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Đã chuyển trả' }).click();
    const dialog = page.getByTestId('refund-dialog');
    await dialog.getByRole('button', { name: 'Xác nhận đã chuyển' }).click();
    await dialog.getByText('Vui lòng nhập mã giao dịch (ít nhất 3 ký tự).').waitFor();

    await dialog.getByLabel('Mã giao dịch chuyển trả').fill(`FT26327${RUN}`);
    await dialog.getByRole('button', { name: 'Xác nhận đã chuyển' }).click();
    await expect(page.getByTestId('refund-done').textContent()).resolves.toBe(
      `Đã ghi nhận hoàn ${formatDong(sellerOrder.total)} (mã FT26327${RUN}).`,
    );
    await row.waitFor({ state: 'detached' });
    const detail = await callApi<{ amountToRefund: number; amountRefunded: number }>(
      'GET',
      `/api/payments/${checkout.payment!.id}/detail`,
      { token: accessToken },
    );
    expect(detail).toMatchObject({ amountToRefund: 0, amountRefunded: sellerOrder.total });
  });
});
