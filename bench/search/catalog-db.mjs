// The database a search benchmark runs on: the embedded PostgreSQL in a throw-away directory (or
// DATABASE_URL), migrated, filled by the large-catalogue generator, and indexed by the rebuild
// command exactly as an operator would run it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../lib/api-server.mjs';

const DIST = fileURLToPath(new URL('../../apps/api/dist/', import.meta.url));

async function load(path) {
  const file = join(DIST, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "pnpm --filter @ocop/api build" first`);
  return import(file);
}

async function countDocuments(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS count FROM search_documents')).rows[0].count;
  } finally {
    await client.end();
  }
}

export async function prepareCatalogDatabase({ products, log = console.log }) {
  const { startEmbeddedDatabase } = await load('core/database/embedded-database.js');
  const { runMigrations } = await load('core/database/run-migrations.js');
  const { generateLargeCatalog } = await load('demo/large-catalog.js');

  let url = process.env.DATABASE_URL;
  let stopDatabase = async () => {};
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-search-'));
    const port = await freePort();
    log(`Starting an embedded PostgreSQL in ${dir} on port ${port} …`);
    const db = await startEmbeddedDatabase({
      dataDir: join(dir, 'postgres'),
      port,
      persistent: false,
      databaseName: 'ocop',
    });
    url = db.url;
    stopDatabase = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await runMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const [{ count }] = (
        await client.query("SELECT count(*)::int AS count FROM organisations WHERE slug LIKE 'synthetic-%'")
      ).rows;
      if (count === 0 || process.env.REGENERATE === '1') {
        log(`Generating ${products.toLocaleString('en')} products with apps/api/src/demo/large-catalog.ts …`);
        const result = await generateLargeCatalog(client, { products, replace: true, provinceCode: '20', log });
        log(`  ${result.publiclyVisible} public products, ${result.seconds.toFixed(1)} s`);
      } else {
        log('The synthetic catalogue is already there; set REGENERATE=1 to make it again.');
      }
    } finally {
      await client.end();
    }
    if (process.env.SKIP_REBUILD === '1') {
      log('Keeping the search index as it is (SKIP_REBUILD=1).');
      return { url, documents: await countDocuments(url), stop: stopDatabase };
    }
    log('Rebuilding the search index: node apps/api/dist/search/rebuild-index.js');
    const rebuilt = spawnSync(process.execPath, [join(DIST, 'search/rebuild-index.js')], {
      env: { PATH: process.env.PATH, DATABASE_URL: url, SEARCH_ENGINE: 'postgres', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    if (rebuilt.status !== 0) throw new Error(`rebuild failed:\n${rebuilt.stdout}\n${rebuilt.stderr}`);
    log(`  ${rebuilt.stdout.trim()}`);
    const vacuum = new pg.Client({ connectionString: url });
    await vacuum.connect();
    await vacuum.query('VACUUM ANALYZE search_documents');
    const [{ documents, size }] = (
      await vacuum.query(
        "SELECT count(*)::int AS documents, pg_size_pretty(pg_total_relation_size('search_documents')) AS size FROM search_documents",
      )
    ).rows;
    await vacuum.end();
    log(`  search_documents: ${documents} rows, ${size} with indexes`);
    return { url, documents, stop: stopDatabase };
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}
