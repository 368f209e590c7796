// `pnpm dev`: the API recompiled by tsc --watch and restarted by node --watch, and both apps on
// Vite dev servers with hot reload that proxy /api to it. Ctrl+C stops everything (and the
// embedded PostgreSQL, which the API stops on SIGTERM/SIGINT).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// The API needs compiled workspace packages and a first build before node can watch it.
run('pnpm', ['--filter', '@ocop/shared', 'run', 'build']);
run('pnpm', ['--filter', '@ocop/api', 'run', 'build']);
if (!existsSync('packages/api-client/dist/index.js')) run('pnpm', ['--filter', '@ocop/api-client', 'run', 'compile']);

const colours = { api: 36, tsc: 90, storefront: 35, admin: 33 };
const children = [];
function start(name, command, args, env = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[${colours[name]}m${name.padEnd(10)}\x1b[0m│ `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  children.push(child);
}

start('tsc', 'pnpm', ['--filter', '@ocop/api', 'run', 'dev']);
start('api', 'node', ['--watch-path=apps/api/dist', '--watch-preserve-output', 'apps/api/dist/main.js'], {
  NODE_ENV: 'development',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
});
start('storefront', 'pnpm', ['--filter', '@ocop/storefront', 'run', 'dev']);
start('admin', 'pnpm', ['--filter', '@ocop/admin', 'run', 'dev']);

console.log(
  '\nDev servers: storefront http://localhost:5173/  admin http://localhost:5174/admin/  API http://localhost:3000/api\n',
);

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
