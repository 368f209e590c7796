import { describe, expect, it } from 'vitest';
import { displaySymbol, parseSymbol, symbolForYear } from './invoice-symbol.js';

describe('invoice symbol', () => {
  it('accepts the symbol alone or with its form number, in any case', () => {
    expect(parseSymbol('C26TAA')).toEqual({ formNumber: null, symbol: 'C26TAA' });
    expect(parseSymbol('1c26taa')).toEqual({ formNumber: 1, symbol: 'C26TAA' });
    expect(parseSymbol(' 2K25TYY ')).toEqual({ formNumber: 2, symbol: 'K25TYY' });
  });

  it.each(['X26TAA', 'C2TAA', 'C26ZAA', 'C26TA1', 'C26TAAA', '0C26TAA', 'C26XAB', ''])('refuses %s', (input) => {
    expect(parseSymbol(input)).toBeNull();
  });

  it('rolls the year digits to the year of issue', () => {
    expect(symbolForYear('C26TAA', 2027)).toBe('C27TAA');
    expect(symbolForYear('K25MAB', 2030)).toBe('K30MAB');
    expect(displaySymbol(1, 'C26TAA')).toBe('1C26TAA');
  });
});
