/** Weights of the Vietnamese tax code (mã số thuế) check digit, applied to its first nine digits. */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export type TaxCodeCheck =
  | { valid: false; problem: string }
  | { valid: true; taxCode: string; checksumOk: boolean };

/**
 * Accepts `0314409058`, `0314409058-002` or `0314409058002`. The shape is enforced; the check digit
 * is only reported, because codes issued before the current weighting still circulate and fail it.
 */
export function checkTaxCode(raw: string): TaxCodeCheck {
  const compact = raw.replace(/[\s.]/g, '');
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  if (!match) return { valid: false, problem: 'taxCode must be 10 digits, or 10 digits and a 3-digit branch (0314409058-002)' };
  const [, base = '', branch] = match;
  if (base.slice(2, 9) === '0000000') return { valid: false, problem: 'taxCode digits 3 to 9 cannot all be zero' };
  if (branch === '000') return { valid: false, problem: 'taxCode branch suffix cannot be 000' };
  return { valid: true, taxCode: base + (branch ?? ''), checksumOk: taxCodeChecksumOk(base) };
}

export function taxCodeChecksumOk(base: string): boolean {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(base[index]), 0);
  const check = 10 - (sum % 11);
  return check !== 10 && check === Number(base[9]);
}

/** `0314409058002` → `0314409058-002`, the way the code is printed on documents. */
export function formatTaxCode(taxCode: string): string {
  return taxCode.length === 13 ? `${taxCode.slice(0, 10)}-${taxCode.slice(10)}` : taxCode;
}
