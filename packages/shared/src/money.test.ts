import { describe, expect, it } from 'vitest';
import { assertDong, formatDong } from './money.js';

describe('money', () => {
  it('formats whole đồng the Vietnamese way', () => {
    expect(formatDong(1_250_000).replace(/\s/g, ' ')).toBe('1.250.000 ₫');
  });

  it('refuses fractions of a đồng', () => {
    expect(() => assertDong(10.5)).toThrow(RangeError);
    expect(() => formatDong(Number.NaN)).toThrow(RangeError);
  });
});
