import { HttpStatus, type Type, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../core/http/domain-error.js';

/**
 * Validates a provider's notification like any body, but drops unknown fields instead of refusing
 * them: a provider that adds a field to its webhooks must not make us reject payments. The handler
 * parameter is typed as an interface (reflected as Object) so that the strict global pipe skips it.
 */
export function lenientBody(type: Type): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    transform: true,
    expectedType: type,
    exceptionFactory: (errors) =>
      new DomainError(
        'validation_failed',
        'The request is invalid',
        HttpStatus.BAD_REQUEST,
        errors.map((error) => ({ field: error.property, messages: Object.values(error.constraints ?? {}) })),
      ),
  });
}
