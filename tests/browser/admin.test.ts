import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { apiUrl, htmlLang, type OpenPage, openPage } from './pages.js';

// The sign-in route is rate limited per address (10 a minute by default): these tests sign in
// five times in all, so keep new sign-ins to a minimum.
const OFFICER = { login: 'canbo@ocop.demo', password: 'canbo-2026' };
const SELLER = { login: '0901000003', password: 'htx-dongkinh-2026' };
const ADMIN = { login: 'quantri@ocop.demo', password: 'quantri-2026' };
const BUYER = { login: 'khach@ocop.demo', password: 'khachhang-2026' };
const ORGANISATION = 'Hợp tác xã Nông sản Đông Kinh';
const REFRESH_TOKEN_KEY = 'ocop.admin.refreshToken';

let browser: Browser;
const opened: OpenPage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const handle = await openPage(browser, viewport);
  opened.push(handle);
  await handle.page.goto(path);
  return handle.page;
}

async function closeOpened(): Promise<string[]> {
  const errors = opened.flatMap((handle) => handle.errors);
  await Promise.all(opened.splice(0).map((handle) => handle.context.close()));
  return errors;
}

async function fillSignIn(page: Page, credentials: { login: string; password: string }): Promise<void> {
  await page.getByLabel('Email hoặc số điện thoại').fill(credentials.login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(credentials.password);
}

function storedRefreshToken(page: Page): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), REFRESH_TOKEN_KEY);
}

describe('admin sign-in', () => {
  afterEach(async () => {
    expect(await closeOpened()).toEqual([]);
  });

  it('sends a protected page to the sign-in page', async () => {
    const page = await open('/admin/organisations');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    expect(await htmlLang(page)).toBe('vi');
  });

  it('shows inline messages for empty fields without calling the API', async () => {
    const page = await open('/admin/sign-in');
    let signInCalls = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/sign-in')) signInCalls += 1;
    });
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    await page.getByText('Vui lòng nhập email hoặc số điện thoại.').waitFor();
    await page.getByText('Vui lòng nhập mật khẩu.').waitFor();
    const login = page.getByLabel('Email hoặc số điện thoại');
    await expect(login.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('login');
    expect(signInCalls).toBe(0);
  });

  it('shows the API refusal of a wrong password in Vietnamese, then in English', async () => {
    const page = await open('/admin/sign-in');
    await fillSignIn(page, { login: OFFICER.login, password: 'mat-khau-sai-2026' });
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().endsWith('/api/auth/sign-in')),
      page.getByRole('button', { name: 'Đăng nhập' }).click(),
    ]);
    expect(response.status()).toBe(401);
    expect((await response.json()).code).toBe('invalid_credentials');

    const alert = page.getByRole('alert');
    await alert.getByText('Email, số điện thoại hoặc mật khẩu không đúng.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await expect(storedRefreshToken(page)).resolves.toBeNull();

    await page.getByRole('button', { name: 'English' }).click();
    await alert.getByText('The email, phone number or password is wrong.').waitFor();
    expect(await htmlLang(page)).toBe('en');
  });

  it('an officer sees the seller organisations, with the button disabled while signing in', async () => {
    const page = await open('/admin/');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await fillSignIn(page, OFFICER);

    // Hold the answer so the in-progress state can be seen.
    let release!: () => void;
    const held = new Promise<void>((resolveHold) => (release = resolveHold));
    await page.route('**/api/auth/sign-in', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const busy = page.getByRole('button', { name: 'Đang đăng nhập…' });
    await busy.waitFor();
    await expect(busy.isDisabled()).resolves.toBe(true);
    release();

    const table = page.getByTestId('organisations-table');
    await table.getByRole('rowheader', { name: ORGANISATION }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/organisations');
    const account = page.getByTestId('account');
    await expect(account.textContent()).resolves.toContain('Hoàng Văn Minh (Sở Công Thương)');
    await expect(account.textContent()).resolves.toContain('Cán bộ tỉnh');
    await page.getByRole('heading', { level: 1, name: 'Tổ chức bán hàng' }).waitFor();
    // Pages of other roles explain the refusal instead of failing.
    await page.goto('/admin/accounts');
    await page.getByRole('heading', { level: 1, name: 'Bạn không có quyền xem trang này' }).waitFor();
  });

  it('a platform admin sees the accounts and the organisations, refreshing an expired token on the way', async () => {
    const page = await open('/admin/sign-in', { width: 1280, height: 800 });
    await fillSignIn(page, ADMIN);
    const listed = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/accounts');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    const accounts = page.getByTestId('accounts-table');
    await accounts.getByRole('rowheader', { name: 'Quản trị nền tảng' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/accounts');
    const rows = await accounts.locator('tbody tr').allTextContents();
    // Other test files sign up accounts in the same API, so the table is compared with the API's list.
    expect(rows).toHaveLength(((await (await listed).json()) as unknown[]).length);
    for (const email of ['quantri@ocop.demo', 'canbo@ocop.demo', 'htx@ocop.demo', 'khach@ocop.demo']) {
      expect(rows.some((row) => row.includes(email))).toBe(true);
    }
    expect(rows.find((row) => row.includes('canbo@ocop.demo'))).toContain('Cán bộ tỉnh');

    // The API refuses the next call as if the access token had expired: the app must trade its
    // refresh token for a new one and repeat the call, without the person noticing.
    let refusals = 0;
    await page.route('**/api/organisations', async (route) => {
      if (refusals === 0) {
        refusals += 1;
        await route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({ statusCode: 401, code: 'invalid_token', message: 'expired', requestId: 'test' }),
        });
      } else {
        await route.continue();
      }
    });
    const refreshed = page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh'));
    await page.getByRole('link', { name: 'Tổ chức bán hàng' }).click();
    expect((await refreshed).status()).toBe(200);
    await page.getByTestId('organisations-table').getByRole('rowheader', { name: ORGANISATION }).waitFor();
    expect(refusals).toBe(1);
  });

  it('a buyer is told that the admin app is for sellers and officers', async () => {
    const page = await open('/admin/sign-in');
    await fillSignIn(page, BUYER);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang quản trị dành cho người bán và cán bộ' }).waitFor();
    await expect(page.getByTestId('account').textContent()).resolves.toContain('Nguyễn Thu Trang');
    await expect(page.getByTestId('account').textContent()).resolves.toContain('Người mua');
  });
});

