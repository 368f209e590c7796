import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { apiFileUrl, assertValidStorageKey, type FileStorage, type StoredObject } from './file-storage.js';

export interface S3StorageOptions {
  bucket: string;
  /** Omit for AWS itself; set for MinIO, Ceph, Cloudflare R2, Viettel/FPT object storage… */
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Base URL under which the bucket's public objects are readable (a CDN); otherwise the API proxies them. */
  publicBaseUrl?: string;
  /** The API's own public URL, for proxied object URLs. */
  apiPublicUrl?: string;
}

/** An S3-compatible bucket, for running several API processes (or machines) that share files. */
export class S3Storage implements FileStorage {
  private readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // Many S3-compatible stores reject or mishandle the newer default integrity checksums
      // (CRC32 headers, aws-chunked trailers); send them only where S3 requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    assertValidStorageKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: data,
        ContentType: contentType,
        ContentLength: data.length,
      }),
    );
  }

  async get(key: string): Promise<StoredObject | null> {
    assertValidStorageKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
      return { data: Buffer.from(bytes), contentType: response.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (
        error instanceof S3ServiceException &&
        (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
      ) {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    // S3 answers 204 for a key that does not exist, which is the idempotence the port promises.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  url(key: string): string {
    const base = this.options.publicBaseUrl;
    return base ? `${base.replace(/\/+$/, '')}/${key}` : apiFileUrl(key, this.options.apiPublicUrl);
  }

  destroy(): void {
    this.client.destroy();
  }
}
