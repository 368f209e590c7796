// Checkout benchmark: 100 concurrent buyers on 50 popular items, each looping add-to-cart → checkout
// (cash on delivery). After a warm-up, measures for DURATION_SECONDS: orders per second (checkouts
// answered 201 only), checkout latency percentiles, and checks that no variant was oversold (stock +
// units sold = initial stock, stock never negative). Also records the load average before and after,
// and the CPU time the API process, PostgreSQL and this load generator used per order, which tells
// more than orders/s on a machine shared with other work.
//
//   pnpm build && node bench/checkout/run.mjs
//
// Prints the result as JSON and writes it into the "## Checkout" section of bench/RESULTS.md,
// between the markers below (WRITE_RESULTS=0 to only print).
//
// Environment: BUYERS (100), ITEMS (50), INITIAL_STOCK (100000), DURATION_SECONDS (30),
// WARMUP_SECONDS (5), WRITE_RESULTS (1), DATABASE_URL (an empty database to use instead of a
// throw-away embedded one, e.g. one with pg_stat_statements loaded to see where PostgreSQL spends).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { gunzipSync, inflateSync } from 'node:zlib';
import pg from 'pg';
import { machine, percentile, startApi } from '../lib/api-server.mjs';

const BUYERS = Number(process.env.BUYERS ?? 100);
const ITEMS = Number(process.env.ITEMS ?? 50);
const INITIAL_STOCK = Number(process.env.INITIAL_STOCK ?? 100_000);
const DURATION_SECONDS = Number(process.env.DURATION_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.WARMUP_SECONDS ?? 5);
const WRITE_RESULTS = process.env.WRITE_RESULTS !== '0';
const TARGET_ORDERS_PER_SECOND = 200;
const RESULTS = new URL('../RESULTS.md', import.meta.url);
const START = '<!-- bench/checkout/run.mjs: generated from here -->';
const END = '<!-- bench/checkout/run.mjs: generated up to here -->';

const CHECKOUT = {
  buyer: { name: 'Khách Benchmark', phone: '0901000099' },
  delivery: {
    recipientName: 'Khách Benchmark',
    recipientPhone: '0901000099',
    streetAddress: 'Số 1',
    communeCode: '00004',
  },
  invoice: { name: 'Khách Benchmark' },
  paymentMethod: 'cod',
};

async function seedItems(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const {
    rows: [org],
  } = await client.query("SELECT id FROM organisations WHERE status = 'approved' ORDER BY created_at LIMIT 1");
  const variants = [];
  for (let i = 0; i < ITEMS; i += 1) {
    const {
      rows: [product],
    } = await client.query(
      `INSERT INTO products (organisation_id, category_code, name, slug, status, published_at, first_published_at)
       VALUES ($1, 'gia-vi', $2, $3, 'published', now(), now()) RETURNING id`,
      [org.id, `Sản phẩm benchmark ${i}`, `san-pham-benchmark-${i}`],
    );
    const {
      rows: [variant],
    } = await client.query(
      `INSERT INTO product_variants (product_id, organisation_id, label, sku, price, stock, weight_grams)
       VALUES ($1, $2, '1 kg', $3, $4, $5, 1000) RETURNING id`,
      [product.id, org.id, `BENCH-${i}`, 50_000 + i * 1_000, INITIAL_STOCK],
    );
    variants.push(variant.id);
  }
  await client.end();
  return variants;
}

/**
 * Real HTTP/1.1 over keep-alive connections, one per buyer, with the headers a browser sends
 * (gzip accepted, so the API compresses its answers as it would for a phone). node:http rather than
 * fetch because the load generator shares the machine's two cores with the API and PostgreSQL,
 * and fetch costs it about twice as much CPU per request.
 */
const agent = new Agent({ keepAlive: true, maxSockets: BUYERS });

