import { ApiRequestError } from './api/request';
import { vi } from './i18n/messages';
import type { PlainMessageKey } from './i18n/translator';

/**
 * The message key that explains an error (or an API error code) to a person; unknown codes fall
 * back to a generic one.
 */
export function errorMessageKey(error: unknown): PlainMessageKey {
  if (error instanceof ApiRequestError) {
    const key = `error.${error.code}`;
    if (key in vi) return key as PlainMessageKey;
    if (error.status >= 500) return 'error.internal_error';
  }
  if (typeof error === 'string' && `error.${error}` in vi) return `error.${error}` as PlainMessageKey;
  return 'error.unknown';
}
