// The database the KPI benchmark runs on: an embedded PostgreSQL in a directory kept between runs
// (KPI_BENCH_DIR, /tmp/kpi-bench by default; outside the repository), migrated, and filled once by
// generate.mjs. A later run finds the data there and starts in seconds.
//
//   node bench/kpis/bench-db.mjs          prepares the database (generating when needed) and stops it
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../lib/api-server.mjs';
import { generate, SIZES } from './generate.mjs';

const DIST = fileURLToPath(new URL('../../apps/api/dist/', import.meta.url));
export const BENCH_DIR = process.env.KPI_BENCH_DIR ?? '/tmp/kpi-bench';

async function load(path) {
  const file = join(DIST, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "pnpm --filter @ocop/api build" first`);
  return import(file);
}

/** Row counts and on-disk size of what the dashboard reads, for the results table. */
export async function dataSizes(client) {
  const { rows } = await client.query(`
    SELECT (SELECT count(*) FROM organisations)::int AS organisations,
           (SELECT count(*) FROM products)::int AS products,
           (SELECT count(*) FROM customer_orders)::int AS customer_orders,
           (SELECT count(*) FROM seller_orders)::int AS seller_orders,
           (SELECT count(*) FROM seller_order_events)::int AS seller_order_events,
           (SELECT count(*) FROM payments)::int AS payments,
           (SELECT count(*) FROM invoices)::int AS invoices,
           (SELECT count(*) FROM trace_scans)::int AS trace_scans,
           pg_size_pretty(pg_database_size(current_database())) AS database_size`);
  return rows[0];
}

export async function prepareKpiDatabase({ log = console.log } = {}) {
  const { startEmbeddedDatabase } = await load('core/database/embedded-database.js');
  const { runMigrations } = await load('core/database/run-migrations.js');
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const port = await freePort();
    log(`Embedded PostgreSQL in ${BENCH_DIR}/pgdata (kept between runs) on port ${port} …`);
    const db = await startEmbeddedDatabase({
      dataDir: join(BENCH_DIR, 'pgdata'),
      port,
      persistent: true,
      databaseName: 'ocop',
    });
    url = db.url;
    stop = () => db.stop();
  }
  try {
    const started = performance.now();
    await runMigrations(url);
    log(`  migrations checked in ${Math.round(performance.now() - started)} ms`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let generatedSeconds = null;
    try {
      const [{ n }] = (await client.query("SELECT count(*)::int AS n FROM customer_orders WHERE code LIKE 'BENCH-%'"))
        .rows;
      if (n === 0) {
        log(
          `Generating ${SIZES.sellers.toLocaleString('en')} sellers, ${SIZES.products.toLocaleString('en')} products, ${SIZES.orders.toLocaleString('en')} orders …`,
        );
        const t0 = performance.now();
        await generate(client);
        generatedSeconds = Math.round((performance.now() - t0) / 1000);
        log(`  generated in ${generatedSeconds} s`);
        // Kept with the data, so that later runs can say how long it took to make.
        writeFileSync(
          join(BENCH_DIR, 'generated.json'),
          JSON.stringify({ seconds: generatedSeconds, at: new Date().toISOString(), load: loadavg() }),
        );
      } else {
        log(`  ${n.toLocaleString('en')} generated orders already there: not regenerating`);
      }
      const sizes = await dataSizes(client);
      const note = join(BENCH_DIR, 'generated.json');
      const generated = existsSync(note) ? JSON.parse(readFileSync(note, 'utf8')) : null;
      return { url, stop, sizes, generatedSeconds: generatedSeconds ?? generated?.seconds ?? null, generated };
    } finally {
      await client.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = await prepareKpiDatabase();
  console.log(db.sizes);
  await db.stop();
}
