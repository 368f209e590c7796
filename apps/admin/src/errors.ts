import { ApiRequestError } from './api/request';
import { vi } from './i18n/messages';
import type { PlainMessageKey } from './i18n/translator';

/** The message key that explains an error to a person; unknown codes fall back to a generic one. */
export function errorMessageKey(error: unknown): PlainMessageKey {
  if (error instanceof ApiRequestError) {
    const key = `error.${error.code}`;
    if (key in vi) return key as PlainMessageKey;
    if (error.status >= 500) return 'error.internal_error';
  }
  return 'error.unknown';
}

/**
 * The API's field messages come from its validators in English; the apps show their own wording
 * per field instead, so the text is in the person's language.
 */
export function fieldMessageKey(field: string): PlainMessageKey {
  const key = `field.${field}`;
  return key in vi ? (key as PlainMessageKey) : 'field.invalid';
}

/** Per-field message keys of a `validation_failed` error, by field name. */
export function fieldErrors(error: unknown): Record<string, PlainMessageKey> {
  if (!(error instanceof ApiRequestError) || error.code !== 'validation_failed') return {};
  return Object.fromEntries(error.fields.map((field) => [field.field, fieldMessageKey(field.field)]));
}
