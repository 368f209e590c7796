import type { components } from './schema.js';

export type ApiError = components['schemas']['ApiErrorDto'];

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'code' in value && 'statusCode' in value;
}
