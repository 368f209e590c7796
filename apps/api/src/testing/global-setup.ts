import type { TestProject } from 'vitest/node';
import { runMigrations } from '../core/database/run-migrations.js';
import { startTestCluster, TEMPLATE_DATABASE, withAdminClient } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/**
 * One PostgreSQL cluster per test run, with a template database that has every migration applied.
 * Each test file clones the template (see test-app.ts), which takes milliseconds instead of
 * re-running the migrations, and keeps files isolated from each other while they run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startTestCluster();
  await withAdminClient(cluster.adminUrl, (client) => client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`));
  await runMigrations(cluster.urlFor(TEMPLATE_DATABASE));
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
