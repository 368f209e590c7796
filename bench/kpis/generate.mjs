// Data generator for the KPI dashboard benchmark: SELLERS sellers across the home province's communes,
// PRODUCTS products (10 % OCOP, half of those traced), ORDERS delivered/cancelled/refunded orders over
// 2025–2026 with payments by every method, invoices, delivery events, traceability scans and trainings.
// Everything is written set-based (INSERT … SELECT generate_series), so a million orders take minutes.
//
//   node bench/kpis/generate.mjs postgres://…/ocop            (defaults: 10,000 / 200,000 / 1,000,000)
//   SELLERS=100 PRODUCTS=1000 ORDERS=5000 node bench/kpis/generate.mjs postgres://…
//
// bench/kpis/bench-db.mjs runs it once into a database kept between runs; bench/kpis/run.mjs measures.
import pg from 'pg';

export const SIZES = {
  sellers: Number(process.env.SELLERS ?? 10_000),
  products: Number(process.env.PRODUCTS ?? 200_000),
  orders: Number(process.env.ORDERS ?? 1_000_000),
  scans: Number(process.env.SCANS ?? 200_000),
  province: process.env.PROVINCE ?? '20',
};

// Random but repeatable: every column derives from the row number through hashes, not random().
const H = (expr, salt) => `abs(hashtext(${expr}::text || '${salt}'))`;

