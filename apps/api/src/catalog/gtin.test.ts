import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, gtinProblem, isValidGtin } from './gtin.js';

describe('GTIN check digit', () => {
  it('accepts real codes of every length', () => {
    expect(isValidGtin('8934563138165')).toBe(true); // GTIN-13 with the Vietnamese 893 prefix
    expect(isValidGtin('4006381333931')).toBe(true); // GTIN-13 from the GS1 examples
    expect(isValidGtin('036000291452')).toBe(true); // GTIN-12 (UPC-A)
    expect(isValidGtin('96385074')).toBe(true); // GTIN-8
    expect(isValidGtin('10614141000415')).toBe(true); // GTIN-14 (case of trade items)
  });

  it('computes the digit the GS1 way (weights 3,1 from the right)', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('03600029145')).toBe(2);
    expect(gtinCheckDigit('000000000000')).toBe(0);
  });

  it('reports a wrong check digit apart from a wrong shape', () => {
    expect(gtinProblem('8934563138166')).toBe('check_digit');
    expect(gtinProblem('4006381333932')).toBe('check_digit');
    expect(gtinProblem('893456313816')).toBe('check_digit'); // a 13-digit code cut to 12 is not a UPC
    expect(gtinProblem('89345631381')).toBe('format');
    expect(gtinProblem('893456313816X')).toBe('format');
    expect(gtinProblem('')).toBe('format');
    expect(gtinProblem('123456789012345')).toBe('format');
  });

  it('catches every single-digit typo', () => {
    const valid = '8934563138165';
    for (let position = 0; position < valid.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === valid[position]) continue;
        const typo = valid.slice(0, position) + digit + valid.slice(position + 1);
        expect(isValidGtin(typo), typo).toBe(false);
      }
    }
  });
});
