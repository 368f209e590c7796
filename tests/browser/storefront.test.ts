import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { getJson, htmlLang, type OpenPage, openPage } from './pages.js';

interface Province {
  code: string;
  name: string;
  communeCount: number;
}
interface Commune {
  code: string;
  name: string;
}
interface RecentBatch {
  code: string;
  product: { name: string; slug: string };
  producer: { name: string };
  tracePath: string;
}
interface ProductTrace {
  batch: { code: string; lot: string; eventCount: number; chainVerified: boolean; tracePath: string } | null;
}

let browser: Browser;
let current: OpenPage | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  const errors = current?.errors ?? [];
  await current?.context.close();
  current = undefined;
  expect(errors).toEqual([]);
});

async function open(path = '/') {
  current = await openPage(browser);
  await current.page.goto(path);
  return current.page;
}

/**
 * Opens a page and records its API requests. index.html preloads the first screen's data: a URL
 * that differs from the one the app then builds would show up here twice.
 */
async function openCountingApiRequests(path: string) {
  current = await openPage(browser);
  const requested: string[] = [];
  current.page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/files/')) {
      requested.push(url.pathname + url.search);
    }
  });
  await current.page.goto(path);
  return { page: current.page, requested };
}

const repeated = (urls: string[]) => urls.filter((url, index) => urls.indexOf(url) !== index);

/** Sections below the home page's first screen render when scrolled near: scroll to one by its title. */
async function reveal(page: Page, title: string) {
  await page.getByRole('heading', { level: 2, name: title }).scrollIntoViewIfNeeded();
}

