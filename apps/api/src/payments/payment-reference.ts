import { randomBytes } from 'node:crypto';

/**
 * Payment references are what a buyer types (or a bank app copies) into a transfer note, and what
 * VNPay carries as vnp_TxnRef: short, ASCII, no diacritics, 12 characters (VietQR notes are limited
 * to 19). Crockford's alphabet has no I, L, O or U, so a misread character is rarely another valid
 * code, and the fixed length lets a reference be found even when a bank glues text around it.
 */
export const REFERENCE_PREFIX = 'OCOP';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 8;
const PATTERN = new RegExp(`${REFERENCE_PREFIX}([${ALPHABET}]{${RANDOM_LENGTH}})`, 'g');

export function newPaymentReference(): string {
  // 256 is a multiple of 32, so masking each byte keeps every character equally likely.
  const bytes = randomBytes(RANDOM_LENGTH);
  let code = REFERENCE_PREFIX;
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/**
 * Every reference-shaped code in a bank transfer's text, first one first. Banks rewrite notes
 * (upper case, dots or spaces inserted, their own prefixes), so separators are dropped before
 * searching; a false candidate is harmless because each is looked up.
 */
export function findPaymentReferences(...texts: (string | null | undefined)[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    const squeezed = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
    for (const match of squeezed.matchAll(PATTERN)) {
      if (!found.includes(match[0])) found.push(match[0]);
    }
  }
  return found;
}
