import type { Role } from '@ocop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'buyer', 'seller_member', 'province_officer', 'platform_admin'];

/** Each protected route and the callers allowed through; everyone else must be refused. */
const ROUTES: { method: string; path: string; allowed: Caller[]; body?: unknown }[] = [
  { method: 'GET', path: '/api/auth/me', allowed: ['buyer', 'seller_member', 'province_officer', 'platform_admin'] },
  { method: 'GET', path: '/api/accounts', allowed: ['platform_admin'] },
  {
    method: 'POST',
    path: '/api/accounts',
    allowed: ['platform_admin'],
    body: {
      email: 'new.officer@langson.gov.vn',
      fullName: 'Cán bộ mới',
      password: 'can-bo-moi-2026',
      role: 'province_officer',
    },
  },
  { method: 'GET', path: '/api/organisations', allowed: ['province_officer', 'platform_admin'] },
  { method: 'GET', path: '/api/organisations/mine', allowed: ['seller_member'] },
];

describe('role guards', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  for (const route of ROUTES) {
    for (const caller of CALLERS) {
      const allowed = route.allowed.includes(caller);
      const expected = allowed ? 'allowed' : caller === 'anonymous' ? 'refused with 401' : 'refused with 403';
      it(`${route.method} ${route.path} as ${caller}: ${expected}`, async () => {
        const token = caller === 'anonymous' ? undefined : await api.tokenFor(caller);
        // Distinct bodies per caller so that an allowed create never collides with an earlier one.
        const body =
          route.body && typeof route.body === 'object'
            ? { ...route.body, email: `${caller}.${(route.body as { email: string }).email}` }
            : route.body;
        const response = await api.request(route.method, route.path, { token, body });
        if (allowed) {
          expect(response.status).toBeLessThan(300);
        } else {
          expect(response.status).toBe(caller === 'anonymous' ? 401 : 403);
          expect(response.body.code).toBe(caller === 'anonymous' ? 'unauthenticated' : 'forbidden');
        }
      });
    }
  }

  it('a platform admin creates an officer who can then sign in with the officer role', async () => {
    const admin = await api.tokenFor('platform_admin');
    const created = await api.request('POST', '/api/accounts', {
      token: admin,
      body: { phone: '0919000111', fullName: 'Vi Thị Mai', password: 'so-cong-thuong-1', role: 'province_officer' },
    });
    expect(created.status).toBe(201);
    const session = await api.request('POST', '/api/auth/sign-in', {
      body: { login: '0919000111', password: 'so-cong-thuong-1' },
    });
    expect(session.body.account.role).toBe('province_officer');
  });

  it('seller members cannot be created without an organisation', async () => {
    const admin = await api.tokenFor('platform_admin');
    const response = await api.request('POST', '/api/accounts', {
      token: admin,
      body: {
        email: 'loose.seller@example.vn',
        fullName: 'No Org',
        password: 'khong-to-chuc-1',
        role: 'seller_member',
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.fields[0].field).toBe('role');
  });

  it('a seller member sees only its own organisation', async () => {
    const response = await api.request('GET', '/api/organisations/mine', {
      token: await api.tokenFor('seller_member'),
    });
    expect(response.body.name).toBe('Hợp tác xã Nông sản Đông Kinh');
  });
});
