import { randomInt } from 'node:crypto';

/**
 * Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper cannot be
 * mistaken. Twelve characters carry 60 random bits: far beyond guessing, short enough to type.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

export function newLookupCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Accepts what a person types: any case, dashes or spaces, O for 0 and I/L for 1. Null if it cannot be a code. */
export function normaliseLookupCode(input: string): string | null {
  const value = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (value.length !== LENGTH) return null;
  for (const char of value) if (!ALPHABET.includes(char)) return null;
  return value;
}

/** `ABCD-EFGH-JKMN`, as printed on the invoice. */
export function formatLookupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
