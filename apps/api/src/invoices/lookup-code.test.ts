import { describe, expect, it } from 'vitest';
import { formatLookupCode, newLookupCode, normaliseLookupCode } from './lookup-code.js';

describe('lookup code', () => {
  it('is 12 unambiguous characters and different every time', () => {
    const codes = new Set(Array.from({ length: 1000 }, newLookupCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it('reads what a person types', () => {
    expect(normaliseLookupCode('7k3m-9qh2-xw4t')).toBe('7K3M9QH2XW4T');
    expect(normaliseLookupCode('O1IL 2345 6789')).toBe('011123456789');
    expect(normaliseLookupCode('7K3M9QH2XW4')).toBeNull();
    expect(normaliseLookupCode('7K3M9QH2XW4U')).toBeNull();
    expect(formatLookupCode('7K3M9QH2XW4T')).toBe('7K3M-9QH2-XW4T');
  });
});