function post(baseUrl, path, headers, body) {
  const { hostname, port } = new URL(baseUrl);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname,
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          'accept-encoding': 'gzip, deflate',
          ...headers,
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            let raw = Buffer.concat(chunks);
            const encoding = response.headers['content-encoding'];
            if (encoding === 'gzip') raw = gunzipSync(raw);
            else if (encoding === 'deflate') raw = inflateSync(raw);
            resolve({ status: response.statusCode, body: raw.length > 0 ? JSON.parse(raw.toString('utf8')) : null });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** One buyer: a fresh guest cart per order, as a visitor who adds one item and checks out. */
async function buyer(baseUrl, variants, until, stats) {
  while (Date.now() < until) {
    const variantId = variants[Math.floor(Math.random() * variants.length)];
    const cartStarted = performance.now();
    const added = await post(
      baseUrl,
      '/api/cart/lines',
      {},
      { variantId, quantity: 1 + Math.floor(Math.random() * 3) },
    );
    stats.cartLatencies.push(performance.now() - cartStarted);
    if (added.status !== 201) {
      stats.cartFailures[added.status] = (stats.cartFailures[added.status] ?? 0) + 1;
      continue;
    }
    const started = performance.now();
    const response = await post(baseUrl, '/api/checkout', { 'x-cart-token': added.body.cartToken }, CHECKOUT);
    stats.latencies.push(performance.now() - started);
    const body = response.body;
    if (response.status === 201 && body.order?.sellerOrders?.length === 1 && body.payment?.method === 'cod') {
      stats.orders += 1;
    } else {
      const key = response.status === 201 ? '201 without order or payment' : response.status;
      stats.failures[key] = (stats.failures[key] ?? 0) + 1;
    }
  }
}

async function drive(baseUrl, variants, seconds) {
  const stats = { orders: 0, failures: {}, cartFailures: {}, latencies: [], cartLatencies: [] };
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: BUYERS }, () => buyer(baseUrl, variants, until, stats)));
  return { ...stats, elapsed: (Date.now() - started) / 1000 };
}

/**
 * CPU seconds used so far by this process's descendants (the API's node process and the PostgreSQL
 * it started), by command name. Processes that end between two readings are missed, so only the
 * delta over a window in which the pool's connections stay open is meaningful.
 */
function cpuByProcess() {
  const processes = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // Fields after the name: state(0) ppid(1) … utime(11) stime(12).
      processes.set(Number(entry), {
        comm,
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // the process ended while we read
    }
  }
  const isDescendant = (pid) => {
    for (let current = processes.get(pid)?.ppid; current; current = processes.get(current)?.ppid) {
      if (current === process.pid) return true;
    }
    return false;
  };
  const byPid = new Map();
  for (const [pid, info] of processes) if (isDescendant(pid)) byPid.set(pid, info);
  return byPid;
}

