import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import type { OpenPage } from './pages.js';
import { TEST_BANK } from './payment-env.js';
import { type ApiSession, callApi, openSignedIn, signInThroughApi } from './sessions.js';
import { type Cart, type CheckoutResult, productApi, searchApi } from './shopping.js';

const OFFICER = { login: 'canbo@ocop.demo', password: 'canbo-2026' };
const DESKTOP = { width: 1280, height: 900 };
/** Paid orders change it: non-cash payments over all payments, by count. */
const PAYMENTS_KPI = 'payments.non_cash_share_by_count';

// The workbook library the API writes the report with, loaded from the API's own dependencies.
const apiRequire = createRequire(resolve(fileURLToPath(new URL('.', import.meta.url)), '../../apps/api/package.json'));
interface Worksheet {
  eachRow(callback: (row: { values: unknown[] }) => void): void;
}
const ExcelJS = apiRequire('exceljs') as {
  Workbook: new () => { xlsx: { load(data: Buffer): Promise<unknown> }; worksheets: Worksheet[] };
};

interface StartedPayment {
  id: string;
  accessToken: string;
}
interface Payment {
  id: string;
  status: string;
  amount: number;
  reference: string;
}

let browser: Browser;
let officerSession: ApiSession;
let officer: OpenPage;

beforeAll(async () => {
  browser = await launchChromium();
  officerSession = await signInThroughApi(OFFICER);
  officer = await openSignedIn(browser, officerSession, '/admin/kpi', DESKTOP);
  // The first load trades the refresh token for a new one; a reload before it finished would
  // present the old one again, which the API treats as stolen.
  await officer.page.getByTestId('kpi-summary').waitFor();
});

afterAll(async () => {
  await officer?.context.close();
  await browser?.close();
});

afterEach(() => {
  expect(officer.errors.splice(0)).toEqual([]);
});

/** `1.234` as the Vietnamese page prints it, back to a number. */
function readNumber(text: string | null): number {
  const value = Number((text ?? '').trim().replace(/\./g, '').replace(',', '.'));
  if (Number.isNaN(value)) throw new Error(`Not a number: ${text}`);
  return value;
}

/** The numerator and denominator the dashboard shows for a KPI, as the officer reads them. */
async function shownFraction(page: Page, kpiId: string): Promise<{ numerator: number; denominator: number }> {
  const card = page.locator(`[data-testid="kpi-card"][data-kpi-id="${kpiId}"]`);
  await card.waitFor();
  return {
    numerator: readNumber(await card.getByTestId('kpi-numerator').textContent()),
    denominator: readNumber(await card.getByTestId('kpi-denominator').textContent()),
  };
}

async function openDashboard(page: Page): Promise<void> {
  await page.goto('/admin/kpi');
  await page.getByRole('heading', { level: 1, name: 'Chỉ tiêu kế hoạch' }).waitFor();
  await page.getByTestId('kpi-summary').waitFor();
}

/**
 * A buyer orders the first in-stock variant of a product and pays by VietQR; the bank feed then
 * reports the transfer, as the bank does, so the payment succeeds.
 */
async function placeAndPayByTransfer(): Promise<Payment> {
  const product = await productApi((await searchApi({ q: 'mat ong' })).items[0]!.slug);
  const variant = product.variants.find((candidate) => candidate.inStock) ?? product.variants[0]!;
  const cart = await callApi<Cart>('POST', '/api/cart/lines', { body: { variantId: variant.id, quantity: 1 } });
  const checkout = await callApi<CheckoutResult & { payment: StartedPayment | null; paymentError: string | null }>(
    'POST',
    '/api/checkout',
    {
      headers: { 'X-Cart-Token': cart.cartToken! },
      body: {
        buyer: { name: 'Lương Thị Hoa', phone: '0987 111 222' },
        delivery: {
          recipientName: 'Lương Thị Hoa',
          recipientPhone: '0987 111 222',
          streetAddress: 'Số 12 đường Lê Lợi',
          communeCode: '05977',
        },
        invoice: { name: 'Lương Thị Hoa' },
        paymentMethod: 'vietqr',
      },
    },
  );
  expect(checkout.paymentError).toBeNull();
  const started = checkout.payment!;
  const payment = await callApi<Payment>('GET', `/api/payments/${started.id}`, {
    headers: { 'X-Payment-Token': started.accessToken },
  });
  expect(payment.status).toBe('pending');
  const notified = await callApi<{ success: boolean; outcome: string }>(
    'POST',
    '/api/payments/bank-transfers/webhook',
    {
      headers: { Authorization: `Apikey ${TEST_BANK.webhookKey}` },
      body: {
        id: `kpi-browser-${payment.reference}`,
        gateway: 'Vietcombank',
        accountNumber: TEST_BANK.accountNumber,
        content: `MBVCB.5512340987.${payment.reference}.CT tu 0987111222`,
        transferType: 'in',
        transferAmount: payment.amount,
      },
    },
  );
  expect(notified).toMatchObject({ success: true, outcome: 'captured' });
  return callApi<Payment>('GET', `/api/payments/${started.id}`, {
    headers: { 'X-Payment-Token': started.accessToken },
  });
}

