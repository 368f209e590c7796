import { describe, expect, it } from 'vitest';
import { amountInWords } from './amount-in-words.js';

describe('amountInWords', () => {
  it.each([
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [2_586_000, 'Hai triệu năm trăm tám mươi sáu nghìn đồng'],
    [31_030, 'Ba mươi mốt nghìn không trăm ba mươi đồng'],
    [1_284_000, 'Một triệu hai trăm tám mươi bốn nghìn đồng'],
    [105_000, 'Một trăm lẻ năm nghìn đồng'],
    [25, 'Hai mươi lăm đồng'],
    [0, 'Không đồng'],
    [3_000_000_000, 'Ba tỷ đồng'],
    [-48_112, 'Âm bốn mươi tám nghìn một trăm mười hai đồng'],
  ])('reads %d', (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
  });

  it('refuses fractions of a đồng', () => {
    expect(() => amountInWords(10.5)).toThrow(RangeError);
  });
});
