import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStubS3Server, type StubS3Server } from '../storage/testing/stub-s3-server.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { countRows, createSeller, JPEG, PNG, productBody, upload, WEBP } from './testing/catalog-fixtures.js';

const LIMIT = 64 * 1024;

function filesUnder(directory: string): string[] {
  try {
    return readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe('product images on local disk', () => {
  let api: TestApp;
  let token: string;
  let productId: string;
  let dataDir: string;
  const uploads = () => filesUnder(join(dataDir, 'uploads'));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ocop-images-'));
    api = await startTestApp({ env: { DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(LIMIT) } });
    token = await api.tokenFor('seller_member');
    productId = (await api.request('POST', '/api/seller/products', { token, body: productBody() })).body.id;
  });
  afterAll(async () => {
    try {
      await api.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stores JPEG, PNG and WebP, typed by their content, and serves them publicly', async () => {
    const filesBefore = uploads().length;
    for (const [bytes, type, extension] of [
      [JPEG, 'image/jpeg', 'jpg'],
      [PNG, 'image/png', 'png'],
      [WEBP, 'image/webp', 'webp'],
    ] as const) {
      // The declared type is deliberately wrong: the bytes decide.
      const response = await upload(
        api,
        `/api/seller/products/${productId}/images`,
        token,
        {
          bytes,
          filename: `anh.${extension}`,
          contentType: 'application/octet-stream',
        },
        { altText: 'Túi hồi khô' },
      );
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ contentType: type, byteSize: bytes.length, altText: 'Túi hồi khô' });
      expect(response.body.url).toMatch(
        new RegExp(`^/api/files/public/products/${productId}/[0-9a-f-]+\\.${extension}$`),
      );

      const served = await fetch(`${api.baseUrl}${response.body.url}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(type);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    }
    expect(uploads()).toHaveLength(filesBefore + 3);
    const product = await api.request('GET', `/api/seller/products/${productId}`, { token });
    expect(product.body.images).toHaveLength(3);
  });

  describe('refuses and stores nothing', () => {
    const refusals: [
      string,
      { bytes: Buffer; filename: string; contentType: string; field?: string },
      number,
      string,
    ][] = [
      [
        'an SVG (script-capable) sent as image/png',
        {
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          filename: 'a.png',
          contentType: 'image/png',
        },
        400,
        'unsupported_file_type',
      ],
      [
        'an HTML page named .jpg',
        { bytes: Buffer.from('<html><body>hi</body></html>'), filename: 'a.jpg', contentType: 'image/jpeg' },
        400,
        'unsupported_file_type',
      ],
      [
        'a PDF (allowed for certificates, not for images)',
        { bytes: Buffer.from('%PDF-1.4 x'), filename: 'a.pdf', contentType: 'application/pdf' },
        400,
        'unsupported_file_type',
      ],
      [
        'a GIF',
        { bytes: Buffer.from('GIF89a\x01\x00\x01\x00'), filename: 'a.gif', contentType: 'image/gif' },
        400,
        'unsupported_file_type',
      ],
      [
        'an image over the size limit',
        { bytes: Buffer.concat([PNG, Buffer.alloc(LIMIT, 0)]), filename: 'big.png', contentType: 'image/png' },
        413,
        'file_too_large',
      ],
      [
        'a file in the wrong field',
        { bytes: PNG, filename: 'a.png', contentType: 'image/png', field: 'image' },
        400,
        'upload_invalid',
      ],
      ['an empty file', { bytes: Buffer.alloc(0), filename: 'a.png', contentType: 'image/png' }, 400, 'file_missing'],
    ];
    for (const [what, file, status, code] of refusals) {
      it(what, async () => {
        const rowsBefore = await countRows(api, 'product_images');
        const filesBefore = uploads().length;
        const response = await upload(api, `/api/seller/products/${productId}/images`, token, file);
        expect(response.status).toBe(status);
        expect(response.body).toMatchObject({
          statusCode: status,
          code,
          message: expect.any(String),
          requestId: expect.any(String),
        });
        expect(response.body.fields[0].field).toBe('file');
        expect(await countRows(api, 'product_images')).toBe(rowsBefore);
        expect(uploads()).toHaveLength(filesBefore);
      });
    }

    it('a request without any file', async () => {
      const response = await api.request('POST', `/api/seller/products/${productId}/images`, {
        token,
        body: { altText: 'x' },
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('file_missing');
    });

    it('an image for another organisation’s product', async () => {
      const other = await createSeller(api);
      const filesBefore = uploads().length;
      const response = await upload(api, `/api/seller/products/${productId}/images`, other.token, {
        bytes: PNG,
        filename: 'a.png',
        contentType: 'image/png',
      });
      expect(response.status).toBe(404);
      expect(uploads()).toHaveLength(filesBefore);
      const removal = await api.request(
        'DELETE',
        `/api/seller/products/${productId}/images/00000000-0000-4000-8000-000000000000`,
        {
          token: other.token,
        },
      );
      expect(removal.status).toBe(404);
    });
  });

  it('deletes an image and its file', async () => {
    const added = await upload(api, `/api/seller/products/${productId}/images`, token, {
      bytes: PNG,
      filename: 'x.png',
      contentType: 'image/png',
    });
    const before = uploads().length;
    const response = await api.request('DELETE', `/api/seller/products/${productId}/images/${added.body.id}`, {
      token,
    });
    expect(response.status).toBe(204);
    expect(uploads()).toHaveLength(before - 1);
    expect((await fetch(`${api.baseUrl}${added.body.url}`)).status).toBe(404);
  });

  it('never serves private files or paths outside the uploads', async () => {
    for (const path of [
      '/api/files/private/ocop/x/y.pdf',
      '/api/files/public/..%2F..%2Fetc/passwd',
      '/api/files/public/%2e%2e/x.png',
    ]) {
      const response = await fetch(`${api.baseUrl}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});

describe('product images on S3-compatible storage', () => {
  let stub: StubS3Server;
  let api: TestApp;
  beforeAll(async () => {
    stub = await startStubS3Server('ocop-media');
    api = await startTestApp({
      env: {
        S3_BUCKET: stub.bucket,
        S3_ENDPOINT: stub.endpoint,
        S3_ACCESS_KEY_ID: 'test',
        S3_SECRET_ACCESS_KEY: 'test-secret',
      },
    });
  });
  afterAll(async () => {
    try {
      await api.close();
    } finally {
      await stub.close();
    }
  });

  it('puts the image in the bucket and serves it back through the API', async () => {
    const token = await api.tokenFor('seller_member');
    const productId = (await api.request('POST', '/api/seller/products', { token, body: productBody() })).body.id;
    const objectsBefore = stub.objects.size;
    const response = await upload(api, `/api/seller/products/${productId}/images`, token, {
      bytes: JPEG,
      filename: 'a.jpg',
      contentType: 'image/jpeg',
    });
    expect(response.status).toBe(201);
    const key = response.body.url.replace('/api/files/', '');
    expect(stub.objects.get(key)).toMatchObject({ contentType: 'image/jpeg' });
    expect(stub.objects.get(key)?.body.equals(JPEG)).toBe(true);

    const served = await fetch(`${api.baseUrl}${response.body.url}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(JPEG)).toBe(true);

    const refused = await upload(api, `/api/seller/products/${productId}/images`, token, {
      bytes: Buffer.from('<svg/>'),
      filename: 'a.png',
      contentType: 'image/png',
    });
    expect(refused.status).toBe(400);
    expect(stub.objects.size).toBe(objectsBefore + 1);
  });
});
