import { describe, expect, it } from 'vitest';
import { newOrderCode } from './order-code.js';

describe('newOrderCode', () => {
  it('uses the business day in Vietnam, not in UTC', () => {
    // 23 Nov 2026, 18:30 UTC is already 24 Nov in Hà Nội.
    expect(newOrderCode(new Date('2026-11-23T18:30:00Z'))).toMatch(/^DH261124-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('varies', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newOrderCode()));
    expect(codes.size).toBeGreaterThan(195);
  });
});
