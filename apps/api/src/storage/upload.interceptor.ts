import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  mixin,
  type NestInterceptor,
  PayloadTooLargeException,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';

/** The part of multer's file object the catalog reads; kept local so no multer typings are needed. */
export interface UploadedFileData {
  buffer: Buffer;
  size: number;
  mimetype: string;
  originalname: string;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * One multipart file in the field `file`, held in memory and never larger than the configured
 * limit. multer stops reading at the limit, so an oversized upload costs at most the limit in
 * memory and nothing reaches storage. Its errors are re-raised as DomainErrors so that the client
 * gets the common error shape with a code it can act on.
 */
export function SingleFileUpload(limitSetting: 'UPLOAD_MAX_BYTES' | 'DOCUMENT_MAX_BYTES'): Type<NestInterceptor> {
  @Injectable()
  class SingleFileUploadInterceptor implements NestInterceptor {
    private readonly multer: NestInterceptor;
    private readonly limit: number;

    constructor(@Inject(APP_CONFIG) config: AppConfig) {
      this.limit = config[limitSetting];
      const Multer = FileInterceptor('file', {
        limits: { fileSize: this.limit, files: 1, fields: 10, fieldSize: 10_000 },
      });
      this.multer = new Multer();
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await this.multer.intercept(context, next);
      } catch (error) {
        if (error instanceof PayloadTooLargeException) {
          throw new DomainError(
            'file_too_large',
            `The file is larger than ${megabytes(this.limit)}`,
            HttpStatus.PAYLOAD_TOO_LARGE,
            [{ field: 'file', messages: [`file must be at most ${megabytes(this.limit)}`] }],
          );
        }
        if (error instanceof BadRequestException || (error instanceof HttpException && error.getStatus() === 415)) {
          throw new DomainError(
            'upload_invalid',
            `The upload could not be read: ${error.message}`,
            HttpStatus.BAD_REQUEST,
            [{ field: 'file', messages: ['send one file as multipart/form-data in the field "file"'] }],
          );
        }
        throw error;
      }
    }
  }
  return mixin(SingleFileUploadInterceptor);
}

export function requireFile(file: UploadedFileData | undefined): UploadedFileData {
  if (!file || file.size === 0) {
    throw new DomainError('file_missing', 'No file was sent', HttpStatus.BAD_REQUEST, [
      { field: 'file', messages: ['send one non-empty file as multipart/form-data in the field "file"'] },
    ]);
  }
  return file;
}
