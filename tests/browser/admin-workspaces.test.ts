import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium } from './chromium.js';
import { getJson, type OpenPage, openPage } from './pages.js';
import { type ApiSession, callApi, openSignedIn, signInThroughApi, signUpThroughApi } from './sessions.js';

// Each role signs in once for the whole file: the sign-in route is rate limited per address and
// admin.test.ts already uses most of a minute's allowance.
const OFFICER = { login: 'canbo@ocop.demo', password: 'canbo-2026' };
const SELLER = { login: 'htx@ocop.demo', password: 'htx-dongkinh-2026' };
const DESKTOP = { width: 1280, height: 900 };
/** Keeps names unique when the file runs twice against the same data. */
const RUN = Date.now().toString(36).slice(-5).toUpperCase();

interface Organisation {
  id: string;
  name: string;
  status: string;
  statusReason: string | null;
  bankAccount: { bin: string; accountNumber: string; accountName: string } | null;
}
interface SellerProduct {
  id: string;
  slug: string;
  status: string;
  variants: { id: string; sku: string; price: number; stock: number }[];
  ocopCertificates: { id: string; stars: number; status: string; hasDocument: boolean }[];
}
interface SellerOrder {
  id: string;
  code: string;
  status: string;
  total: number;
  events: { toStatus: string }[];
}

let browser: Browser;
let officerSession: ApiSession;
let sellerSession: ApiSession;
let officer: OpenPage;
let seller: OpenPage;
const extra: OpenPage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  [officerSession, sellerSession] = await Promise.all([signInThroughApi(OFFICER), signInThroughApi(SELLER)]);
  [officer, seller] = await Promise.all([
    openSignedIn(browser, officerSession, '/admin/organisations', DESKTOP),
    openSignedIn(browser, sellerSession, '/admin/dashboard', DESKTOP),
  ]);
});

afterAll(async () => {
  await Promise.all([officer?.context.close(), seller?.context.close()]);
  await browser?.close();
});

afterEach(async () => {
  const errors = [officer, seller, ...extra].flatMap((handle) => handle.errors.splice(0));
  await Promise.all(extra.splice(0).map((handle) => handle.context.close()));
  expect(errors).toEqual([]);
});

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

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

/** YYYY-MM-DD in Vietnam, `days` from today. */
function vietnamDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(date);
}

