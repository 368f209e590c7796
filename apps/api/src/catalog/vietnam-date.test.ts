import { describe, expect, it } from 'vitest';
import { isExpired, todayInVietnam } from './vietnam-date.js';

describe('dates in Vietnam', () => {
  it('rolls over at midnight in Hà Nội, not at midnight UTC', () => {
    expect(todayInVietnam(new Date('2026-03-17T16:59:59Z'))).toBe('2026-03-17');
    expect(todayInVietnam(new Date('2026-03-17T17:00:00Z'))).toBe('2026-03-18');
  });

  it('keeps a certificate valid through its expiry date', () => {
    expect(isExpired('2026-03-18', '2026-03-18')).toBe(false);
    expect(isExpired('2026-03-17', '2026-03-18')).toBe(true);
  });
});
