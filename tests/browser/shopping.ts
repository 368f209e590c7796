import type { Page } from 'playwright-core';
import { apiUrl, getJson } from './pages.js';

/** The API's shapes the storefront tests read, trimmed to what they assert. */
export interface SearchItem {
  slug: string;
  name: string;
  listPrice: number;
  stars: number | null;
  seller: { name: string; slug: string | null };
}
export interface SearchPage {
  items: SearchItem[];
  total: number;
}
export interface Suggestion {
  type: 'product' | 'category' | 'commune';
  label: string;
  value: string;
}
export interface ProductDetail {
  slug: string;
  name: string;
  listPrice: number;
  variants: { id: string; label: string; price: number; inStock: boolean }[];
  seller: { name: string; slug: string | null };
}
export interface CartLine {
  variantId: string;
  productName: string;
  quantity: number;
  stock: number;
  lineTotal: number;
}
export interface Cart {
  cartToken: string | null;
  sellers: { organisationName: string; lines: CartLine[]; goodsTotal: number; shippingFee: number | null }[];
  itemCount: number;
  goodsTotal: number;
  shippingTotal: number | null;
  grandTotal: number | null;
}
export interface CustomerOrder {
  code: string;
  paymentMethod: string;
  grandTotal: number;
  sellerOrders: { code: string; organisationName: string; status: string; total: number }[];
}
export interface CheckoutResult {
  order: CustomerOrder;
  orderAccessToken: string;
}

const dong = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

/** As the storefront prints money (`formatDong`): `250.000 ₫`, with a no-break space. */
export function formatDong(value: number): string {
  return dong.format(value);
}

export function searchApi(query: Record<string, string>): Promise<SearchPage> {
  return getJson<SearchPage>(`/api/search?${new URLSearchParams(query)}`);
}

export function productApi(slug: string): Promise<ProductDetail> {
  return getJson<ProductDetail>(`/api/catalog/products/${encodeURIComponent(slug)}`);
}

/** The guest cart token the storefront keeps in localStorage (stored as JSON). */
export async function storedCartToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('ocop.cartToken'));
  if (!raw) throw new Error('The storefront has no guest cart token');
  return JSON.parse(raw) as string;
}

export async function cartApi(token: string, provinceCode?: string): Promise<Cart> {
  const response = await fetch(apiUrl(`/api/cart${provinceCode ? `?provinceCode=${provinceCode}` : ''}`), {
    headers: { 'X-Cart-Token': token },
  });
  if (!response.ok) throw new Error(`GET /api/cart answered ${response.status}`);
  return (await response.json()) as Cart;
}

export async function orderApi(code: string, token: string): Promise<CustomerOrder> {
  return getJson<CustomerOrder>(`/api/orders/${encodeURIComponent(code)}?token=${encodeURIComponent(token)}`);
}

async function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(apiUrl(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A guest order placed through the API alone, for tests about reading an order. */
export async function placeGuestOrderThroughApi(variantId: string, quantity = 1): Promise<CheckoutResult> {
  const cart = await postJson<Cart>('/api/cart/lines', { variantId, quantity });
  if (!cart.cartToken) throw new Error('The API handed out no guest cart token');
  return postJson<CheckoutResult>(
    '/api/checkout',
    {
      buyer: { name: 'Hoàng Văn Nam', phone: '0987654321' },
      delivery: {
        recipientName: 'Hoàng Văn Nam',
        recipientPhone: '0987654321',
        streetAddress: 'Số 3 ngõ 7 phố Hùng Vương',
        communeCode: '05977',
      },
      invoice: { name: 'Hoàng Văn Nam' },
      paymentMethod: 'cod',
    },
    { 'X-Cart-Token': cart.cartToken },
  );
}

/** Opens a product page and adds `quantity` of its preselected variant to the cart. */
export async function addFromProductPage(page: Page, slug: string, quantity = 1): Promise<ProductDetail> {
  const product = await productApi(slug);
  await page.goto(`/san-pham/${slug}`);
  await page.getByRole('heading', { level: 1, name: product.name }).waitFor();
  for (let added = 1; added < quantity; added += 1) await page.getByRole('button', { name: 'Tăng số lượng' }).click();
  await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await page.getByText(`Đã thêm ${quantity} sản phẩm vào giỏ.`).waitFor();
  return product;
}

/** The delivery details every checkout test uses: a real ward of the home province. */
export async function fillCheckout(page: Page): Promise<void> {
  await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Thu Trang');
  await page.getByLabel('Số điện thoại', { exact: true }).fill('0912 345 678');
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Lạng Sơn' });
  await page.getByLabel('Xã, phường, đặc khu').selectOption({ label: 'Phường Đông Kinh' });
  await page.getByLabel('Số nhà, tên đường, thôn, xóm').fill('Số 5 đường Bà Triệu');
}

/** The order code and guest token of the order page the browser is on. */
export function orderFromUrl(page: Page): { code: string; token: string } {
  const url = new URL(page.url());
  const code = decodeURIComponent(url.pathname.replace(/^\/don-hang\//, ''));
  const token = url.searchParams.get('token');
  if (!token) throw new Error(`The order page ${url} carries no token`);
  return { code, token };
}