describe('storefront', () => {
  it('shows the home province and lists its communes from the API', async () => {
    const { homeProvince } = await getJson<{ homeProvince: Province }>('/api/platform');
    const communes = await getJson<Commune[]>(`/api/communes?province=${homeProvince.code}`);
    expect(homeProvince.name).toBe('Lạng Sơn');
    expect(homeProvince.communeCount).toBe(65);

    const page = await open('/');
    // The home page asks for several things at once; the province may not be the first to arrive.
    await page.getByRole('heading', { level: 1, name: 'Sản phẩm OCOP tỉnh Lạng Sơn' }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sản phẩm OCOP tỉnh Lạng Sơn');
    await expect(page.locator('.brand-name').textContent()).resolves.toBe('Sàn OCOP Lạng Sơn');
    await expect(page.getByTestId('commune-count').textContent()).resolves.toBe('65 xã, phường');

    await reveal(page, 'Xã, phường');
    const items = page.getByTestId('commune-list').locator('li');
    await items.nth(64).waitFor();
    await expect(items.count()).resolves.toBe(communes.length);
    await expect(page.getByTestId('commune-status').textContent()).resolves.toBe('Có 65 xã, phường');
    // The page shows the API's names in the API's order, not a list of its own.
    const shown = await items.locator('.commune-name').allTextContents();
    expect(shown).toEqual(communes.map((commune) => commune.name));
    expect(await page.title()).toContain('Sàn OCOP Lạng Sơn');
  });

  it('searches as you type, without diacritics, asking the API once the typing pauses', async () => {
    const matches = await getJson<Commune[]>(`/api/communes?province=20&q=${encodeURIComponent('dong kinh')}`);
    expect(matches.map((commune) => commune.name)).toContain('Phường Đông Kinh');

    const page = await open('/');
    await reveal(page, 'Xã, phường');
    await page.getByTestId('commune-list').locator('li').first().waitFor();
    const searches: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/communes' && url.searchParams.has('q')) searches.push(url.searchParams.get('q') ?? '');
    });

    await page.getByLabel('Tìm xã, phường').pressSequentially('dong kinh', { delay: 40 });
    await page.getByTestId('commune-status').getByText('khớp với “dong kinh”').waitFor();

    const names = await page.getByTestId('commune-list').locator('.commune-name').allTextContents();
    expect(names).toEqual(matches.map((commune) => commune.name));
    expect(names[0]).toBe('Phường Đông Kinh');
    await expect(page.getByTestId('commune-status').textContent()).resolves.toBe(
      `Tìm thấy ${matches.length} xã, phường khớp với “dong kinh”`,
    );
    // Debounced: nine keystrokes, far fewer requests, the last one for the whole text.
    expect(searches.length).toBeLessThan(4);
    expect(searches.at(-1)).toBe('dong kinh');
  });

  it('shows an empty state when nothing matches, and clearing brings the list back', async () => {
    const page = await open('/');
    await reveal(page, 'Xã, phường');
    await page.getByLabel('Tìm xã, phường').fill('zzqq');
    await page.getByText('Không có xã, phường nào khớp với “zzqq”.').waitFor();

    await page.getByRole('button', { name: 'Xóa tìm kiếm' }).click();
    await page.getByTestId('commune-status').getByText('Có 65 xã, phường').waitFor();
    await expect(page.getByTestId('commune-list').locator('li').count()).resolves.toBe(65);
  });

  it('shows an error with a retry when the communes cannot be loaded', async () => {
    current = await openPage(browser);
    const { page } = current;
    await page.route('**/api/communes?**', (route) => route.abort('connectionrefused'));
    await page.goto('/');
    await reveal(page, 'Xã, phường');

    const alert = page.getByRole('alert');
    await alert.getByText('Không tải được danh sách xã, phường.').waitFor();
    await expect(alert.textContent()).resolves.toContain('Không kết nối được tới máy chủ');

    await page.unroute('**/api/communes?**');
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    await page.getByTestId('commune-list').locator('li').nth(64).waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
  });

  it('switches to English, sets <html lang> and remembers the choice', async () => {
    const page = await open('/');
    await reveal(page, 'Xã, phường');
    await page.getByTestId('commune-list').locator('li').first().waitFor();
    expect(await htmlLang(page)).toBe('vi');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await htmlLang(page)).toBe('en');
    await page.getByRole('heading', { level: 2, name: 'Communes and wards' }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'OCOP products of Lạng Sơn Province',
    );
    await expect(page.getByTestId('commune-count').textContent()).resolves.toBe('65 communes and wards');
    await expect(page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).resolves.toBe('true');

    await page.reload();
    await reveal(page, 'Communes and wards');
    expect(await htmlLang(page)).toBe('en');
    const matches = await getJson<Commune[]>(`/api/communes?province=20&q=${encodeURIComponent('dong kinh')}`);
    await page.getByLabel('Search communes and wards').fill('dong kinh');
    await page.getByText(`${matches.length} matches for “dong kinh”`).waitFor();

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    expect(await htmlLang(page)).toBe('vi');
    await page.getByRole('heading', { level: 2, name: 'Xã, phường' }).waitFor();
  });

  it('answers unknown paths with a not-found page that leads home', async () => {
    const page = await open('/khong-co-trang-nay');
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sản phẩm OCOP tỉnh Lạng Sơn' }).waitFor();
  });

  it("summarises a product's current batch and opens its trace page", async () => {
    const [recent] = await getJson<RecentBatch[]>('/api/trace/batches/recent?limit=1');
    expect(recent).toBeDefined();
    const { batch } = await getJson<ProductTrace>(`/api/trace/products/${recent!.product.slug}/current`);
    expect(batch?.chainVerified).toBe(true);

    const { page, requested } = await openCountingApiRequests(`/san-pham/${recent!.product.slug}`);
    const summary = page.getByTestId('trace-summary');
    await summary.getByRole('heading', { level: 2, name: 'Truy xuất nguồn gốc' }).waitFor();
    await summary.getByText(`Lô đang bán: ${batch!.lot} · mã truy xuất ${batch!.code}`).waitFor();
    await expect(summary.getByText('công đoạn được ghi nhận').textContent()).resolves.toBe(
      `${batch!.eventCount} công đoạn được ghi nhận`,
    );
    await summary.getByText('✓ Dữ liệu toàn vẹn').waitFor();
    expect(requested).toContain(`/api/catalog/products/${recent!.product.slug}`);
    expect(requested).toContain(`/api/trace/products/${recent!.product.slug}/current`);
    expect(repeated(requested)).toEqual([]);
    // On a phone the batch and certificate codes wrap inside their cards: nothing scrolls sideways.
    await expect(
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).resolves.toBe(0);

    const link = summary.getByRole('link', { name: 'Xem hành trình đầy đủ của lô hàng' });
    await expect(link.getAttribute('href')).resolves.toBe(`/t/${batch!.code}`);
    await link.click();
    await page.waitForURL(`**/t/${batch!.code}`);
    await page.getByRole('heading', { level: 1, name: recent!.product.name }).waitFor();
    await page.getByText(`Mã truy xuất ${batch!.code}`).first().waitFor();
  });

  it('says so on a product page when no batch of the product is traced', async () => {
    const { items } = await getJson<{ items: { slug: string }[] }>('/api/catalog/products?pageSize=100');
    let untraced: string | undefined;
    for (const item of items) {
      if ((await getJson<ProductTrace>(`/api/trace/products/${item.slug}/current`)).batch === null) {
        untraced = item.slug;
        break;
      }
    }
    expect(untraced, 'the demo catalog has a product without a traced batch').toBeDefined();
    const page = await open(`/san-pham/${untraced!}`);
    await page
      .getByTestId('trace-summary')
      .getByText('Sản phẩm này chưa có lô hàng nào được ghi nhật ký sản xuất.')
      .waitFor();
    await expect(page.getByTestId('trace-link').count()).resolves.toBe(0);
  });

  it('lists newly recorded batches on the home page, each linking to its trace page', async () => {
    const recent = await getJson<RecentBatch[]>('/api/trace/batches/recent?limit=6');
    expect(recent.length).toBeGreaterThan(0);

    const { page, requested } = await openCountingApiRequests('/');
    await page.getByTestId('product-grid').first().waitFor();
    await reveal(page, 'Lô hàng mới ghi nhận');
    const list = page.getByTestId('recent-batches');
    // Another test may record a batch meanwhile: the newest one seen before is still listed.
    const link = list.getByRole('link', { name: `Truy xuất lô ${recent[0]!.code}` });
    await link.waitFor();
    await expect(link.getAttribute('href')).resolves.toBe(recent[0]!.tracePath);
    await expect(list.getByRole('link', { name: recent[0]!.product.name }).first().getAttribute('href')).resolves.toBe(
      `/san-pham/${recent[0]!.product.slug}`,
    );
    await expect(list.locator('li').count()).resolves.toBe(recent.length);
    expect(requested).toContain('/api/catalog/products?sort=newest&pageSize=8&stars=4&stars=5');
    expect(repeated(requested)).toEqual([]);

    await link.click();
    await page.waitForURL(`**${recent[0]!.tracePath}`);
    await page.getByRole('heading', { level: 1, name: recent[0]!.product.name }).waitFor();
  });
});
