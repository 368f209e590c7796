import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import {
  apiFileUrl,
  assertValidStorageKey,
  contentTypeForKey,
  type FileStorage,
  type StoredObject,
} from './file-storage.js';

/**
 * Files in a directory on this machine: the default, so that the marketplace runs with nothing
 * but Node. The content type is not stored beside the file but derived from the key's extension,
 * which is why keys made by the application always carry one.
 */
export class LocalDiskStorage implements FileStorage {
  private readonly root: string;

  constructor(
    root: string,
    private readonly publicUrl?: string,
  ) {
    this.root = resolve(root);
  }

  private pathFor(key: string): string {
    assertValidStorageKey(key);
    const path = resolve(join(this.root, key));
    // The key pattern already forbids `..`; this keeps the promise even if the pattern is loosened.
    if (!path.startsWith(this.root + sep)) throw new Error(`Storage key escapes the root: ${key}`);
    return path;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathFor(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so that a reader never sees half a file and a crash leaves only a temp file.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, data);
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      return { data: await readFile(this.pathFor(key)), contentType: contentTypeForKey(key) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR')
        return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  url(key: string): string {
    return apiFileUrl(key, this.publicUrl);
  }
}
