import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { getJson, htmlLang, type OpenPage, openPage } from './pages.js';
import {
  addFromProductPage,
  cartApi,
  fillCheckout,
  formatDong,
  orderApi,
  orderFromUrl,
  placeGuestOrderThroughApi,
  productApi,
  searchApi,
  storedCartToken,
  type Suggestion,
} from './shopping.js';

// One sign-in in this file: the sign-in route allows ten attempts a minute per address, shared
// with the admin tests.
const BUYER = { login: 'khach@ocop.demo', password: 'khachhang-2026' };
const HOME_PROVINCE = '20';

let browser: Browser;
const opened: OpenPage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // The demo catalog is what these tests shop in; without it they would prove nothing.
  const catalog = await searchApi({ pageSize: '1' });
  expect(catalog.total).toBeGreaterThan(20);
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

describe('storefront shopping', () => {
  it('finds products typed without diacritics, buys from two sellers with cash on delivery and shows both seller orders', async () => {
    const page = await open('/');

    // Instant suggestions while typing "mat ong", answered by the search API.
    const suggestions = await getJson<Suggestion[]>(`/api/search/suggest?q=${encodeURIComponent('mat ong')}`);
    const honey = suggestions.find((suggestion) => suggestion.type === 'product');
    expect(honey?.label).toMatch(/^Mật ong/);
    await page.getByRole('combobox', { name: 'Tìm sản phẩm' }).pressSequentially('mat ong', { delay: 30 });
    await page.getByRole('option', { name: honey!.label }).click();

    // The product page shows what the catalog says about it.
    const first = await productApi(honey!.value);
    await page.getByRole('heading', { level: 1, name: first.name }).waitFor();
    const firstVariant = first.variants.find((variant) => variant.inStock)!;
    await expect(page.getByTestId('product-price').textContent()).resolves.toBe(formatDong(firstVariant.price));
    await page.getByRole('link', { name: first.seller.name }).first().waitFor();
    await page.getByRole('button', { name: 'Tăng số lượng' }).click();
    await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
    await page.getByText('Đã thêm 2 sản phẩm vào giỏ.').waitFor();
    await expect.poll(() => page.getByTestId('cart-link').textContent()).toContain('Giỏ hàng có 2 sản phẩm');

    // A plain search for "hoi" (hồi) lists what the search API finds, at a shareable address.
    const found = await searchApi({ q: 'hoi' });
    const other = found.items.find((item) => item.seller.slug !== first.seller.slug);
    expect(other).toBeDefined();
    const box = page.getByRole('combobox', { name: 'Tìm sản phẩm' });
    await box.fill('hoi');
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Kết quả cho “hoi”' }).waitFor();
    expect(new URL(page.url()).search).toBe('?q=hoi');
    await page.getByTestId('search-status').getByText(`Tìm thấy ${found.total} sản phẩm`).waitFor();
    const names = await page.getByTestId('product-grid').locator('h3').allTextContents();
    expect(names).toEqual(found.items.map((item) => item.name));
    await page.getByTestId('product-grid').getByRole('link', { name: other!.name }).click();
    await page.getByRole('heading', { level: 1, name: other!.name }).waitFor();
    await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
    await page.getByText('Đã thêm 1 sản phẩm vào giỏ.').waitFor();

    // The cart groups the lines by seller, each with its own shipping fee to the home province.
    await page.getByTestId('cart-link').click();
    await page.getByRole('heading', { level: 1, name: 'Giỏ hàng' }).waitFor();
    const cart = await cartApi(await storedCartToken(page), HOME_PROVINCE);
    expect(cart.sellers).toHaveLength(2);
    const groups = page.getByTestId('cart-seller');
    await groups.nth(1).waitFor();
    await expect(groups.count()).resolves.toBe(2);
    for (const [index, seller] of cart.sellers.entries()) {
      const group = groups.nth(index);
      await expect(group.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(seller.organisationName);
      const fee = seller.shippingFee === 0 ? 'Miễn phí' : formatDong(seller.shippingFee!);
      await expect(group.getByTestId('seller-shipping').textContent()).resolves.toBe(`Phí vận chuyển${fee}`);
    }
    await expect(page.getByTestId('cart-totals').textContent()).resolves.toContain(formatDong(cart.grandTotal!));

    // Checkout as a guest, paying cash on delivery.
    await page.getByRole('link', { name: 'Đặt hàng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đặt hàng' }).waitFor();
    await fillCheckout(page);
    await page.getByLabel('Thanh toán khi nhận hàng (COD)').check();
    await expect(page.getByTestId('checkout-total').textContent()).resolves.toBe(formatDong(cart.grandTotal!));
    await page.getByRole('button', { name: 'Đặt hàng' }).click();

    // The confirmation is the order page, with one part per seller as the API split it.
    await page.getByRole('heading', { level: 1, name: 'Đặt hàng thành công!' }).waitFor();
    const { code, token } = orderFromUrl(page);
    const order = await orderApi(code, token);
    expect(order.paymentMethod).toBe('cod');
    expect(order.grandTotal).toBe(cart.grandTotal);
    await expect(page.getByTestId('order-code').textContent()).resolves.toBe(code);
    await expect(page.getByTestId('order-total').textContent()).resolves.toBe(formatDong(order.grandTotal));
    const sellerOrders = page.getByTestId('seller-order');
    await expect(sellerOrders.count()).resolves.toBe(2);
    for (const [index, sellerOrder] of order.sellerOrders.entries()) {
      const card = sellerOrders.nth(index);
      await expect(card.getByRole('heading', { level: 3 }).textContent()).resolves.toBe(sellerOrder.organisationName);
      await expect(card.getByTestId('seller-order-status').textContent()).resolves.toBe('Chờ người bán xác nhận');
      await card.getByText(`Mã đơn: ${sellerOrder.code}`).waitFor();
      await expect(card.getByTestId('seller-order-total').textContent()).resolves.toBe(formatDong(sellerOrder.total));
    }

    // The cart is empty now, and the address is offered again next time.
    expect((await cartApi(await storedCartToken(page))).itemCount).toBe(0);
    await page.getByRole('link', { name: 'Địa chỉ đã lưu' }).click();
    await page.getByTestId('address-list').getByText('Số 5 đường Bà Triệu, Phường Đông Kinh, Lạng Sơn').waitFor();
  });

  it('reopens a guest order from its link on another device, and not without the token', async () => {
    const product = await productApi((await searchApi({ q: 'quyt' })).items[0]!.slug);
    const placed = await placeGuestOrderThroughApi(product.variants.find((variant) => variant.inStock)!.id);
    const { code } = placed.order;

    const page = await open(`/don-hang/${code}?token=${placed.orderAccessToken}`);
    await page.getByRole('heading', { level: 1, name: `Đơn hàng ${code}` }).waitFor();
    await expect(page.getByTestId('seller-order').count()).resolves.toBe(placed.order.sellerOrders.length);
    await page.getByText(product.name, { exact: false }).first().waitFor();
    await expect(page.getByTestId('order-link').textContent()).resolves.toContain(`token=${placed.orderAccessToken}`);

    // Another browser without the token cannot open it.
    const stranger = await open(`/don-hang/${code}`);
    await stranger.getByRole('heading', { level: 1, name: 'Không tìm thấy đơn hàng' }).waitFor();
  });

  it('refuses a quantity above the stock in the cart and keeps the line as it was', async () => {
    const page = await open('/');
    const product = await addFromProductPage(page, (await searchApi({ q: 'mat ong' })).items[0]!.slug);
    await page.goto('/gio-hang');
    const line = page.getByTestId('cart-line');
    await line.waitFor();
    const before = await cartApi(await storedCartToken(page));
    const stock = before.sellers[0]!.lines[0]!.stock;

    const quantity = line.getByLabel(`Số lượng ${product.name}`);
    await quantity.fill(String(stock + 1));
    await quantity.press('Enter');
    await line.getByRole('alert').getByText(`Không đủ hàng: chỉ còn ${stock} sản phẩm.`).waitFor();
    await expect(quantity.inputValue()).resolves.toBe('1');
    const after = await cartApi(await storedCartToken(page));
    expect(after.sellers[0]!.lines[0]!.quantity).toBe(1);

    // Within the stock the change goes through.
    await quantity.fill(String(Math.min(stock, 3)));
    await quantity.press('Enter');
    await expect.poll(async () => (await cartApi(await storedCartToken(page))).itemCount).toBe(Math.min(stock, 3));
    await expect(line.getByRole('alert').count()).resolves.toBe(0);
  });

  it('keeps shareable search addresses with filters and shows an empty state', async () => {
    const query = { q: 'mat ong', stars: '3' };
    const expected = await searchApi(query);
    const page = await open(`/tim-kiem?q=${encodeURIComponent('mat ong')}&stars=3`);
    await page.getByTestId('search-status').getByText(`Tìm thấy ${expected.total} sản phẩm`).waitFor();
    await expect(page.getByTestId('product-grid').locator('h3').allTextContents()).resolves.toEqual(
      expected.items.map((item) => item.name),
    );
    // The applied filter shows as a chip, and the filter panel agrees.
    await page.getByTestId('active-filters').getByRole('button', { name: 'Bỏ lọc: 3 sao' }).waitFor();
    await expect(page.getByLabel(/^3 sao/).isChecked()).resolves.toBe(true);

    const cheapest = await searchApi({ ...query, sort: 'price_asc' });
    await page.getByLabel('Sắp xếp').selectOption('price_asc');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('price_asc');
    await expect
      .poll(() => page.getByTestId('product-grid').locator('h3').allTextContents())
      .toEqual(cheapest.items.map((item) => item.name));

    // Removing the chip widens the search again, as the API answers without the filter.
    const unfiltered = await searchApi({ q: 'mat ong', sort: 'price_asc' });
    await page.getByRole('button', { name: 'Bỏ lọc: 3 sao' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe(`?q=mat+ong&sort=price_asc`);
    await page.getByTestId('search-status').getByText(`Tìm thấy ${unfiltered.total} sản phẩm`).waitFor();

    await page.goto('/tim-kiem?q=zzqqxx');
    await page.getByTestId('search-empty').getByText('Không tìm thấy sản phẩm nào cho “zzqqxx”.').waitFor();
  });

  it('says when a product does not exist, and offers a retry when the search cannot be reached', async () => {
    const page = await open('/san-pham/khong-co-san-pham-nay');
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy sản phẩm' }).waitFor();

    await page.route('**/api/search?**', (route) => route.abort('connectionrefused'));
    await page.goto('/tim-kiem?q=hoi');
    const alert = page.getByRole('alert');
    await alert.getByText('Không tìm được sản phẩm.').waitFor();
    await expect(alert.textContent()).resolves.toContain('Không kết nối được tới máy chủ');

    const found = await searchApi({ q: 'hoi' });
    await page.unroute('**/api/search?**');
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    await page.getByTestId('search-status').getByText(`Tìm thấy ${found.total} sản phẩm`).waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
  });

  it('shows the product, cart and checkout in English after the switch', async () => {
    // A certified product, so that its certificates are shown too.
    const slug = (await searchApi({ q: 'mat ong', stars: '3,4,5' })).items[0]!.slug;
    const page = await open('/');
    const product = await addFromProductPage(page, slug);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await htmlLang(page)).toBe('en');
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    await page.getByText('In stock').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Certificates' }).waitFor();

    await page.getByTestId('cart-link').click();
    await page.getByRole('heading', { level: 1, name: 'Cart' }).waitFor();
    await page.getByLabel('Deliver to province or city').waitFor();
    await page.getByRole('link', { name: product.name }).waitFor();
    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await page.getByText('Delivery address').waitFor();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByText('Please enter the full name.').waitFor();
    await page.getByText('Please enter the phone number.').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
  });

  it('merges the guest cart into the buyer account at sign-in and lists the buyer orders', async () => {
    const page = await open('/');
    const product = await addFromProductPage(page, (await searchApi({ q: 'hoi' })).items[0]!.slug);

    await page.getByRole('link', { name: 'Đăng nhập' }).first().click();
    await page.getByLabel('Email hoặc số điện thoại').fill(BUYER.login);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(BUYER.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đơn hàng của tôi' }).waitFor();
    // The guest cart went into the account; the browser keeps no guest token any more.
    await expect(page.evaluate(() => localStorage.getItem('ocop.cartToken'))).resolves.toBeNull();

    await page.getByTestId('cart-link').click();
    await page.getByRole('link', { name: product.name }).waitFor();
    await page.getByRole('link', { name: 'Đặt hàng' }).click();
    // Signed in: the buyer's name is already filled in from the account.
    await expect(page.getByLabel('Họ và tên', { exact: true }).inputValue()).resolves.not.toBe('');
    await fillCheckout(page);
    await page.getByLabel('Thanh toán khi nhận hàng (COD)').check();
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đặt hàng thành công!' }).waitFor();
    const code = decodeURIComponent(new URL(page.url()).pathname.replace('/don-hang/', ''));

    await page.getByRole('link', { name: 'Các đơn hàng của tôi' }).click();
    await page
      .getByTestId('order-list')
      .getByRole('link', { name: `Đơn hàng ${code}` })
      .waitFor();
  });
});
