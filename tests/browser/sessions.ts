import type { Browser } from 'playwright-core';
import { apiUrl, type OpenPage, openPage } from './pages.js';

export interface Credentials {
  login: string;
  password: string;
}

export interface ApiSession {
  accessToken: string;
  refreshToken: string;
  account: { id: string; fullName: string; role: string; organisationId: string | null };
}

const REFRESH_TOKEN_KEY = 'ocop.admin.refreshToken';
// Sign-in and sign-up are rate limited per address, and every browser test file shares one API:
// a refusal says when to come back, and the helper waits that long once instead of failing.
const MAX_RATE_LIMIT_WAIT_MS = 65_000;

async function postSession(path: string, body: unknown): Promise<ApiSession> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status === 429 && attempt === 0) {
      const seconds = Number(response.headers.get('retry-after') ?? '60');
      await new Promise((resolve) => setTimeout(resolve, Math.min((seconds + 1) * 1000, MAX_RATE_LIMIT_WAIT_MS)));
      continue;
    }
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as ApiSession;
  }
}

/** Signs in through the API, for tests whose subject is not the sign-in page itself. */
export function signInThroughApi(credentials: Credentials): Promise<ApiSession> {
  return postSession('/api/auth/sign-in', credentials);
}

export function signUpThroughApi(account: { email: string; fullName: string; password: string }): Promise<ApiSession> {
  return postSession('/api/auth/sign-up', account);
}

/**
 * A fresh browser context signed in as `session`: the admin app finds the refresh token where it
 * keeps it and restores the session itself, as after a reload. The token is used by this context
 * only from then on (the API rotates it on every refresh).
 */
export async function openSignedIn(
  browser: Browser,
  session: ApiSession,
  path: string,
  viewport?: { width: number; height: number },
): Promise<OpenPage> {
  const handle = await openPage(browser, viewport);
  await handle.page.goto('/admin/sign-in');
  await handle.page.evaluate(([key, token]) => localStorage.setItem(key, token), [
    REFRESH_TOKEN_KEY,
    session.refreshToken,
  ] as const);
  await handle.page.goto(path);
  return handle;
}

/** A JSON call to the API with a bearer token, for the set-up a test is not about. */
export async function callApi<T>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(apiUrl(path), {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