function cpuDelta(before, after) {
  const seconds = { api: 0, postgres: 0 };
  for (const [pid, info] of after) {
    const ticks = info.ticks - (before.get(pid)?.ticks ?? 0);
    seconds[info.comm.startsWith('postgres') ? 'postgres' : 'api'] += ticks / 100;
  }
  return seconds;
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

/** Milliseconds as the tables in RESULTS.md show them: whole, with thousands separated. */
const ms = (value) => `${Math.round(Number(value)).toLocaleString('en')} ms`;

function writeResults(report) {
  const failures = Object.entries(report.failures);
  const block = [
    START,
    '',
    `Latest run: ${report.date}, ${report.machine}; load average (1 / 5 / 15 min) ${report.loadBefore} before, ` +
      `${report.loadAfter} after. ${report.buyers} buyers, ${report.items} items, ${report.warmupSeconds} s warm-up, ` +
      `then ${report.seconds} s measured.`,
    '',
    '| buyers | items | orders | orders/s | checkout p50 | p95 | p99 | add-to-cart p50 | p99 | failures | oversold variants |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    `| ${report.buyers} | ${report.items} | ${report.orders.toLocaleString('en')} | **${report.ordersPerSecond}** | ` +
      `${ms(report.checkoutP50ms)} | ${ms(report.checkoutP95ms)} | ${ms(report.checkoutP99ms)} | ${ms(report.cartP50ms)} | ` +
      `${ms(report.cartP99ms)} | ${failures.length === 0 ? 0 : failures.map(([k, n]) => `${n} × ${k}`).join(', ')} | ` +
      `**${report.oversoldVariants}** |`,
    '',
    `CPU per order over the measured window: API process ${report.cpuMsPerOrder.api} ms, PostgreSQL ` +
      `${report.cpuMsPerOrder.postgres} ms, load generator ${report.cpuMsPerOrder.loadGenerator} ms ` +
      '(each order is one add-to-cart and one checkout).',
    '',
    `Target (≥ ${TARGET_ORDERS_PER_SECOND} orders/s on 2 cores, none oversold): ` +
      `**${report.targetMet ? 'met' : 'not met'}** in this run.`,
    '',
    END,
  ].join('\n');
  let text = readFileSync(RESULTS, 'utf8');
  if (text.includes(START) && text.includes(END)) {
    text = text.slice(0, text.indexOf(START)) + block + text.slice(text.indexOf(END) + END.length);
  } else {
    // First run with markers: the block goes at the top of the section, the notes below it stay.
    const heading = text.indexOf('\n## Checkout\n');
    if (heading < 0) text = `${text.trimEnd()}\n\n## Checkout\n\n${block}\n`;
    else {
      const at = heading + '\n## Checkout\n'.length;
      text = `${text.slice(0, at)}\n${block}\n${text.slice(at)}`;
    }
  }
  writeFileSync(RESULTS, text);
}

if (!existsSync(new URL('../../apps/api/dist/main.js', import.meta.url))) {
  console.error('apps/api/dist/main.js is missing: run "pnpm build" first');
  process.exit(1);
}
const loadBefore = load();
const api = await startApi({ SEED_DEMO_DATA: 'true' });
const databaseUrl = process.env.DATABASE_URL ?? api.databaseUrl;
try {
  const variants = await seedItems(databaseUrl);
  if (WARMUP_SECONDS > 0) await drive(api.baseUrl, variants, WARMUP_SECONDS);

  const cpuBefore = cpuByProcess();
  const ownBefore = process.cpuUsage();
  const run = await drive(api.baseUrl, variants, DURATION_SECONDS);
  const own = process.cpuUsage(ownBefore);
  const cpu = cpuDelta(cpuBefore, cpuByProcess());
  const loadAfter = load();

  // Every order counts here, the warm-up's included: they all took stock.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT v.id, v.stock, coalesce(sum(l.quantity), 0)::int AS sold
     FROM product_variants v LEFT JOIN seller_order_lines l ON l.variant_id = v.id
     WHERE v.id = ANY($1) GROUP BY v.id`,
    [variants],
  );
  await client.end();
  const oversold = rows.filter((row) => row.stock < 0 || row.stock + row.sold !== INITIAL_STOCK).length;

  run.latencies.sort((a, b) => a - b);
  run.cartLatencies.sort((a, b) => a - b);
  const perOrder = (seconds) => (run.orders === 0 ? 'n/a' : ((seconds * 1000) / run.orders).toFixed(2));
  const ordersPerSecond = run.orders / run.elapsed;
  const report = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: await machine(),
    loadBefore,
    loadAfter,
    buyers: BUYERS,
    items: ITEMS,
    warmupSeconds: WARMUP_SECONDS,
    seconds: run.elapsed.toFixed(1),
    orders: run.orders,
    ordersPerSecond: ordersPerSecond.toFixed(1),
    checkoutP50ms: percentile(run.latencies, 50).toFixed(1),
    checkoutP95ms: percentile(run.latencies, 95).toFixed(1),
    checkoutP99ms: percentile(run.latencies, 99).toFixed(1),
    cartP50ms: percentile(run.cartLatencies, 50).toFixed(1),
    cartP99ms: percentile(run.cartLatencies, 99).toFixed(1),
    failures: {
      ...run.failures,
      ...Object.fromEntries(Object.entries(run.cartFailures).map(([k, n]) => [`cart ${k}`, n])),
    },
    oversoldVariants: oversold,
    cpuSeconds: {
      api: cpu.api.toFixed(1),
      postgres: cpu.postgres.toFixed(1),
      loadGenerator: ((own.user + own.system) / 1e6).toFixed(1),
    },
    cpuMsPerOrder: {
      api: perOrder(cpu.api),
      postgres: perOrder(cpu.postgres),
      loadGenerator: perOrder((own.user + own.system) / 1e6),
    },
    targetMet: ordersPerSecond >= TARGET_ORDERS_PER_SECOND && oversold === 0,
  };
  console.log(JSON.stringify(report, null, 2));
  if (WRITE_RESULTS) writeResults(report);
} finally {
  agent.destroy();
  await api.stop();
}
