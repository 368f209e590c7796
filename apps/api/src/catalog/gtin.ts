/**
 * GS1 check digit for GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN, 893… for Vietnam) and GTIN-14:
 * from the right, digits before the check digit are weighted 3, 1, 3, 1…; the check digit brings
 * the sum up to a multiple of ten.
 */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let i = digitsWithoutCheck.length - 1, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) {
    sum += Number(digitsWithoutCheck[i]) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

export type GtinProblem = 'format' | 'check_digit';

/** Null when the GTIN is well formed and its check digit is right. */
export function gtinProblem(gtin: string): GtinProblem | null {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return 'format';
  const check = gtinCheckDigit(gtin.slice(0, -1));
  return check === Number(gtin[gtin.length - 1]) ? null : 'check_digit';
}

export function isValidGtin(gtin: string): boolean {
  return gtinProblem(gtin) === null;
}
