import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors of the page, to assert that a flow ran cleanly. */
  errors: string[];
}

/** A fresh context per test, so storage (language, refresh token) never leaks between tests. */
export async function openPage(browser: Browser, viewport = { width: 390, height: 844 }): Promise<OpenPage> {
  const context = await browser.newContext({ baseURL: inject('appBaseUrl'), viewport, locale: 'vi-VN' });
  // Shorter than the test timeout, so a missing element fails with Playwright's explanation.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A refused request is logged by the browser itself; the tests that cause one expect it.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return { context, page, errors };
}

export function apiUrl(path: string): string {
  return new URL(path, inject('appBaseUrl')).toString();
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(apiUrl(path));
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export async function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}
