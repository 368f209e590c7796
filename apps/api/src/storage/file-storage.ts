/**
 * Where uploaded files live. Services speak only to this port; the adapter (local disk by default,
 * S3-compatible at scale) is chosen by configuration, so nothing above it knows which one runs.
 */
export interface StoredObject {
  data: Buffer;
  contentType: string;
}

export interface FileStorage {
  /** Writes (or overwrites) the object. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The object, or null when there is none under this key. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing one that is already gone is not an error. */
  delete(key: string): Promise<void>;
  /** Where a browser fetches a public object. Only keys under `public/` are served. */
  url(key: string): string;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** Keys under this prefix are readable by anyone; everything else is served only through guarded routes. */
export const PUBLIC_PREFIX = 'public/';

/**
 * Lower-case segments that cannot start with a dot: no `..`, no hidden files, nothing a path join
 * or an S3 console could read differently from what the application meant.
 */
const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*(?:\/[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*)*$/;

export function isValidStorageKey(key: string): boolean {
  return key.length <= 512 && KEY_PATTERN.test(key);
}

export function assertValidStorageKey(key: string): void {
  if (!isValidStorageKey(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
}

const CONTENT_TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
};

export const EXTENSIONS_BY_CONTENT_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'image/svg+xml': 'svg',
};

export function contentTypeForKey(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  return CONTENT_TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** `/api/files/<key>`, made absolute when the platform knows its public address. */
export function apiFileUrl(key: string, publicUrl?: string): string {
  const path = `/api/files/${key}`;
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;
}
