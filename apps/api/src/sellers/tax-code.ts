/** Weights of the Vietnamese tax code (mã số thuế) check digit, applied to its first nine digits. */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export type TaxCodeCheck = { valid: false; problem: string } | { valid: true; taxCode: string; checksumOk: boolean };

/**
 * Accepts `0314409058`, `0314409058-002` or `0314409058002`. The shape is enforced; the check digit
 * is only reported, because codes issued before the current weighting still circulate and fail it.
 */
export function checkTaxCode(raw: string): TaxCodeCheck {
  const compact = raw.replace(/[\s.]/g, '');
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  if (!match)
    return { valid: false, problem: 'taxCode must be 10 digits, or 10 digits and a 3-digit branch (0314409058-002)' };
  const [, base = '', branch] = match;
  if (base.slice(2, 9) === '0000000') return { valid: false, problem: 'taxCode digits 3 to 9 cannot all be zero' };
  if (branch === '000') return { valid: false, problem: 'taxCode branch suffix cannot be 000' };
  return { valid: true, taxCode: base + (branch ?? ''), checksumOk: taxCodeChecksumOk(base) };
}

/** The check digit of a 9-digit base, or null when no digit makes the code valid (the sum leaves 10). */
function checkDigit(base: string): number | null {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(base[index]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check;
}

export function taxCodeChecksumOk(base: string): boolean {
  const check = checkDigit(base);
  return check !== null && check === Number(base[9]);
}

/** Completes a 9-digit base with its check digit (for demo and test data). */
export function taxCodeWithCheckDigit(base: string): string {
  const check = /^\d{9}$/.test(base) ? checkDigit(base) : null;
  if (check === null) throw new Error(`No valid tax code starts with ${base}`);
  return base + String(check);
}

/** `0314409058002` → `0314409058-002`, the way the code is printed on documents. */
export function formatTaxCode(taxCode: string): string {
  return taxCode.length === 13 ? `${taxCode.slice(0, 10)}-${taxCode.slice(10)}` : taxCode;
}
