// Search benchmark: 100,000 products from the large-catalogue generator, 50 concurrent HTTP clients
// sending a mix of real searches (with and without diacritics, typos, half-typed words, facet
// filters, sorts, pages and category browsing) to GET /api/search for 30 s, after a warm-up.
// Reports throughput and p50/p95/p99 latency, and writes them to bench/RESULTS.md (## Search).
//
//   pnpm --filter @ocop/api build && node bench/search/run.mjs
//
// Environment: PRODUCTS (100000), CONNECTIONS (50), DURATION_SECONDS (30), WARMUP_SECONDS (10),
// RAW_SECONDS (20; the same load with the result cache off, to show the engine alone; 0 skips it),
// HOT_SECONDS (15; only the 200 most frequent requests of the mix, all answered from the cache),
// PACED_SECONDS (20; the mix offered at the target rate, 1,000 req/s, instead of as fast as possible),
// DATABASE_URL (use this database instead of a throw-away embedded one), REGENERATE=1.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { machine, percentile, startApi } from '../lib/api-server.mjs';
import { prepareCatalogDatabase } from './catalog-db.mjs';
import { requestSequence } from './queries.mjs';

const PRODUCTS = Number(process.env.PRODUCTS ?? 100_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION_SECONDS = Number(process.env.DURATION_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.WARMUP_SECONDS ?? 10);
const RAW_SECONDS = Number(process.env.RAW_SECONDS ?? 20);
const HOT_SECONDS = Number(process.env.HOT_SECONDS ?? 15);
const PACED_SECONDS = Number(process.env.PACED_SECONDS ?? 20);
const RESULTS = new URL('../RESULTS.md', import.meta.url);
const TARGET = { requestsPerSecond: 1000, p99Ms: 50 };
const START = '<!-- bench/search/run.mjs: generated from here -->';
const END = '<!-- bench/search/run.mjs: generated up to here -->';
// API only: with the storefront and admin builds present, their static middleware stats the disk on
// every request, /api included; that is a cost of serving the apps from the API's port, not of search.
const API_ONLY = { WEB_ROOT: '/nonexistent-web-root' };

const paths = requestSequence(400_000);
let cursor = 0;

/** Every path requested so far in this API process: a repeat can be answered from the cache. */
let requestedBefore = new Set();

/**
 * Drives the API with the mix; every response time is kept, so percentiles are exact. With a rate,
 * the 50 connections together offer at most that many requests per second (open-ended otherwise).
 */
async function drive(baseUrl, seconds, requestPaths = null, overallRate = undefined) {
  const latencies = [];
  const statuses = {};
  const seen = new Set();
  let repeats = 0;
  const instance = autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    overallRate,
    requests: [
      {
        setupRequest: (request) => {
          const path = requestPaths ? requestPaths[cursor++ % requestPaths.length] : paths[cursor++ % paths.length];
          seen.add(path);
          if (requestedBefore.has(path)) repeats += 1;
          else requestedBefore.add(path);
          return { ...request, path };
        },
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const elapsed = result.duration;
  return {
    seconds: Number(elapsed.toFixed(1)),
    requests: latencies.length,
    distinctRequests: seen.size,
    repeatedPercent: Number(((repeats / Math.max(1, latencies.length)) * 100).toFixed(1)),
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p95: Number(percentile(latencies, 95).toFixed(1)),
    p99: Number(percentile(latencies, 99).toFixed(1)),
    max: Number((latencies[latencies.length - 1] ?? NaN).toFixed(1)),
    non2xx: Object.entries(statuses)
      .filter(([status]) => !status.startsWith('2'))
      .reduce((sum, [, count]) => sum + count, 0),
    errors: result.errors + result.timeouts,
  };
}

async function sample(baseUrl) {
  const checks = {};
  for (const q of ['mat ong', 'Mật ong', 'thahc den', 'quit bac son']) {
    const response = await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(q)}&pageSize=3`);
    const body = await response.json();
    checks[q] = { total: body.total, first: body.items.map((item) => item.name) };
  }
  return checks;
}

function writeResults(report) {
  const row = (name, r) =>
    `| ${name} | ${r.seconds} s | ${r.requests.toLocaleString('en')} | ${r.distinctRequests.toLocaleString('en')} | **${r.requestsPerSecond.toLocaleString('en')}** | ${r.p50} | ${r.p95} | **${r.p99}** | ${r.max} | ${r.non2xx + r.errors} |`;
  const met = report.cached.requestsPerSecond >= TARGET.requestsPerSecond && report.cached.p99 <= TARGET.p99Ms;
  const block = [
    START,
    `Run on ${report.date} with \`node bench/search/run.mjs\` (PostgreSQL engine, the default).`,
    '',
    `- Machine: ${report.machine}; load average ${report.loadBefore} before, ${report.loadAfter} after`,
    `- Catalogue: ${report.catalogue}`,
    `- Load: ${CONNECTIONS} concurrent connections (autocannon, on the same machine), ${WARMUP_SECONDS} s warm-up then ${DURATION_SECONDS} s measured; the mix of \`bench/search/queries.mjs\` (text with and without diacritics, typos, half-typed words, facet filters, sorts, pages, category browsing)`,
    '- API: `node apps/api/dist/main.js`, NODE_ENV=production, LOG_LEVEL=error, one process, API only (WEB_ROOT without the built apps: their static middleware would stat the disk on every request); PostgreSQL 18 (embedded, default settings) on the same machine',
    '',
    '| run | duration | requests | distinct URLs | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |',
    '|---|---|---|---|---|---|---|---|---|---|',
    row('**search mix, cache on** (the default, SEARCH_CACHE_TTL_MS=30000)', report.cached),
    ...(report.paced
      ? [
          row(
            `search mix offered at ${TARGET.requestsPerSecond.toLocaleString('en')} req/s (paced, continuing after the run above), cache on`,
            report.paced,
          ),
        ]
      : []),
    ...(report.hot
      ? [row('the 200 most frequent requests of the mix, cache on (answers from the cache)', report.hot)]
      : []),
    ...(report.raw ? [row('search mix, cache off (SEARCH_CACHE_TTL_MS=0): the engine alone', report.raw)] : []),
    row('reference: GET /api/health (no database)', report.health),
    '',
    `In the measured mix, ${report.cached.repeatedPercent} % of requests repeated a URL already requested in this run (warm-up included); the rest were first requests, answered by the engine.`,
    '',
    `Target (≥ ${TARGET.requestsPerSecond} req/s with p99 ≤ ${TARGET.p99Ms} ms, search mix, cache on): **${met ? 'met' : 'not met'}**.`,
    '',
    'Spot checks after the run (first three names):',
    '',
    ...Object.entries(report.checks).map(
      ([q, check]) => `- \`${q}\` → ${check.total} results: ${check.first.join('; ')}`,
    ),
    END,
  ].join('\n');

  // Only the generated block is replaced, so notes written around it in the section survive a re-run.
  let text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const heading = text.indexOf('\n## Search\n');
  if (text.includes(START) && text.includes(END)) {
    text = text.slice(0, text.indexOf(START)) + block + text.slice(text.indexOf(END) + END.length);
  } else if (heading >= 0) {
    // A section from before the markers existed: replaced whole, up to the next section.
    const next = text.indexOf('\n## ', heading + 1);
    text = `${text.slice(0, heading)}\n## Search\n\n${block}\n${next >= 0 ? text.slice(next) : ''}`;
  } else {
    text = `${text.trimEnd()}\n\n## Search\n\n${block}\n`;
  }
  writeFileSync(RESULTS, text);
}

const log = (line) => console.log(line);
const database = await prepareCatalogDatabase({ products: PRODUCTS, log });
try {
  const loadBefore = loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
  log(`Starting the API (cache on) …`);
  let api = await startApi({ ...API_ONLY, DATABASE_URL: database.url, SEED_DEMO_DATA: 'false' });
  let cached;
  let hot = null;
  let paced = null;
  let health;
  let checks;
  try {
    health = await drive(api.baseUrl, 10, ['/api/health']);
    log(`  /api/health: ${health.requestsPerSecond} req/s, p99 ${health.p99} ms`);
    log(`  warm-up ${WARMUP_SECONDS} s …`);
    await drive(api.baseUrl, WARMUP_SECONDS);
    log(`  measuring ${DURATION_SECONDS} s …`);
    cached = await drive(api.baseUrl, DURATION_SECONDS);
    log(`  ${JSON.stringify(cached)}`);
    if (PACED_SECONDS > 0) {
      log(`  the mix at ${TARGET.requestsPerSecond} req/s offered, ${PACED_SECONDS} s …`);
      paced = await drive(api.baseUrl, PACED_SECONDS, null, TARGET.requestsPerSecond);
      log(`  ${JSON.stringify(paced)}`);
    }
    if (HOT_SECONDS > 0) {
      const frequency = new Map();
      for (const path of paths.slice(0, 50_000)) frequency.set(path, (frequency.get(path) ?? 0) + 1);
      const hotPaths = [...frequency]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 200)
        .map(([path]) => path);
      log(`  the 200 most frequent requests only, ${HOT_SECONDS} s …`);
      hot = await drive(api.baseUrl, HOT_SECONDS, hotPaths);
      log(`  ${JSON.stringify(hot)}`);
    }
    checks = await sample(api.baseUrl);
  } finally {
    await api.stop();
  }

  let raw = null;
  if (RAW_SECONDS > 0) {
    log('Starting the API (cache off) …');
    api = await startApi({
      ...API_ONLY,
      DATABASE_URL: database.url,
      SEED_DEMO_DATA: 'false',
      SEARCH_CACHE_TTL_MS: '0',
    });
    try {
      cursor = 0;
      requestedBefore = new Set();
      raw = await drive(api.baseUrl, RAW_SECONDS);
      log(`  ${JSON.stringify(raw)}`);
    } finally {
      await api.stop();
    }
  }
  const report = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: await machine(),
    loadBefore,
    loadAfter: loadavg()
      .map((n) => n.toFixed(2))
      .join(' / '),
    catalogue: `${PRODUCTS.toLocaleString('en')} generated products, ${database.documents.toLocaleString('en')} of them public (published, priced, approved seller) and indexed`,
    cached,
    paced,
    hot,
    raw,
    health,
    checks,
  };
  writeResults(report);
  console.log(JSON.stringify(report, null, 2));
} finally {
  await database.stop();
}
