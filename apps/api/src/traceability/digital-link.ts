import { randomBytes } from 'node:crypto';
import { gtinProblem } from '../catalog/gtin.js';

/**
 * GTIN-8, -12 and -13 are GTIN-14 with leading zeros; GS1 Digital Link always carries 14 digits.
 * The check digit is the catalog's, so a GTIN the catalog accepted is accepted here and no other.
 */
export function toGtin14(gtin: string): string | null {
  if (gtinProblem(gtin) !== null) return null;
  return gtin.padStart(14, '0');
}

/**
 * Percent-encodes a key qualifier value for a Digital Link path. `encodeURIComponent` leaves
 * `!'()*` alone, which GS1 Digital Link's grammar wants encoded too.
 */
export function encodeDigitalLinkValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

/** `{base}/01/{gtin14}/10/{lot}`: the lot-level link a GS1-aware scanner or app understands. */
export function digitalLinkUri(base: string, gtin14: string, lot: string): string {
  return `${trimBase(base)}/01/${gtin14}/10/${encodeDigitalLinkValue(lot)}`;
}

/** `{base}/t/{code}`: for products without a GTIN (most co-operatives have no GS1 company prefix). */
export function shortTraceUri(base: string, code: string): string {
  return `${trimBase(base)}/t/${code}`;
}

export interface DigitalLinkKey {
  gtin14: string;
  lot: string;
}

/**
 * Reads the primary key and lot out of a Digital Link URI or path, whatever domain and path prefix
 * it uses; a serial (`/21/…`) after the lot is tolerated and ignored because batches are lot-level.
 * Null when it is not a well-formed lot-level link.
 */
export function parseDigitalLink(uriOrPath: string): DigitalLinkKey | null {
  let path = uriOrPath;
  try {
    path = new URL(uriOrPath).pathname;
  } catch {
    // Already a path.
  }
  const match = /\/01\/(\d{8}|\d{12,14})(?:\/22\/[^/]+)?\/10\/([^/?#]+)(?:\/21\/[^/?#]+)?\/?(?:[?#].*)?$/.exec(path);
  if (!match) return null;
  const gtin14 = toGtin14(match[1]!);
  if (!gtin14) return null;
  let lot: string;
  try {
    lot = decodeURIComponent(match[2]!);
  } catch {
    return null;
  }
  return { gtin14, lot };
}

/** Crockford base 32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACE_CODE_LENGTH = 10;
export const TRACE_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** 50 random bits: unguessable enough that codes cannot be enumerated to scrape every batch. */
export function newTraceCode(): string {
  const bytes = randomBytes(TRACE_CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += CROCKFORD[byte & 31];
  return code;
}

/** What a person typed, read as Crockford does: case-insensitive, I/L as 1, O as 0, dashes ignored. */
export function normaliseTraceCode(input: string): string | null {
  const code = input.trim().toUpperCase().replace(/-/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return TRACE_CODE_PATTERN.test(code) ? code : null;
}
