import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../core/http/domain-error.js';

export interface FieldProblem {
  field: string;
  messages: string[];
}

/** The same shape the validation pipe produces, for rules that need the database or several fields. */
export function invalid(problems: FieldProblem[]): DomainError {
  return new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, problems);
}

export function invalidField(field: string, message: string): DomainError {
  return invalid([{ field, messages: [message] }]);
}

/** Someone else's product answers exactly like a product that does not exist, so ids reveal nothing. */
export const productNotFound = () =>
  new DomainError('product_not_found', 'No such product in your organisation', HttpStatus.NOT_FOUND);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.code ?? e.driverError?.code;
  const name = e.constraint ?? e.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

/** Another capability's row (an order line, a traceability batch) still points at the one being deleted. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e.code ?? e.driverError?.code) === '23503';
}
