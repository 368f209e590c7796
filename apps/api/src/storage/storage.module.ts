import { resolve } from 'node:path';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { FilesController } from './files.controller.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { S3Storage } from './s3-storage.js';

/** Picks the adapter from configuration: a bucket means S3-compatible storage, otherwise local disk. */
export function createFileStorage(config: AppConfig): FileStorage {
  if (config.S3_ENDPOINT && !config.S3_BUCKET) {
    // Half an S3 configuration would otherwise silently store files on local disk.
    throw new Error('S3_ENDPOINT is set but S3_BUCKET is not: set both to use S3-compatible storage');
  }
  if (config.S3_BUCKET) {
    return new S3Storage({
      bucket: config.S3_BUCKET,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      publicBaseUrl: config.S3_PUBLIC_URL,
      apiPublicUrl: config.PUBLIC_URL,
    });
  }
  return new LocalDiskStorage(resolve(config.DATA_DIR, 'uploads'), config.PUBLIC_URL);
}

class StorageShutdown implements OnApplicationShutdown {
  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof S3Storage) this.storage.destroy();
  }
}

@Module({
  controllers: [FilesController],
  providers: [{ provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: createFileStorage }, StorageShutdown],
  exports: [FILE_STORAGE],
})
export class StorageModule {}
