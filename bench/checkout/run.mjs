// Checkout benchmark: 100 concurrent buyers on 50 popular items, each looping add-to-cart → checkout
// (cash on delivery) for DURATION_SECONDS. Reports orders per second, checkout latency percentiles,
// and checks that no variant was oversold (stock + units sold = initial stock, stock never negative).
//
//   pnpm build && node bench/checkout/run.mjs
import pg from 'pg';
import { machine, percentile, startApi } from '../lib/api-server.mjs';

const BUYERS = Number(process.env.BUYERS ?? 100);
const ITEMS = Number(process.env.ITEMS ?? 50);
const INITIAL_STOCK = Number(process.env.INITIAL_STOCK ?? 100_000);
const DURATION_SECONDS = Number(process.env.DURATION_SECONDS ?? 30);

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

async function buyer(baseUrl, variants, until, latencies, counters) {
  while (Date.now() < until) {
    const variantId = variants[Math.floor(Math.random() * variants.length)];
    const added = await fetch(`${baseUrl}/api/cart/lines`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variantId, quantity: 1 + Math.floor(Math.random() * 3) }),
    });
    const { cartToken } = await added.json();
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cart-token': cartToken },
      body: JSON.stringify(CHECKOUT),
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    if (response.status === 201) counters.orders += 1;
    else counters.failures[response.status] = (counters.failures[response.status] ?? 0) + 1;
  }
}

const api = await startApi({ SEED_DEMO_DATA: 'true' });
try {
  const variants = await seedItems(api.databaseUrl);
  const latencies = [];
  const counters = { orders: 0, failures: {} };
  const started = Date.now();
  const until = started + DURATION_SECONDS * 1000;
  await Promise.all(Array.from({ length: BUYERS }, () => buyer(api.baseUrl, variants, until, latencies, counters)));
  const elapsed = (Date.now() - started) / 1000;

  const client = new pg.Client({ connectionString: api.databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT v.id, v.stock, coalesce(sum(l.quantity), 0)::int AS sold
     FROM product_variants v LEFT JOIN seller_order_lines l ON l.variant_id = v.id
     WHERE v.id = ANY($1) GROUP BY v.id`,
    [variants],
  );
  await client.end();
  const oversold = rows.filter((row) => row.stock < 0 || row.stock + row.sold !== INITIAL_STOCK).length;

  latencies.sort((a, b) => a - b);
  const result = {
    machine: await machine(),
    buyers: BUYERS,
    items: ITEMS,
    seconds: elapsed.toFixed(1),
    orders: counters.orders,
    ordersPerSecond: (counters.orders / elapsed).toFixed(1),
    checkoutP50ms: percentile(latencies, 50).toFixed(1),
    checkoutP95ms: percentile(latencies, 95).toFixed(1),
    checkoutP99ms: percentile(latencies, 99).toFixed(1),
    failures: counters.failures,
    oversoldVariants: oversold,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await api.stop();
}
