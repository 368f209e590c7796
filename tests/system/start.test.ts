import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnApi, waitForHealth } from './api-process.js';

describe('starting the marketplace', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ocop-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops with a message naming each malformed setting', async () => {
    const api = spawnApi({ PORT: 'eighty', HOME_PROVINCE_CODE: 'Lạng Sơn', DATA_DIR: dataDir });
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('Invalid configuration');
    expect(api.output()).toMatch(/PORT: /);
    expect(api.output()).toMatch(/HOME_PROVINCE_CODE: must be a two-digit province code/);
  });

  it('keeps the data of the first start on the second, and prints the demo accounts', async () => {
    const env = async () => {
      const port = await freePort();
      return {
        env: { PORT: String(port), HOST: '127.0.0.1', EMBEDDED_DB_PORT: String(await freePort()), DATA_DIR: dataDir },
        baseUrl: `http://127.0.0.1:${port}`,
      };
    };

    const first = await env();
    const firstRun = spawnApi(first.env);
    await waitForHealth(first.baseUrl, firstRun);
    expect(firstRun.output()).toContain('quantri@ocop.demo');
    expect(firstRun.output()).toContain('quantri-2026');
    const signUp = await fetch(`${first.baseUrl}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nho.toi@example.vn', fullName: 'Người Nhớ Lâu', password: 'van-con-day-2026' }),
    });
    expect(signUp.status).toBe(201);
    expect(await firstRun.stop()).toBe(0);

    const second = await env();
    const secondRun = spawnApi(second.env);
    try {
      await waitForHealth(second.baseUrl, secondRun);
      const signIn = await fetch(`${second.baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'nho.toi@example.vn', password: 'van-con-day-2026' }),
      });
      expect(signIn.status).toBe(200);
      const session = (await signIn.json()) as { accessToken: string };
      expect(session.accessToken).toEqual(expect.any(String));
    } finally {
      expect(await secondRun.stop()).toBe(0);
    }
  });
});
