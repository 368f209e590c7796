// Measures the public trace page (/t/{code}) the way a buyer on a cheap phone meets it: Chromium with
// DevTools' "Slow 3G" network (2 s round trip, 400 kbit/s down and up) and the CPU slowed 4×, cold cache.
// Runs the built API (bench/lib/api-server.mjs) on its own ports and data directory, records one batch with a realistic timeline
// through the seller API if the demo data has none, loads the page several times and writes the
// medians to bench/RESULTS.md (its "## Trace page" section; other sections are kept).
//
//   pnpm --filter @ocop/shared build && pnpm --filter @ocop/api build && node bench/trace-page/measure.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, startApi } from '../lib/api-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium.mjs';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const RUNS = Number(process.env.RUNS ?? 5);
// playwright-core is a dependency of the tests package; the bench borrows it rather than adding its own.
const { chromium } = createRequire(join(ROOT, 'tests/package.json'))('playwright-core');

// Chrome DevTools' "Slow 3G" preset (front_end/core/sdk/NetworkManager.ts).
const SLOW_3G = {
  offline: false,
  latency: 2000,
  downloadThroughput: ((500 * 1000) / 8) * 0.8,
  uploadThroughput: ((500 * 1000) / 8) * 0.8,
};
const CPU_SLOWDOWN = 4;
// A low-end Android phone: small screen, 2× pixels.
const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 11; SM-A025F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  locale: 'vi-VN',
};

async function call(baseUrl, method, path, token, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return parsed;
}

const daysAgo = (days) => new Date(Date.now() - days * 86_400_000);
const date = (days) => daysAgo(days).toISOString().slice(0, 10);

/** The demo seller's batch with the longest timeline, or a new one recorded through the seller API. */
async function traceCode(baseUrl) {
  const { accessToken: token } = await call(baseUrl, 'POST', '/api/auth/sign-in', undefined, {
    login: 'htx@ocop.demo',
    password: 'htx-dongkinh-2026',
  });
  const batches = await call(baseUrl, 'GET', '/api/seller/batches', token);
  if (batches.length > 0)
    return { code: batches.sort((a, b) => b.eventCount - a.eventCount)[0].code, seeded: 'demo data' };

  const products = await call(baseUrl, 'GET', '/api/seller/products', token);
  let product = products.items?.find((p) => p.status === 'published');
  if (!product) {
    const created = await call(baseUrl, 'POST', '/api/seller/products', token, {
      name: 'Măng khô Đình Lập',
      categoryCode: 'do-kho',
      descriptionHtml: '<p>Măng vầu rừng luộc, phơi nắng hai tuần đến khi vàng óng.</p>',
      packagingMaterial: 'plastic',
      variants: [{ label: 'Túi 500 g', sku: 'BENCH-MANG-500', price: 170000, weightGrams: 500, stock: 100 }],
    });
    product = await call(baseUrl, 'POST', `/api/seller/products/${created.id}/publish`, token);
  }
  const batch = await call(baseUrl, 'POST', '/api/seller/batches', token, {
    productId: product.id,
    harvestedOn: date(75),
    producedOn: date(57),
    expiresOn: date(-480),
    quantity: 85,
    unit: 'kg',
    originCommuneCode: '06613',
    standards: [{ code: 'ocop' }, { code: 'tcvn', reference: 'TCVN 10737:2015' }],
    notes: 'Măng vầu rừng tự nhiên, không dùng lưu huỳnh.',
  });
  const steps = [
    [
      'harvesting',
      75,
      '06613',
      'Rừng vầu bản Khe Mò',
      'Hộ bà Hoàng Thị Lan, bản Khe Mò',
      [],
      [['Măng vầu tươi', 1200, 'kg']],
      'Bẻ măng non dưới 40 cm.',
    ],
    [
      'processing',
      74,
      '06613',
      'Lò luộc và giàn phơi bản Khe Mò',
      'Hộ bà Hoàng Thị Lan',
      [['Măng vầu tươi', 1200, 'kg']],
      [['Măng khô', 85, 'kg']],
      'Luộc 3 giờ, ngâm nước suối một đêm, phơi nắng 14 ngày.',
    ],
    [
      'receiving',
      58,
      '05977',
      'Kho HTX Nông sản Đông Kinh',
      'Thủ kho HTX Nông sản Đông Kinh',
      [['Măng khô', 85, 'kg']],
      [],
      'Kiểm tra cảm quan: màu vàng đều, không mốc.',
    ],
    [
      'packing',
      57,
      '05977',
      'Kho HTX Nông sản Đông Kinh',
      'Tổ đóng gói HTX',
      [['Măng khô', 85, 'kg']],
      [['Túi măng khô 500 g', 170, 'bag']],
      'Đóng túi zip, dán tem truy xuất.',
    ],
    [
      'inspecting',
      55,
      '05977',
      'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Lạng Sơn',
      'Trung tâm Kỹ thuật TCĐLCL Lạng Sơn',
      [],
      [],
      'Phiếu kết quả số 0388/KQ: không phát hiện SO₂, độ ẩm 13 %.',
    ],
  ];
  const material = ([name, quantity, unit]) => ({ name, quantity, unit });
  for (const [kind, ago, communeCode, placeName, actorName, inputs, outputs, notes] of steps) {
    await call(baseUrl, 'POST', `/api/seller/batches/${batch.id}/events`, token, {
      kind,
      occurredAt: daysAgo(ago).toISOString(),
      communeCode,
      placeName,
      actorName,
      inputs: inputs.map(material),
      outputs: outputs.map(material),
      notes,
    });
  }
  return { code: batch.code, seeded: 'a batch with 5 events recorded by this script' };
}

