import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStorage, isValidStorageKey } from './file-storage.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { S3Storage } from './s3-storage.js';
import { startStubS3Server, type StubS3Server } from './testing/stub-s3-server.js';

interface Harness {
  storage: FileStorage;
  close(): Promise<void>;
}

const ADAPTERS: Record<string, () => Promise<Harness>> = {
  'local disk': async () => {
    const root = mkdtempSync(join(tmpdir(), 'ocop-storage-'));
    return { storage: new LocalDiskStorage(root), close: async () => rmSync(root, { recursive: true, force: true }) };
  },
  'S3-compatible (stub server)': async () => {
    const server: StubS3Server = await startStubS3Server();
    const storage = new S3Storage({
      bucket: server.bucket,
      endpoint: server.endpoint,
      region: 'us-east-1',
      accessKeyId: 'test-access-key',
      secretAccessKey: 'test-secret-key',
      forcePathStyle: true,
    });
    return {
      storage,
      close: async () => {
        storage.destroy();
        await server.close();
      },
    };
  },
};

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 7)]);

for (const [name, start] of Object.entries(ADAPTERS)) {
  describe(`FileStorage contract: ${name}`, () => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await start();
    });
    afterAll(() => harness.close());

    it('returns what was put, byte for byte, with its content type', async () => {
      await harness.storage.put('public/products/p1/a.png', png, 'image/png');
      const object = await harness.storage.get('public/products/p1/a.png');
      expect(object?.contentType).toBe('image/png');
      expect(object?.data.equals(png)).toBe(true);
    });

    it('overwrites an existing key', async () => {
      await harness.storage.put('private/docs/c.pdf', Buffer.from('%PDF-1.4 first'), 'application/pdf');
      await harness.storage.put('private/docs/c.pdf', Buffer.from('%PDF-1.4 second'), 'application/pdf');
      expect((await harness.storage.get('private/docs/c.pdf'))?.data.toString()).toBe('%PDF-1.4 second');
    });

    it('answers null for a key that holds nothing', async () => {
      expect(await harness.storage.get('public/products/none/missing.webp')).toBeNull();
    });

    it('deletes, and deleting again is not an error', async () => {
      await harness.storage.put('public/products/p2/b.jpg', Buffer.from([0xff, 0xd8, 0xff, 1]), 'image/jpeg');
      await harness.storage.delete('public/products/p2/b.jpg');
      expect(await harness.storage.get('public/products/p2/b.jpg')).toBeNull();
      await expect(harness.storage.delete('public/products/p2/b.jpg')).resolves.toBeUndefined();
    });

    it('refuses keys that could escape or be misread', async () => {
      for (const key of [
        '../etc/passwd',
        'public/../../x.png',
        '/abs.png',
        'public//x.png',
        'Public/X.PNG',
        '.hidden',
        'a/.b',
      ]) {
        expect(isValidStorageKey(key)).toBe(false);
        await expect(harness.storage.put(key, png, 'image/png')).rejects.toThrow(/Invalid storage key/);
      }
    });

    it('gives public keys a URL under /api/files', () => {
      expect(harness.storage.url('public/products/p1/a.png')).toBe('/api/files/public/products/p1/a.png');
    });
  });
}
