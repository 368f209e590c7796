import { describe, expect, it } from 'vitest';
import { formatDate, formatPhone } from './format';

describe('storefront formats', () => {
  it('writes calendar dates as the day they name, whatever the time zone', () => {
    expect(formatDate('vi', '2027-03-31')).toBe('31/03/2027');
    expect(formatDate('en', '2027-03-31')).toBe('31 Mar 2027');
    expect(formatDate('vi', 'not a date')).toBe('not a date');
  });

  it('writes phone numbers the way people here write them', () => {
    expect(formatPhone('+84912345678')).toBe('0912 345 678');
    expect(formatPhone('0912345678')).toBe('0912 345 678');
    expect(formatPhone('+441234567890')).toBe('+441234567890');
  });
});
