import { dateFormat, getDateInGMT7 } from 'vnpay';
import { afterEach, describe, expect, it } from 'vitest';
import { fromVnpayDate, toVnpayDate } from './vnpay-dates.js';

describe('VNPay dates', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it('writes the Vietnamese wall clock whatever the server time zone', () => {
    const instant = new Date('2026-11-23T20:30:05Z');
    for (const zone of ['UTC', 'Asia/Ho_Chi_Minh', 'America/New_York']) {
      process.env.TZ = zone;
      expect(toVnpayDate(instant)).toBe(20261124033005);
    }
  });

  it("differs from the library's helpers outside UTC, which is why it exists", () => {
    const instant = new Date('2026-11-23T08:00:00Z');
    process.env.TZ = 'UTC';
    expect(dateFormat(getDateInGMT7(instant))).toBe(toVnpayDate(instant));
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    expect(dateFormat(getDateInGMT7(instant))).not.toBe(toVnpayDate(instant));
  });

  it('reads VNPay dates back as instants and refuses impossible ones', () => {
    expect(fromVnpayDate('20261123151000')).toEqual(new Date('2026-11-23T08:10:00Z'));
    expect(fromVnpayDate(20260101000000)).toEqual(new Date('2025-12-31T17:00:00Z'));
    expect(fromVnpayDate('20261345000000')).toBeNull();
    expect(fromVnpayDate('2026-11-23')).toBeNull();
    expect(fromVnpayDate(undefined)).toBeNull();
  });
});