async function measure(browser, url) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  let requests = 0;
  let documentId = null;
  let sentAt = 0;
  let headersAt = 0;
  // Under emulated throttling the navigation entry's responseStart leaves out the added latency, so
  // the time to first byte is taken from the browser's network events instead.
  cdp.on('Network.requestWillBeSent', (event) => {
    if (documentId === null && event.type === 'Document') {
      documentId = event.requestId;
      sentAt = event.timestamp;
    }
  });
  cdp.on('Network.responseReceived', (event) => {
    if (event.requestId === documentId) headersAt = event.timestamp;
  });
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  // Let the largest-contentful-paint entry settle.
  await page.waitForTimeout(500);
  const timing = await page.evaluate(
    () =>
      new Promise((done) => {
        const [navigation] = performance.getEntriesByType('navigation');
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        let lcp = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(
          () =>
            done({
              fcp: fcp ? fcp.startTime : null,
              lcp,
              domContentLoaded: navigation.domContentLoadedEventEnd,
              load: navigation.loadEventEnd,
              htmlTransferred: navigation.transferSize,
              htmlDecoded: navigation.decodedBodySize,
            }),
          50,
        );
      }),
  );
  await context.close();
  return { ...timing, ttfb: (headersAt - sentAt) * 1000, bytes, requests };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
const kb = (value) => `${(value / 1024).toFixed(1)} KB`;

const api = await startApi();
let browser;
try {
  const { code, seeded } = await traceCode(api.baseUrl);
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const version = browser.version();
  const url = `${api.baseUrl}/t/${code}`;
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, url));
  // What the server itself takes (render + chain verification + scan insert), without the network profile.
  const serverTimes = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await (await fetch(url)).arrayBuffer();
    serverTimes.push(performance.now() - started);
  }
  const serverMs = median(serverTimes);
  const home = (await fetch(`${api.baseUrl}/`)).headers.get('content-type')?.includes('text/html')
    ? await measure(browser, `${api.baseUrl}/`)
    : null;
  if (process.env.SCREENSHOT) {
    // A full-page picture of what the phone shows, for a look at the layout (not part of the figures).
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(url);
    await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    await context.close();
  }
  const pick = (key) => median(runs.map((run) => run[key]));
  const result = {
    ttfb: pick('ttfb'),
    fcp: pick('fcp'),
    lcp: pick('lcp'),
    domContentLoaded: pick('domContentLoaded'),
    load: pick('load'),
    bytes: pick('bytes'),
    requests: pick('requests'),
    htmlDecoded: pick('htmlDecoded'),
  };
  console.log(JSON.stringify({ url, runs, median: result, serverMs, storefrontHome: home }, null, 2));

  const section = [
    '## Trace page',
    '',
    `Public trace page \`/t/{code}\` (server-rendered HTML, inline CSS, no script needed), measured by`,
    '`node bench/trace-page/measure.mjs` on ' +
      new Date().toISOString().slice(0, 10) +
      ` with Chromium ${version} (headless) emulating a`,
    `360×740 phone, DevTools "Slow 3G" (2,000 ms round trip, 400 kbit/s) and a ${CPU_SLOWDOWN}× CPU slowdown, cold cache; median of ${RUNS} loads.`,
    `Machine: ${await machine()}.`,
    `Page: ${seeded} (product, producer, batch facts, timeline, chain check, location-sharing button).`,
    '',
    '| measure | trace page |' + (home ? ' storefront home (SPA), for comparison |' : ''),
    '|---|---|' + (home ? '---|' : ''),
    `| bytes transferred (all requests) | ${kb(result.bytes)} in ${result.requests} request(s) |` +
      (home ? ` ${kb(home.bytes)} in ${home.requests} requests |` : ''),
    `| HTML size uncompressed | ${kb(result.htmlDecoded)} |` + (home ? ` ${kb(home.htmlDecoded)} |` : ''),
    `| time to first byte | ${ms(result.ttfb)} |` + (home ? ` ${ms(home.ttfb)} |` : ''),
    `| first contentful paint | ${ms(result.fcp)} |` + (home ? ` ${home.fcp ? ms(home.fcp) : '–'} |` : ''),
    `| largest contentful paint | ${ms(result.lcp)} |` + (home ? ` ${home.lcp ? ms(home.lcp) : '–'} |` : ''),
    `| load event | ${ms(result.load)} |` + (home ? ` ${ms(home.load)} |` : ''),
    '',
    `Server time for the page without the network profile (render, chain verification, scan insert): median ${ms(serverMs)} over 20 requests.`,
    '',
    'The 2 s round trip of the profile is the floor: the page needs one round trip for its HTML and nothing',
    'else before it paints (product photos are `loading="lazy"` below the text and are not counted when off-screen).',
    '',
  ].join('\n');
  const resultsPath = join(ROOT, 'bench/RESULTS.md');
  const existing = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmarks\n\n';
  const start = existing.indexOf('## Trace page');
  let updated;
  if (start < 0) {
    updated = `${existing.replace(/\n*$/, '\n\n')}${section}`;
  } else {
    const next = existing.indexOf('\n## ', start + 1);
    updated = existing.slice(0, start) + section + (next < 0 ? '' : existing.slice(next + 1));
  }
  writeFileSync(resultsPath, updated);
  console.log(`\nWrote the "Trace page" section of ${resultsPath}`);
} finally {
  await browser?.close();
  await api.stop();
}
