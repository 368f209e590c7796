import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorDto } from './api-error.js';
import { DomainError } from './domain-error.js';

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** Turns anything thrown into the shape of `ApiErrorDto`; internals of 500s never reach the client. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const requestId = String(request.id ?? '');

    let body: ApiErrorDto;
    if (exception instanceof DomainError) {
      body = {
        statusCode: exception.getStatus(),
        code: exception.code,
        message: exception.message,
        ...(exception.fields ? { fields: exception.fields } : {}),
        requestId,
      };
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : typeof payload === 'object' && payload && 'message' in payload
            ? [payload.message].flat().join('; ')
            : exception.message;
      body = { statusCode: status, code: CODES_BY_STATUS[status] ?? 'http_error', message, requestId };
    } else {
      this.logger.error({ err: exception, requestId }, 'Unhandled error');
      body = {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        code: 'internal_error',
        message: 'Something went wrong on our side',
        requestId,
      };
    }
    response.status(body.statusCode).json(body);
  }
}