describe('KPI dashboard', () => {
  it('shows a paid order in the non-cash payments KPI and lists it among the records counted', async () => {
    const page = officer.page;
    await openDashboard(page);
    // The current year in Vietnam is the default period.
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date());
    await expect(page.getByTestId('kpi-period').textContent()).resolves.toContain(`Kỳ ${year}`);
    await page.getByTestId('active-seller-definition').getByText('Thế nào là người bán đang hoạt động?').waitFor();
    const card = page.locator(`[data-testid="kpi-card"][data-kpi-id="${PAYMENTS_KPI}"]`);
    await card.getByRole('heading', { name: 'thanh toán không dùng tiền mặt', exact: false }).waitFor();
    const before = await shownFraction(page, PAYMENTS_KPI);

    const payment = await placeAndPayByTransfer();
    expect(payment.status).toBe('succeeded');

    // One more payment, and it is non-cash: numerator and denominator both grow by exactly one.
    // Reloaded until it shows, in case the KPI service caches its answers for a moment.
    await expect
      .poll(
        async () => {
          await openDashboard(page);
          return shownFraction(page, PAYMENTS_KPI);
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toEqual({ numerator: before.numerator + 1, denominator: before.denominator + 1 });
    const after = await shownFraction(page, PAYMENTS_KPI);
    const percent = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(
      (after.numerator / after.denominator) * 100,
    );
    await expect(card.getByTestId('kpi-value').textContent()).resolves.toBe(`${percent} %`);

    // The drill-down lists the payments behind the number, with the basis on top.
    await card.getByTestId('kpi-records-link').click();
    await page.waitForURL((url) => url.pathname === `/admin/kpi/${PAYMENTS_KPI}`);
    await page.getByTestId('drill-basis').getByText('không dùng tiền mặt', { exact: false }).first().waitFor();
    await expect(page.getByTestId('drill-summary').textContent()).resolves.toBe(
      `${after.numerator} / ${after.denominator} bản ghi được tính vào tử số.`,
    );
    await page.getByRole('button', { name: /^Được tính/ }).click();
    await expect(page.getByTestId('drill-row').count()).resolves.toBe(Math.min(after.numerator, 50));
    await page.getByRole('link', { name: 'Về bảng chỉ tiêu' }).click();
    await page.getByTestId('kpi-summary').waitFor();
  });

  it('lists the communes without an active seller', async () => {
    const page = officer.page;
    await openDashboard(page);
    const grid = page.getByTestId('commune-grid');
    await grid.getByTestId('commune-grid-summary').waitFor();
    const all = await grid.getByTestId('commune-row').count();
    expect(all).toBeGreaterThan(0);
    await grid.getByRole('button', { name: /^Chưa có người bán/ }).click();
    await expect.poll(() => grid.locator('[data-testid="commune-row"][data-active="true"]').count()).toBe(0);
    expect(await grid.getByTestId('commune-row').count()).toBeGreaterThan(0);
    await grid.getByRole('button', { name: /^Đã có người bán/ }).click();
    await expect.poll(() => grid.locator('[data-testid="commune-row"][data-active="false"]').count()).toBe(0);
    // The demo sellers are based in Phường Đông Kinh.
    await grid.getByRole('rowheader', { name: 'Phường Đông Kinh' }).waitFor();

    // The dashboard narrows to one commune, and says what that means for province-wide figures.
    await page.getByLabel('Xã, phường', { exact: true }).selectOption({ label: 'Phường Đông Kinh' });
    await page.getByText('Chỉ tính cho Phường Đông Kinh.', { exact: false }).waitFor();
    expect(new URL(page.url()).searchParams.get('commune')).toMatch(/^\d{5}$/);
    await page.getByTestId('kpi-summary').waitFor();
  });
});

describe('yearly report', () => {
  it('builds the report with visible progress, then downloads it as XLSX and CSV', async () => {
    const page = officer.page;
    await openDashboard(page);
    const shown = await shownFraction(page, PAYMENTS_KPI);
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date());

    await page.getByRole('link', { name: 'Báo cáo năm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo năm' }).waitFor();
    await page.getByTestId('report-empty').getByText('Chưa có báo cáo nào.').waitFor();
    await page.getByLabel('Năm báo cáo').selectOption(year);
    await page.getByRole('button', { name: 'Lập báo cáo' }).click();

    const job = page.getByTestId('report-job');
    await job.waitFor();
    await page.locator('[data-testid="report-job"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
    await job.getByTestId('report-status').getByText('Đã lập xong').waitFor();
    const progress = (await job.getByTestId('report-progress').textContent()) ?? '';
    const [, processed, total] = /Đã tính (\d+) \/ (\d+) chỉ tiêu/.exec(progress) ?? [];
    expect(Number(total)).toBeGreaterThan(0);
    expect(processed).toBe(total);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), job.getByTestId('report-download-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`bao-cao-kpi-${year}.xlsx`);
    const workbookBytes = await readFile((await xlsx.path())!);
    expect(workbookBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(workbookBytes);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push(row.values.slice(1)));
    const header = rows.find((row) => row[0] === 'Mã chỉ tiêu');
    expect(header).toEqual(expect.arrayContaining(['Thực hiện', 'Tử số', 'Mẫu số', 'Trạng thái']));
    const line = rows.find((row) => row[0] === PAYMENTS_KPI)!;
    expect(line).toBeDefined();
    // The same figure the dashboard showed for the year: numerator and denominator columns.
    expect([line[header!.indexOf('Tử số')], line[header!.indexOf('Mẫu số')]]).toEqual([
      shown.numerator,
      shown.denominator,
    ]);

    const [csv] = await Promise.all([page.waitForEvent('download'), job.getByTestId('report-download-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`bao-cao-kpi-${year}.csv`);
    const text = await readFile((await csv.path())!, 'utf8');
    const [headerLine, ...lines] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(headerLine).toBe(
      'Mã chỉ tiêu,Tên chỉ tiêu,Đơn vị,Mục tiêu,Năm mục tiêu,Thực hiện,Tử số,Mẫu số,Trạng thái,Cách tính,Số liệu còn thiếu',
    );
    expect(lines.some((entry) => entry.startsWith(`${PAYMENTS_KPI},`))).toBe(true);
  });
});
