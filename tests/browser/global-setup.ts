import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium.js';
import { PAYMENT_TEST_ENV } from './payment-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    appBaseUrl: string;
  }
}

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;
// Enough of the child's output to explain a failed start without flooding the report.
const OUTPUT_LIMIT = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('Could not obtain a free port'));
      });
    });
  });
}

function requireBuilt(): void {
  const missing = ['apps/api/dist/main.js', 'apps/storefront/dist/index.html', 'apps/admin/dist/index.html'].filter(
    (path) => !existsSync(join(ROOT, path)),
  );
  if (missing.length > 0) {
    throw new Error(`The browser tests need the built apps; missing ${missing.join(', ')}. Run pnpm build first.`);
  }
}

function requireChromium(): void {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `Chromium was not found at ${path}. Install it with \`apt-get install chromium\` ` +
        '(Debian puts it at /usr/bin/chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => child.once('exit', () => resolveExit()));
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The API exited (${child.exitCode ?? child.signalCode}) before it was healthy.\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /api/health answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`The API was not healthy after ${STARTUP_TIMEOUT_MS / 1000} s (${lastProblem}).\n${output()}`);
}

/**
 * If the API could not stop on its own, its embedded PostgreSQL would outlive the run: stop that
 * server by the process id it recorded, and nothing else.
 */
function killOrphanedPostgres(dataDir: string): void {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    // Already gone.
  }
}

/**
 * Starts the real API (which also serves both built apps) on free ports with a fresh data
 * directory, so every run begins from the demo data and leaves nothing behind.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  requireBuilt();
  requireChromium();

  const [port, databasePort] = await Promise.all([freePort(), freePort()]);
  const dataDir = mkdtempSync(join(tmpdir(), 'ocop-browser-'));
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      // Vitest sets NODE_ENV=test for itself; the API should run as it does for a person trying it.
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_DB_PORT: String(databasePort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Tests change the catalog and look at search right after: keep search answers fresh.
      SEARCH_CACHE_TTL_MS: '1000',
      // Likewise the KPI dashboard, which a paid order must change within the test's patience.
      KPI_CACHE_TTL_MS: '1000',
      // The address the browser uses, so that VNPay's return link comes back to the same origin.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...PAYMENT_TEST_ENV,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const teardown = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exited(child).then(() => false),
        new Promise<boolean>((resolveTimeout) => (timer = setTimeout(() => resolveTimeout(true), SHUTDOWN_TIMEOUT_MS))),
      ]);
      // A pending timer would keep Vitest's process alive after the run.
      clearTimeout(timer);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited(child);
        killOrphanedPostgres(dataDir);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${baseUrl}/api/health`, child, () => `--- API output ---\n${output}`);
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('appBaseUrl', baseUrl);
  return teardown;
}