/** All or nothing: a run that fails half-way leaves no rows, so the next run simply starts again. */
export async function generate(client, sizes = SIZES) {
  await client.query('BEGIN');
  try {
    await fill(client, sizes);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  // VACUUM too: the visibility map lets the dashboard's index-only scans skip the table.
  await client.query('VACUUM ANALYZE');
}

async function fill(client, sizes) {
  const step = async (label, text, values = []) => {
    const started = performance.now();
    const result = await client.query(text, values);
    console.log(`${label}: ${result.rowCount ?? 0} rows in ${Math.round(performance.now() - started)} ms`);
  };
  const {
    rows: [{ n: communes }],
  } = await client.query('SELECT count(*)::int AS n FROM communes WHERE province_code = $1', [sizes.province]);
  if (!communes) throw new Error(`no communes in province ${sizes.province}`);

  await client.query(
    'CREATE TEMP TABLE bench_communes ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM communes WHERE province_code = $1',
    [sizes.province],
  );
  await step(
    'organisations',
    `INSERT INTO organisations (name, slug, legal_type, is_sme, commune_code, status, approved_at, contact_name, created_at)
     SELECT 'Người bán benchmark ' || g, 'bench-seller-' || g,
            (ARRAY['cooperative', 'enterprise', 'household_business', 'cooperative_group', 'individual_business'])[1 + g % 5],
            g % 5 = 1 AND g % 3 <> 0, c.code, CASE WHEN g % 20 = 0 THEN 'pending' ELSE 'approved' END,
            CASE WHEN g % 20 = 0 THEN NULL ELSE timestamptz '2025-01-01 00:00+07' + make_interval(days => ${H('g', 'a')} % 600) END,
            'Liên hệ ' || g, timestamptz '2024-12-01 00:00+07'
     FROM generate_series(1, $1::int) g JOIN bench_communes c ON c.i = ${H('g', 'c')} % $2::int`,
    [sizes.sellers, communes],
  );
  await client.query(
    "CREATE TEMP TABLE bench_sellers ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY slug) - 1 AS i, id FROM organisations WHERE slug LIKE 'bench-seller-%'",
  );
  await client.query('CREATE UNIQUE INDEX ON bench_sellers (i)');

  await step(
    'products',
    `INSERT INTO products (organisation_id, category_code, name, slug, status, published_at, first_published_at, packaging_material, created_at, updated_at)
     SELECT s.id, 'gia-vi', 'Sản phẩm benchmark ' || g, 'bench-product-' || g, x.status,
            CASE WHEN x.status = 'published' THEN x.published END, CASE WHEN x.status <> 'draft' THEN x.published END,
            (ARRAY['plastic', 'recyclable', 'biodegradable', 'other', NULL])[1 + g % 5], x.published - interval '2 days',
            CASE WHEN x.status = 'archived' THEN x.published + interval '90 days' ELSE x.published END
     FROM generate_series(1, $1::int) g
     JOIN bench_sellers s ON s.i = g % $2::int
     CROSS JOIN LATERAL (SELECT CASE WHEN g % 10 < 8 THEN 'published' WHEN g % 10 = 8 THEN 'archived' ELSE 'draft' END AS status,
                                timestamptz '2025-01-01 00:00+07' + make_interval(hours => ${H('g', 'p')} % 14000) AS published) x`,
    [sizes.products, sizes.sellers],
  );
  await step(
    'ocop_certificates',
    `INSERT INTO ocop_certificates (product_id, organisation_id, stars, certificate_number, issuing_level, issued_on, expires_on, status)
     SELECT p.id, p.organisation_id, 3 + ${H('p.slug', 's')} % 3, 'BENCH-OCOP-' || p.slug, 'provincial', date '2024-06-01', date '2027-06-01', 'verified'
     FROM products p WHERE p.slug LIKE 'bench-product-%' AND ${H('p.slug', 'o')} % 10 = 0 AND p.status <> 'draft'`,
  );
  await step(
    'trace_batches',
    `INSERT INTO trace_batches (product_id, organisation_id, code, lot, harvested_on, quantity, unit, origin_commune_code, record_hash, head_hash, created_at)
     SELECT c.product_id, c.organisation_id, lpad(row_number() OVER ()::text, 10, '0'), 'LOT' || row_number() OVER (), date '2025-01-01', 100, 'kg',
            (SELECT code FROM bench_communes WHERE i = 0), repeat('b', 64), repeat('b', 64), timestamptz '2025-02-01 00:00+07'
     FROM ocop_certificates c WHERE c.certificate_number LIKE 'BENCH-OCOP-%' AND ${H('c.certificate_number', 't')} % 2 = 0`,
  );

  await step(
    'customer_orders',
    `INSERT INTO customer_orders (code, buyer_name, buyer_phone, recipient_name, recipient_phone, street_address, commune_code, province_code,
                                  invoice_name, invoice_tax_code, payment_method, goods_total, shipping_total, grand_total, access_token_hash, created_at)
     SELECT 'BENCH-' || g, 'Khách ' || g % 200000, '09' || lpad((g % 200000)::text, 8, '0'), 'Khách', '0900000000', 'Số 1', c.code, $3,
            'Khách', CASE WHEN g % 10 = 0 THEN '0100109106' END, (ARRAY['vnpay', 'vietqr', 'card', 'cod'])[1 + g % 4],
            x.goods, x.ship, x.goods + x.ship, 'bench', timestamptz '2025-01-01 00:00+07' + make_interval(mins => ${H('g', 't')} % 1000000)
     FROM generate_series(1, $1::int) g
     JOIN bench_communes c ON c.i = ${H('g', 'd')} % $2::int
     CROSS JOIN LATERAL (SELECT (50 + ${H('g', 'v')} % 950) * 1000 AS goods, (15 + g % 30) * 1000 AS ship) x`,
    [sizes.orders, communes, sizes.province],
  );
  await step(
    'seller_orders',
    `INSERT INTO seller_orders (customer_order_id, organisation_id, code, status, goods_total, shipping_fee, total, shipping_zone, weight_grams,
                                paid_online, created_at, status_changed_at)
     SELECT co.id, s.id, co.code || '-1',
            CASE WHEN n % 20 = 0 THEN 'cancelled' WHEN n % 50 = 1 THEN 'refunded' WHEN n % 7 = 0 THEN 'delivered' ELSE 'completed' END,
            co.goods_total, co.shipping_total, co.grand_total, 'intra_province', 500, co.payment_method <> 'cod', co.created_at, co.created_at
     FROM (SELECT co.*, substring(co.code from 7)::int AS n FROM customer_orders co WHERE co.code LIKE 'BENCH-%') co
     JOIN bench_sellers s ON s.i = ${H('co.n', 'e')} % $1::int`,
    [sizes.sellers],
  );
  await step(
    'seller_order_events',
    `INSERT INTO seller_order_events (seller_order_id, action, from_status, to_status, actor_type, created_at)
     SELECT so.id, e.action, e.from_status, e.to_status, 'seller', so.created_at + e.after
     FROM seller_orders so
     CROSS JOIN LATERAL (VALUES ('ship', 'packed', 'shipped', interval '1 day'),
                                ('deliver', 'shipped', 'delivered', interval '1 day' + make_interval(hours => ${H('so.code', 'h')} % 48))) e(action, from_status, to_status, after)
     WHERE so.code LIKE 'BENCH-%' AND so.status <> 'cancelled'`,
  );
  await step(
    'payments',
    `INSERT INTO payments (customer_order_id, method, amount, status, reference, access_token_hash, amount_received, paid_at, created_at)
     SELECT co.id, co.payment_method, co.grand_total, 'succeeded', 'BENCH-PAY-' || co.code, 'bench', co.grand_total,
            co.created_at + CASE WHEN co.payment_method = 'cod' THEN interval '2 days' ELSE interval '5 minutes' END, co.created_at
     FROM customer_orders co JOIN seller_orders so ON so.customer_order_id = co.id
     WHERE co.code LIKE 'BENCH-%' AND so.status <> 'cancelled'`,
  );
  await step(
    'invoices',
    `INSERT INTO invoices (seller_organisation_id, source_type, source_id, kind, request_key, status, form_number, symbol, number, issue_date,
                           transaction_at, buyer, lines, payment_method, totals_by_rate, total_before_vat, total_vat, total_payable,
                           amount_in_words, lookup_code, issued_at)
     SELECT so.organisation_id, 'seller_order', so.id, 'original', 'bench-' || so.code, 'issued', 1, 'C25TBB',
            row_number() OVER (PARTITION BY so.organisation_id ORDER BY so.code), (so.created_at + interval '3 days')::date,
            so.created_at, '{}'::jsonb, '[]'::jsonb, 'bench', '[]'::jsonb, so.goods_total, 0, so.goods_total, 'bench',
            'BENCH' || so.code, so.created_at + interval '3 days'
     FROM seller_orders so WHERE so.code LIKE 'BENCH-%' AND so.status IN ('delivered', 'completed') AND ${H('so.code', 'i')} % 10 < 6`,
  );
  await step(
    'trace_scans',
    `INSERT INTO trace_scans (batch_id, product_id, organisation_id, via, scanned_at)
     SELECT b.id, b.product_id, b.organisation_id, 'short_link', timestamptz '2025-02-01 00:00+07' + make_interval(mins => ${H('g', 'q')} % 900000)
     FROM generate_series(1, $1::int) g
     JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS i, * FROM trace_batches WHERE record_hash = repeat('b', 64)) b
       ON b.i = g % greatest(1, (SELECT count(*) FROM trace_batches WHERE record_hash = repeat('b', 64)))`,
    [sizes.scans],
  );
  await step(
    'training_events',
    `INSERT INTO training_events (title, organiser, province_code, commune_code, starts_at, ends_at, format, topic, audience)
     SELECT 'Lớp benchmark ' || g, 'Sở Công Thương', $1, NULL, timestamptz '2025-01-05 08:00+07' + make_interval(days => g * 3),
            timestamptz '2025-01-05 17:00+07' + make_interval(days => g * 3), 'offline', 'bench',
            CASE WHEN g % 2 = 0 THEN '{official}'::text[] ELSE '{enterprise_staff,student}'::text[] END
     FROM generate_series(1, 200) g`,
    [sizes.province],
  );
  await step(
    'training_participations',
    `INSERT INTO training_participations (event_id, participant_name, name_key, participant_type, phone, attended, dedupe_key)
     SELECT e.id, 'Học viên ' || g, 'hoc vien ' || g,
            (ARRAY['official', 'enterprise_staff', 'student', 'farmer'])[1 + g % 4], '091' || lpad(g::text, 7, '0'), g % 10 <> 0, 'bench-' || g
     FROM training_events e CROSS JOIN generate_series(1, 50) g WHERE e.topic = 'bench'`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: node bench/kpis/generate.mjs <database url>');
    process.exit(2);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await generate(client);
  } finally {
    await client.end();
  }
}
