import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';

describe('platform surface', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ seedDemo: false });
  });
  afterAll(() => api.close());

  it('reports the API and the database as up', async () => {
    const response = await api.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', api: { status: 'up' }, database: { status: 'up' } });
  });

  it('publishes the OpenAPI document with the routes the apps use', async () => {
    const response = await api.request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/communes', '/api/auth/sign-in', '/api/auth/refresh']) {
      expect(Object.keys(response.body.paths)).toContain(path);
    }
    expect(response.body.components.schemas.ApiErrorDto.required).toEqual(
      expect.arrayContaining(['statusCode', 'code', 'message', 'requestId']),
    );
  });

  it('serves a browsable API reference', async () => {
    const response = await api.request('GET', '/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(String(response.body)).toContain('swagger');
  });

  it('answers unknown API routes with the common error shape and a request id', async () => {
    const response = await api.request('GET', '/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'not_found' });
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('keeps a caller-supplied request id', async () => {
    const response = await api.request('GET', '/api/health', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(response.headers.get('x-request-id')).toBe('trace-12345678');
  });

  it('rejects malformed JSON with a 400 in the common shape', async () => {
    const response = await fetch(`${api.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"login":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'bad_request' });
  });
});