describe('admin seller session', () => {
  let page: Page;

  beforeAll(async () => {
    page = await open('/admin/sign-in');
    await fillSignIn(page, SELLER);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
  });

  afterAll(async () => {
    expect(await closeOpened()).toEqual([]);
  });

  it('a seller, signed in with a phone number, sees its own organisation', async () => {
    // The seller workspace opens on the organisation's overview.
    expect(new URL(page.url()).pathname).toBe('/admin/dashboard');
    await page.getByRole('link', { name: 'Tổ chức', exact: true }).click();
    await expect(page.getByTestId('organisation-name').textContent()).resolves.toBe(ORGANISATION);
    expect(new URL(page.url()).pathname).toBe('/admin/my-organisation');
    await expect(page.getByTestId('account').textContent()).resolves.toContain('Lăng Thị Hoa');
    await expect(page.getByTestId('account').textContent()).resolves.toContain('Thành viên tổ chức bán hàng');
  });

  it('keeps the session across a reload, with only the refresh token stored', async () => {
    const before = await storedRefreshToken(page);
    expect(before).toBeTruthy();
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toMatch(/eyJ/); // no JWT access token in storage

    await page.reload();
    await page.getByTestId('organisation-name').getByText(ORGANISATION).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/my-organisation');
    // Restoring rotated the refresh token.
    const after = await storedRefreshToken(page);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('signs out: back to the sign-in page, the token revoked, and protected pages closed', async () => {
    const token = await storedRefreshToken(page);
    const signedOut = page.waitForResponse((response) => response.url().endsWith('/api/auth/sign-out'));
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    expect((await signedOut).status()).toBe(204);

    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await expect(storedRefreshToken(page)).resolves.toBeNull();

    const refresh = await fetch(apiUrl('/api/auth/refresh'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: token }),
    });
    expect(refresh.status).toBe(401);

    await page.goto('/admin/my-organisation');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
  });
});
