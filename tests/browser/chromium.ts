import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, not a browser downloaded by Playwright (this machine reaches only the package
 * registries). The background-networking flags matter: without them Chromium keeps trying to
 * reach Google's services, and every attempt is refused by the closed network.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}
