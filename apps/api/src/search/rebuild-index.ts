import 'reflect-metadata';
import { resolve } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ConfigError, parseConfig } from '../core/config/app-config.js';
import { dataSourceOptions } from '../core/database/data-source-options.js';
import { type RunningDatabase, startEmbeddedDatabase } from '../core/database/embedded-database.js';
import { createSearchEngine } from './search-engine.factory.js';
import { rebuildSearchIndex } from './search-rebuild.js';

/**
 * `node apps/api/dist/search/rebuild-index.js`: rebuilds the search index from the catalog, with
 * the same configuration as the server (DATABASE_URL, or the embedded database in DATA_DIR; the
 * engine from MEILI_URL / SEARCH_ENGINE). If the server is running on the embedded database, that
 * database is used as it is; otherwise it is started for the rebuild and stopped after.
 */
async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  let embedded: RunningDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const running = `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_DB_PORT}/ocop`;
    if (await canConnect(running)) {
      url = running;
    } else {
      const dataDir = resolve(config.DATA_DIR, 'postgres');
      console.log(`Starting the embedded PostgreSQL in ${dataDir} …`);
      embedded = await startEmbeddedDatabase({
        dataDir,
        port: config.EMBEDDED_DB_PORT,
        persistent: true,
        databaseName: 'ocop',
      });
      url = embedded.url;
    }
  }
  // Initialising applies pending migrations, so the rebuild never runs against an older schema.
  const db = new DataSource(dataSourceOptions(url));
  try {
    await db.initialize();
    const engine = createSearchEngine(config, db);
    const report = await rebuildSearchIndex(db, engine);
    console.log(
      `Search index rebuilt: ${report.documents} documents in ${report.engine}, ${report.seconds.toFixed(1)} s`,
    );
  } finally {
    if (db.isInitialized) await db.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
