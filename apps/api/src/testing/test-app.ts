import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Role } from '@ocop/shared';
import { inject } from 'vitest';
import { createApp } from '../app.js';
import { type AppConfig, parseConfig } from '../core/config/app-config.js';
import { DEMO_ACCOUNTS } from '../demo/demo-accounts.js';
import { DemoDataService } from '../demo/demo-data.service.js';
import { TEMPLATE_DATABASE, withAdminClient } from './postgres-cluster.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  databaseUrl: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Access token of the demo account with this role. */
  tokenFor(role: Role): Promise<string>;
  close(): Promise<void>;
}

/** Creates a fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts the real application on a random port, on its own database, and talks to it over HTTP.
 * `seedDemo` loads the demo accounts so that tests can act as each role.
 */
export async function startTestApp(
  options: { seedDemo?: boolean; demoCatalog?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  // Uploads and other files go to a directory of this app's own, never the repository's .data.
  const dataDir = mkdtempSync(join(tmpdir(), 'ocop-test-data-'));
  const config: AppConfig = {
    ...parseConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO_DATA: 'false',
      DATA_DIR: dataDir,
      ...options.env,
    }),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  if (options.seedDemo ?? true) await app.get(DemoDataService).seedIfEmpty({ catalog: options.demoCatalog ?? false });

  const request = async <T>(method: string, path: string, { body, token, headers }: RequestOptions = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  };

  const tokens = new Map<Role, string>();
  const tokenFor = async (role: Role) => {
    const cached = tokens.get(role);
    if (cached) return cached;
    const account = DEMO_ACCOUNTS.find((a) => a.role === role);
    if (!account) throw new Error(`No demo account with role ${role}`);
    const response = await request<{ accessToken: string }>('POST', '/api/auth/sign-in', {
      body: { login: account.email, password: account.password },
    });
    if (response.status !== 200) throw new Error(`Sign-in as ${role} failed: ${response.status}`);
    tokens.set(role, response.body.accessToken);
    return response.body.accessToken;
  };

  return {
    app,
    baseUrl,
    databaseUrl,
    request,
    tokenFor,
    close: async () => {
      await app.close();
      const name = new URL(databaseUrl).pathname.slice(1);
      await withAdminClient(inject('postgresAdminUrl'), (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
