import { resolve } from 'node:path';
import { createApp } from './app.js';
import { type AppConfig, ConfigError, parseConfig } from './core/config/app-config.js';
import { loadOrCreateJwtSecret } from './core/config/secrets.js';
import { type RunningDatabase, startEmbeddedDatabase } from './core/database/embedded-database.js';
import { DEMO_ACCOUNTS } from './demo/demo-accounts.js';
import { DemoDataService } from './demo/demo-data.service.js';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let embedded: RunningDatabase | undefined;
  let databaseUrl = parsed.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = resolve(parsed.DATA_DIR, 'postgres');
    console.log(`Starting the embedded PostgreSQL in ${dataDir} …`);
    embedded = await startEmbeddedDatabase({
      dataDir,
      port: parsed.EMBEDDED_DB_PORT,
      persistent: true,
      databaseName: 'ocop',
    });
    databaseUrl = embedded.url;
  }
  const config: AppConfig = {
    ...parsed,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: parsed.JWT_SECRET ?? loadOrCreateJwtSecret(parsed.DATA_DIR),
  };

  const app = await createApp(config);
  const stopEmbedded = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stopEmbedded);
  process.once('SIGTERM', stopEmbedded);

  if (config.SEED_DEMO_DATA) await app.get(DemoDataService).seedIfEmpty();
  await app.listen(config.PORT, config.HOST);

  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const lines = [
    '',
    'OCOP marketplace is running',
    `  Storefront   ${base}/`,
    `  Admin        ${base}/admin`,
    `  API          ${base}/api   (reference: ${base}/api/docs)`,
    `  Database     ${embedded ? `embedded PostgreSQL in ${resolve(config.DATA_DIR, 'postgres')}` : 'DATABASE_URL'}`,
  ];
  if (config.SEED_DEMO_DATA) {
    lines.push('', 'Demo accounts (sign in with the email or the phone number):');
    for (const account of DEMO_ACCOUNTS) {
      lines.push(
        `  ${account.description.padEnd(52)} ${account.email.padEnd(20)} ${account.phone}  ${account.password}`,
      );
    }
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  console.error('The marketplace could not start:', error);
  process.exit(1);
});
