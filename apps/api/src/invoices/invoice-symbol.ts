import type { FormNumber } from './invoice-model.js';

/**
 * Ký hiệu hóa đơn (Circular 78 Art. 4, kept by Circular 32): C/K (with or without the tax
 * authority's code), two digits of the year of issue, the type letter, two letters the seller chooses.
 * The letter X added by Circular 32 is for a different document (commercial invoices) and is refused.
 */
export const SYMBOL_PATTERN = /^[CK]\d{2}[TDLMNBGH][A-Z]{2}$/;
const WITH_FORM_PATTERN = /^([1-9])([CK]\d{2}[TDLMNBGH][A-Z]{2})$/;

export interface ParsedSymbol {
  formNumber: number | null;
  symbol: string;
}

/** Accepts `C26TAA` or `1C26TAA` (form and symbol together, as they are printed); null when invalid. */
export function parseSymbol(input: string): ParsedSymbol | null {
  const value = input.trim().toUpperCase();
  if (SYMBOL_PATTERN.test(value)) return { formNumber: null, symbol: value };
  const match = WITH_FORM_PATTERN.exec(value);
  return match ? { formNumber: Number(match[1]), symbol: match[2] as string } : null;
}

/**
 * The symbol carries the year of issue, so an invoice dated in 2027 under the seller's `C26TAA`
 * template is written `C27TAA` and numbered from 1 in its own sequence.
 */
export function symbolForYear(symbol: string, year: number): string {
  return `${symbol.charAt(0)}${String(year % 100).padStart(2, '0')}${symbol.slice(3)}`;
}

/** `1C26TAA`: how the form and the symbol are shown together. */
export function displaySymbol(formNumber: FormNumber | number, symbol: string): string {
  return `${formNumber}${symbol}`;
}
