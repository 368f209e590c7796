import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';

async function countUsers(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe('identity', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ seedDemo: false, env: { SIGN_IN_RATE_LIMIT: '50' } });
  });
  afterAll(() => api.close());

  it('signs a buyer up with an email and returns a session', async () => {
    const response = await api.request('POST', '/api/auth/sign-up', {
      body: { email: 'Lan.Nguyen@Example.vn', fullName: 'Nguyễn Thị Lan', password: 'mat-khau-2026' },
    });
    expect(response.status).toBe(201);
    expect(response.body.account).toMatchObject({
      email: 'lan.nguyen@example.vn',
      role: 'buyer',
      organisationId: null,
    });
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(JSON.stringify(response.body)).not.toContain('password');

    const me = await api.request('GET', '/api/auth/me', { token: response.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.fullName).toBe('Nguyễn Thị Lan');
  });

  it('signs a buyer up with a phone number and signs in with either spelling of it', async () => {
    const signUp = await api.request('POST', '/api/auth/sign-up', {
      body: { phone: '0987 654 321'.replace(/ /g, ''), fullName: 'Triệu Văn Hùng', password: 'hoi-van-quan-88' },
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body.account.phone).toBe('+84987654321');
    const signIn = await api.request('POST', '/api/auth/sign-in', {
      body: { login: '+84 987 654 321', password: 'hoi-van-quan-88' },
    });
    expect(signIn.status).toBe(200);
  });

  it('stores passwords as argon2id hashes', async () => {
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE email = 'lan.nguyen@example.vn'",
    );
    await client.end();
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses weak passwords and malformed input field by field, saving nothing', async () => {
    const before = await countUsers(api.databaseUrl);
    const weak = await api.request('POST', '/api/auth/sign-up', {
      body: { email: 'weak@example.vn', fullName: 'Weak', password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ code: 'validation_failed' });
    expect(weak.body.fields).toContainEqual({
      field: 'password',
      messages: ['password must be at least 10 characters', 'password must contain a digit'],
    });

    const malformed = await api.request('POST', '/api/auth/sign-up', {
      body: { email: 'not-an-email', phone: '12345', fullName: 'X', password: 7, role: 'platform_admin' },
    });
    expect(malformed.status).toBe(400);
    const fields = malformed.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['email', 'fullName', 'password', 'phone', 'role']);

    const neither = await api.request('POST', '/api/auth/sign-up', {
      body: { fullName: 'Ai Đó', password: 'mat-khau-2026' },
    });
    expect(neither.status).toBe(400);
    expect(neither.body.fields[0].field).toBe('email');
    expect(await countUsers(api.databaseUrl)).toBe(before);
  });

  it('refuses a second account with the same email in another case', async () => {
    const response = await api.request('POST', '/api/auth/sign-up', {
      body: { email: 'LAN.NGUYEN@example.vn', fullName: 'Someone Else', password: 'mat-khau-2027' },
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('account_exists');
  });

  it('answers a wrong password and an unknown login the same way', async () => {
    const wrong = await api.request('POST', '/api/auth/sign-in', {
      body: { login: 'lan.nguyen@example.vn', password: 'wrong-password-1' },
    });
    const unknown = await api.request('POST', '/api/auth/sign-in', {
      body: { login: 'nobody@example.vn', password: 'wrong-password-1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('rotates refresh tokens and revokes the family when a spent token is replayed', async () => {
    const session = await api.request('POST', '/api/auth/sign-in', {
      body: { login: 'lan.nguyen@example.vn', password: 'mat-khau-2026' },
    });
    const first = session.body.refreshToken;

    const rotated = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: first } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    expect((await api.request('GET', '/api/auth/me', { token: rotated.body.accessToken })).status).toBe(200);

    const replay = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: first } });
    expect(replay.status).toBe(401);
    // The replay burned the whole family, including the token handed out by the rotation.
    const afterReplay = await api.request('POST', '/api/auth/refresh', {
      body: { refreshToken: rotated.body.refreshToken },
    });
    expect(afterReplay.status).toBe(401);
  });

  it('signs out: the refresh token stops working', async () => {
    const session = await api.request('POST', '/api/auth/sign-in', {
      body: { login: 'lan.nguyen@example.vn', password: 'mat-khau-2026' },
    });
    const signOut = await api.request('POST', '/api/auth/sign-out', {
      body: { refreshToken: session.body.refreshToken },
    });
    expect(signOut.status).toBe(204);
    const refresh = await api.request('POST', '/api/auth/refresh', {
      body: { refreshToken: session.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('refuses forged or tampered access tokens', async () => {
    const session = await api.request('POST', '/api/auth/sign-in', {
      body: { login: 'lan.nguyen@example.vn', password: 'mat-khau-2026' },
    });
    const [header, payload, signature] = session.body.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'platform_admin' })).toString('base64url');
    const tampered = await api.request('GET', '/api/accounts', { token: `${header}.${promoted}.${signature}` });
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('invalid_token');
  });
});

describe('sign-in rate limit', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ seedDemo: false, env: { SIGN_IN_RATE_LIMIT: '3', SIGN_IN_RATE_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => api.close());

  it('answers 429 once an address has spent its attempts', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await api.request('POST', '/api/auth/sign-in', {
        body: { login: 'ratelimit@example.vn', password: 'wrong-password-1' },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.body.code).toBe('too_many_requests');
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('does not limit other routes', async () => {
    for (let call = 0; call < 5; call += 1) expect((await api.request('GET', '/api/health')).status).toBe(200);
  });
});
