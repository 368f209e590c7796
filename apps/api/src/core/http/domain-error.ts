import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * An error a service raises on purpose: it carries the HTTP status and a stable code that the apps
 * translate, so services never build HTTP responses themselves.
 */
export class DomainError extends HttpException {
  constructor(
    readonly code: string,
    message: string,
    status: HttpStatus = HttpStatus.BAD_REQUEST,
    readonly fields?: { field: string; messages: string[] }[],
  ) {
    super({ code, message, fields }, status);
  }
}