describe('province review of applications', () => {
  it('a buyer applies; the officer rejects with a reason the applicant sees, then approves the corrected application', async () => {
    const name = `Hợp tác xã Hồi Văn Quan ${RUN}`;
    const reason = 'Thiếu số đăng ký hợp tác xã; vui lòng bổ sung theo giấy chứng nhận.';
    const buyerSession = await signUpThroughApi({
      email: `hoi.vanquan.${RUN.toLowerCase()}@example.vn`,
      fullName: 'Hoàng Văn Quang',
      password: `hoi-van-quan-${RUN}-2026`,
    });
    const applicant = await openSignedIn(browser, buyerSession, '/admin/', DESKTOP);
    extra.push(applicant);
    const page = applicant.page;

    await page.getByRole('link', { name: 'Đăng ký bán hàng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký bán hàng trên sàn' }).waitFor();
    await page.getByLabel('Tên tổ chức').fill(name);
    await page.getByLabel('Mã số thuế').fill('12345');
    await page.getByLabel('Số nhà, thôn, đường').fill('Thôn Bản Chu');
    await page.getByLabel('Xã, phường').selectOption({ label: 'Xã Văn Quan' });
    await expect(page.getByLabel('Người liên hệ').inputValue()).resolves.toBe('Hoàng Văn Quang');
    await page.getByLabel('Số điện thoại liên hệ').fill('0912 345 678');
    await page.getByLabel('Mã ngân hàng (BIN)').fill('970405');
    await page.getByLabel('Số tài khoản').fill('8888123456');
    await page.getByLabel('Tên chủ tài khoản').fill('HTX HOI VAN QUAN');

    // The API refuses the tax code; its field error shows under that field, in Vietnamese.
    const refused = await answerTo(page, 'POST', /\/api\/organisations\/applications$/, () =>
      page.getByRole('button', { name: 'Gửi hồ sơ đăng ký' }).click(),
    );
    expect(refused.status()).toBe(400);
    expect((await refused.json()).fields.map((field: { field: string }) => field.field)).toEqual(['taxCode']);
    const taxCode = page.getByLabel('Mã số thuế');
    await page.getByText('Mã số thuế gồm 10 chữ số, hoặc 10 chữ số kèm mã chi nhánh').waitFor();
    await expect(taxCode.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('taxCode');

    await taxCode.fill('');
    const created = await answerTo(page, 'POST', /\/api\/organisations\/applications$/, () =>
      page.getByRole('button', { name: 'Gửi hồ sơ đăng ký' }).click(),
    );
    expect(created.status()).toBe(201);
    const application = (await created.json()) as Organisation;
    expect(application).toMatchObject({ name, status: 'pending' });
    // The applicant is a seller now: the seller workspace opens, waiting for review.
    await page.getByTestId('organisation-banner').getByText('Hồ sơ đang chờ Sở Công Thương duyệt').waitFor();
    expect(pathOf(page)).toBe('/admin/dashboard');
    await expect(page.getByTestId('account').textContent()).resolves.toContain('Thành viên tổ chức bán hàng');

    // The officer finds it among the applications waiting for review.
    await officer.page.goto('/admin/organisations');
    await officer.page.getByRole('button', { name: /^Chờ duyệt/ }).click();
    const row = officer.page.getByTestId('organisations-table').getByRole('row', { name: new RegExp(name) });
    await row.getByText('Chờ duyệt').waitFor();
    await row.getByRole('link', { name }).click();
    await officer.page.getByRole('heading', { level: 1, name }).waitFor();
    await expect(officer.page.getByTestId('bank-account').textContent()).resolves.toContain(
      '8888123456 · HTX HOI VAN QUAN',
    );
    await expect(officer.page.getByTestId('bank-account').textContent()).resolves.toContain('Agribank');

    // Rejecting asks for a reason first.
    await officer.page.getByRole('button', { name: 'Từ chối' }).click();
    const dialog = officer.page.getByTestId('decision-dialog');
    await dialog.getByRole('heading', { name: `Từ chối hồ sơ của ${name}?` }).waitFor();
    await dialog.getByLabel('Lý do').fill(reason);
    const rejected = await answerTo(officer.page, 'POST', /\/reject$/, () =>
      dialog.getByRole('button', { name: 'Từ chối' }).click(),
    );
    expect(rejected.status()).toBe(200);
    await officer.page.getByTestId('review-done').getByText('Đã từ chối hồ sơ').waitFor();
    await expect(officer.page.getByTestId('organisation-status').textContent()).resolves.toBe('Bị từ chối');
    await officer.page.getByTestId('status-history').getByText(`“${reason}”`).waitFor();

    // The applicant reads the officer's reason, then sends the application again.
    await page.reload();
    await expect(page.getByTestId('organisation-reason').textContent()).resolves.toBe(reason);
    const resubmitted = await answerTo(page, 'POST', /\/api\/organisations\/mine\/resubmit$/, () =>
      page.getByRole('button', { name: 'Gửi lại hồ sơ' }).click(),
    );
    expect(resubmitted.status()).toBe(200);
    await page.getByTestId('organisation-banner').getByText('Hồ sơ đang chờ Sở Công Thương duyệt').waitFor();

    await officer.page.reload();
    await expect(officer.page.getByTestId('organisation-status').textContent()).resolves.toBe('Chờ duyệt');
    await officer.page.getByRole('button', { name: 'Duyệt hồ sơ' }).click();
    const approved = await answerTo(officer.page, 'POST', /\/approve$/, () =>
      officer.page.getByTestId('decision-dialog').getByRole('button', { name: 'Duyệt hồ sơ' }).click(),
    );
    expect(approved.status()).toBe(200);
    await officer.page.getByTestId('review-done').getByText('Đã duyệt hồ sơ').waitFor();
    await officer.page.getByTestId('status-history').locator('li').nth(3).waitFor();
    await expect(officer.page.getByTestId('status-history').locator('li').count()).resolves.toBe(4);

    const stored = await callApi<Organisation>('GET', `/api/organisations/${application.id}`, {
      token: officerSession.accessToken,
    });
    expect(stored).toMatchObject({ status: 'approved', statusReason: null });
    await page.reload();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await expect(page.getByTestId('organisation-banner').count()).resolves.toBe(0);
  });
});

describe('seller catalog and OCOP verification', () => {
  it('a seller creates a product with a variant and an OCOP certificate and publishes it; once verified the storefront shows it', async () => {
    // Names other test files do not search for, so their expectations stay theirs.
    const name = `Trà hoa vàng Bình Liêu ${RUN}`;
    const sku = `TRA-HV-${RUN}`;
    const page = seller.page;

    await page.goto('/admin/products');
    await page.getByRole('link', { name: 'Thêm sản phẩm' }).first().click();
    await page.getByLabel('Tên sản phẩm').fill(name);
    await page.getByLabel('Danh mục').selectOption({ label: 'Chè, trà' });
    await page.getByLabel('Vật liệu bao bì').selectOption({ label: 'Tái chế được (giấy, thủy tinh, kim loại…)' });
    await page.getByLabel('Mô tả').fill('Trà hoa vàng sấy lạnh, hái tay.\n\n- Hộp giấy\n- Không hương liệu');
    const variant = page.getByTestId('variant-row').first();
    await variant.getByLabel('Tên phân loại').fill('Hộp 50 g');
    await variant.getByLabel('Mã SKU').fill(sku);
    await variant.getByLabel('Giá bán').fill('350.000');
    await variant.getByLabel('Tồn kho').fill('40');
    await variant.getByLabel('Khối lượng khi giao').fill('200');
    const created = await answerTo(page, 'POST', /\/api\/seller\/products$/, () =>
      page.getByRole('button', { name: 'Lưu bản nháp' }).click(),
    );
    expect(created.status()).toBe(201);
    const product = (await created.json()) as SellerProduct;
    expect(product.variants).toMatchObject([{ sku, price: 350_000, stock: 40 }]);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(pathOf(page)).toBe(`/admin/products/${product.id}`);
    await expect(page.getByTestId('product-status').textContent()).resolves.toBe('Bản nháp');

    // The OCOP rating: declared, then its scanned decision attached.
    const ocop = page.getByTestId('ocop-form');
    await ocop.getByLabel('Hạng sao').selectOption({ label: '4 sao' });
    await expect(ocop.getByLabel('Cấp công nhận').inputValue()).resolves.toBe('provincial');
    await ocop.getByLabel('Số quyết định').fill(`1520/QĐ-UBND-${RUN}`);
    await ocop.getByLabel('Cơ quan công nhận').fill('UBND tỉnh Lạng Sơn');
    await ocop.getByLabel('Ngày cấp').fill(vietnamDate(-60));
    await ocop.getByLabel('Ngày hết hạn').fill(vietnamDate(900));
    const submitted = await answerTo(page, 'PUT', /\/ocop-certificate$/, () =>
      ocop.getByRole('button', { name: 'Gửi chứng nhận' }).click(),
    );
    expect(submitted.status()).toBe(200);
    await page.getByTestId('ocop-certificates').getByText('Chờ xác minh').waitFor();
    await page.getByTestId('ocop-certificates').getByText('Chưa có bản scan').waitFor();

    const documentForm = page.getByTestId('ocop-document-form');
    await documentForm.getByLabel('Bản scan').setInputFiles({
      name: 'quyet-dinh-ocop.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    const attached = await answerTo(page, 'POST', /\/ocop-certificate\/document$/, () =>
      documentForm.getByRole('button', { name: 'Tải bản scan lên' }).click(),
    );
    expect(attached.status()).toBe(201);
    await page.getByTestId('ocop-certificates').getByText('Đã có bản scan').waitFor();

    const published = await answerTo(page, 'POST', /\/publish$/, () =>
      page.getByRole('button', { name: 'Đăng bán' }).click(),
    );
    expect(published.status()).toBe(200);
    await page.getByTestId('product-done').getByText('Sản phẩm đã được đăng bán trên sàn.').waitFor();
    await expect(page.getByTestId('product-status').textContent()).resolves.toBe('Đang bán');

    // Before verification the storefront shows the product without stars.
    const unverified = await getJson<{ items: { slug: string; ocopStars: number | null }[] }>(
      `/api/catalog/products?q=${encodeURIComponent(name)}`,
    );
    expect(unverified.items).toMatchObject([{ slug: product.slug, ocopStars: null }]);

    // The officer compares it with the scan and verifies it.
    await officer.page.goto('/admin/ocop-certificates');
    const row = officer.page.getByTestId('ocop-table').getByRole('row', { name: new RegExp(name) });
    await row.getByText(`1520/QĐ-UBND-${RUN}`).waitFor();
    await row.getByRole('button', { name: `Xác minh – ${name}` }).click();
    const dialog = officer.page.getByTestId('ocop-verify-dialog');
    await dialog.getByText(`quyết định 1520/QĐ-UBND-${RUN} (4 sao)`).waitFor();
    const verified = await answerTo(officer.page, 'POST', /\/verify$/, () =>
      dialog.getByRole('button', { name: 'Xác minh' }).click(),
    );
    expect(verified.status()).toBe(200);
    await officer.page.getByTestId('ocop-done').getByText(`Đã xác minh chứng nhận của “${name}”.`).waitFor();
    // Verified, it leaves the queue of pending certificates.
    await row.waitFor({ state: 'detached' });

    await page.reload();
    await page.getByTestId('ocop-certificates').getByText('Đã xác minh').waitFor();

    // The buyer's side: the storefront's search finds it, with its four verified stars.
    const catalog = await getJson<{ items: { slug: string; name: string; ocopStars: number | null }[] }>(
      `/api/catalog/products?q=${encodeURIComponent(name)}`,
    );
    expect(catalog.items).toMatchObject([{ slug: product.slug, name, ocopStars: 4 }]);
    const shopper = await openPage(browser, DESKTOP);
    extra.push(shopper);
    const card = shopper.page.getByTestId('product-grid').locator('li', { hasText: name });
    // The search index follows the catalog through its outbox (about a second behind) and answers are cached for a few seconds, so the
    // verified stars may need a fresh search to show: search again until they do.
    await expect
      .poll(
        async () => {
          await shopper.page.goto(`/tim-kiem?q=${encodeURIComponent(name)}`);
          await card.getByRole('link', { name }).waitFor();
          return card.getByTestId('ocop-badge').count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(1);
    const badge = await card.getByTestId('ocop-badge').textContent();
    expect(badge).toContain('★★★★');
    expect(badge).not.toContain('★★★★★');
  });
});

describe('seller orders', () => {
  it('a seller moves a cash-on-delivery order through accept, pack, ship and deliver, and prints its packing slip', async () => {
    const token = sellerSession.accessToken;
    const product = await callApi<SellerProduct>('POST', '/api/seller/products', {
      token,
      body: {
        name: `Gạo nếp cẩm Bắc Sơn ${RUN}`,
        categoryCode: 'gao-ngu-coc',
        variants: [{ label: 'Túi 2 kg', sku: `GAO-${RUN}`, price: 185_000, stock: 30, weightGrams: 2000 }],
      },
    });
    await callApi('POST', `/api/seller/products/${product.id}/publish`, { token });
    const variantId = product.variants[0]!.id;
    const cart = await callApi<{ cartToken: string }>('POST', '/api/cart/lines', { body: { variantId, quantity: 2 } });
    const checkout = await callApi<{ order: { sellerOrders: SellerOrder[] } }>('POST', '/api/checkout', {
      headers: { 'x-cart-token': cart.cartToken },
      body: {
        buyer: { name: 'Nguyễn Thu Trang', phone: '0901000004', email: 'khach@ocop.demo' },
        delivery: {
          recipientName: 'Nguyễn Thu Trang',
          recipientPhone: '0901 000 004',
          streetAddress: 'Số 5 ngõ 12 phố Huế',
          communeCode: '00004',
        },
        invoice: { name: 'Nguyễn Thu Trang', email: 'khach@ocop.demo' },
        paymentMethod: 'cod',
      },
    });
    const order = checkout.order.sellerOrders[0]!;
    expect(order.status).toBe('awaiting_payment');

    const page = seller.page;
    await page.goto('/admin/orders');
    const row = page.getByTestId('orders-table').getByRole('row', { name: new RegExp(order.code) });
    await row.getByText('Chờ thanh toán').waitFor();
    await row.getByRole('link', { name: order.code }).click();
    await page.getByRole('heading', { level: 1, name: `Đơn hàng ${order.code}` }).waitFor();
    await expect(page.getByTestId('order-lines').textContent()).resolves.toContain(`GAO-${RUN}`);
    await expect(page.getByTestId('order-total').textContent()).resolves.toBe(
      new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(order.total),
    );

    const steps = [
      { button: 'Nhận đơn thu tiền khi giao', action: 'accept_cod', status: 'Đã nhận đơn (thu tiền khi giao)' },
      { button: 'Đã đóng gói xong', action: 'pack', status: 'Đã đóng gói' },
      { button: 'Đã giao cho vận chuyển', action: 'ship', status: 'Đang giao' },
      { button: 'Xác nhận đã giao', action: 'deliver', status: 'Đã giao' },
    ];
    for (const step of steps) {
      const answer = await answerTo(page, 'POST', new RegExp(`/api/seller/orders/${order.id}/${step.action}$`), () =>
        page.getByRole('button', { name: step.button }).click(),
      );
      expect(answer.ok()).toBe(true);
      await page.getByTestId('order-status').getByText(step.status, { exact: true }).waitFor();
    }
    await expect(page.getByTestId('order-events').locator('li').count()).resolves.toBe(5);
    await expect(page.getByRole('button', { name: 'Hủy đơn' }).count()).resolves.toBe(0);

    const stored = await callApi<SellerOrder>('GET', `/api/seller/orders/${order.id}`, { token });
    expect(stored.status).toBe('delivered');
    expect(stored.events.map((event) => event.toStatus)).toEqual([
      'awaiting_payment',
      'cod_accepted',
      'packed',
      'shipped',
      'delivered',
    ]);

    await page.getByRole('link', { name: 'In phiếu đóng gói' }).click();
    await expect(page.getByTestId('slip-code').textContent()).resolves.toBe(order.code);
    await expect(page.getByTestId('packing-slip').textContent()).resolves.toContain('Hợp tác xã Nông sản Đông Kinh');
    // On paper only the slip is printed: the app around it is hidden by the print stylesheet.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'In phiếu' }).isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('packing-slip').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});

describe('seller settings', () => {
  it('shows the API’s refusals of the shipping rule inline, then saves corrected fees', async () => {
    const page = seller.page;
    type Rule = { isDefault: boolean; freeShippingThreshold: number | null; rates: Record<string, unknown> };
    const token = sellerSession.accessToken;
    const before = await callApi<Rule>('GET', '/api/seller/shipping-rule', { token });
    // The demo seller's fees are shared with the storefront's tests: they are put back afterwards.
    onTestFinished(async () => {
      await callApi('PUT', '/api/seller/shipping-rule', {
        token,
        body: { rates: before.rates, freeShippingThreshold: before.freeShippingThreshold },
      });
    });
    await page.goto('/admin/settings/shipping');
    const sameProvince = page.getByTestId('zone-same_province');
    const otherRegion = page.getByTestId('zone-other_region');
    await sameProvince.getByLabel('Phí cơ bản', { exact: true }).fill('-5000');
    await otherRegion.getByLabel('Khối lượng tính phí cơ bản').fill('250000');

    const refused = await answerTo(page, 'PUT', /\/api\/seller\/shipping-rule$/, () =>
      page.getByRole('button', { name: 'Lưu biểu phí' }).click(),
    );
    expect(refused.status()).toBe(400);
    const fields = ((await refused.json()).fields as { field: string }[]).map((field) => field.field).sort();
    expect(fields).toEqual(['rates.other_region.includedGrams', 'rates.same_province.baseFee']);

    const baseFee = sameProvince.getByLabel('Phí cơ bản', { exact: true });
    await sameProvince.getByText('Phí cơ bản là số đồng nguyên, từ 0 đến 10.000.000 ₫.').waitFor();
    await otherRegion.getByText('Khối lượng là số gam nguyên, từ 0 đến 100.000 g.').waitFor();
    await expect(baseFee.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByTestId('zone-same_region').locator('[aria-invalid="true"]').count()).resolves.toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('rates.same_province.baseFee');
    await page.getByRole('alert').getByText('Chưa lưu được biểu phí').waitFor();

    await baseFee.fill('25.000');
    await expect(baseFee.getAttribute('aria-invalid')).resolves.toBeNull();
    await otherRegion.getByLabel('Khối lượng tính phí cơ bản').fill('2000');
    await page.getByLabel('Miễn phí vận chuyển từ').fill('600.000');
    const saved = await answerTo(page, 'PUT', /\/api\/seller\/shipping-rule$/, () =>
      page.getByRole('button', { name: 'Lưu biểu phí' }).click(),
    );
    expect(saved.status()).toBe(200);
    await page.getByTestId('shipping-saved').waitFor();
    await expect(page.getByTestId('shipping-default').count()).resolves.toBe(0);

    const rule = await callApi<Rule & { rates: Record<string, { baseFee: number; includedGrams: number }> }>(
      'GET',
      '/api/seller/shipping-rule',
      { token },
    );
    expect(rule.isDefault).toBe(false);
    expect(rule.freeShippingThreshold).toBe(600_000);
    expect(rule.rates.same_province?.baseFee).toBe(25_000);
    expect(rule.rates.other_region?.includedGrams).toBe(2000);
  });
});

describe('on a phone', () => {
  it('no table page scrolls sideways: wide tables scroll inside their own region', async () => {
    // The pages already signed in are narrowed: a second sign-in per role would use up the rate limit.
    const pages: [OpenPage, string[]][] = [
      [officer, ['/admin/organisations', '/admin/plans', '/admin/training']],
      [seller, ['/admin/products', '/admin/batches', '/admin/orders']],
    ];
    for (const [handle, paths] of pages) {
      await handle.page.setViewportSize({ width: 390, height: 844 });
      try {
        for (const path of paths) {
          await handle.page.goto(path);
          // Measured once the page's data has arrived and its table (or its empty state) is drawn.
          await handle.page.locator('main .table-region, main .panel-empty').first().waitFor();
          const sideways = await handle.page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect({ path, sideways }).toEqual({ path, sideways: 0 });
        }
      } finally {
        await handle.page.setViewportSize(DESKTOP);
      }
    }
  });
});
