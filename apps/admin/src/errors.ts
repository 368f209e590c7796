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

function known(key: string): key is PlainMessageKey {
  return key in vi;
}

/**
 * The API's field messages come from its validators in English; the apps show their own wording
 * per field instead, so the text is in the person's language. Nested fields arrive as
 * `variants.0.price` or `rates.same_province.baseFee`: the most specific wording wins, so a form can
 * say more about its own field (`field.product.name`) than the shared one (`field.name`).
 */
export function fieldMessageKey(field: string, scope?: string, code?: string): PlainMessageKey {
  const withoutIndexes = field.replace(/\.\d+(?=\.|$)/g, '');
  const last = field.split('.').pop() ?? field;
  const candidates = [
    // A refusal other than validation (a SKU or tax code already taken) has its own wording.
    ...(code && code !== 'validation_failed' ? [`field.${code}.${withoutIndexes}`, `field.${code}.${last}`] : []),
    ...(scope ? [`field.${scope}.${field}`, `field.${scope}.${withoutIndexes}`, `field.${scope}.${last}`] : []),
    `field.${field}`,
    `field.${withoutIndexes}`,
    `field.${last}`,
  ];
  return candidates.find(known) ?? 'field.invalid';
}

/** Per-field message keys of a `validation_failed` error (or a conflict naming fields), by field name. */
export function fieldErrors(error: unknown, scope?: string): Record<string, PlainMessageKey> {
  if (!(error instanceof ApiRequestError) || error.fields.length === 0) return {};
  return Object.fromEntries(
    error.fields.map((field) => [field.field, fieldMessageKey(field.field, scope, error.code)]),
  );
}

/** True when the API refused with one of these codes. */
export function hasCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof ApiRequestError && codes.includes(error.code);
}
