import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { DomainError } from '../core/http/domain-error.js';
import { MAX_UPLOAD_BYTES } from './attendance-file.js';

/**
 * Multer's own errors ("File too large", "Unexpected field") carry no stable code; this gives them
 * the ones the apps translate. It must sit outside the file interceptor to see what it throws.
 */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof DomainError || !(error instanceof HttpException)) return throwError(() => error);
        if (error.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) {
          return throwError(
            () =>
              new DomainError(
                'file_too_large',
                `The file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB; split the list into several files`,
                HttpStatus.PAYLOAD_TOO_LARGE,
              ),
          );
        }
        if (error.getStatus() === HttpStatus.BAD_REQUEST) {
          return throwError(
            () =>
              new DomainError(
                'file_required',
                `The upload is not a single file in the multipart field "file": ${error.message}`,
                HttpStatus.BAD_REQUEST,
                [{ field: 'file', messages: ['send one .xlsx or .csv file as the multipart field "file"'] }],
              ),
          );
        }
        return throwError(() => error);
      }),
    );
  }
}
