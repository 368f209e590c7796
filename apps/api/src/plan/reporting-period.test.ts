import { describe, expect, it } from 'vitest';
import { periodFromDates, vietnamDate, vietnamDayStart, yearPeriod } from './reporting-period.js';

describe('reporting periods', () => {
  it('reads calendar dates as Vietnamese midnight', () => {
    expect(vietnamDayStart('2026-01-01').toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(vietnamDate(new Date('2026-03-31T17:30:00Z'))).toBe('2026-04-01');
  });

  it('makes the last day inclusive', () => {
    const period = periodFromDates('2026-03-01', '2026-03-31');
    expect(period.from.toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(period.to.toISOString()).toBe('2026-03-31T17:00:00.000Z');
    expect(yearPeriod(2026)).toEqual(periodFromDates('2026-01-01', '2026-12-31'));
  });

  it('defaults to the current year so far and refuses nonsense', () => {
    const period = periodFromDates(undefined, undefined, new Date('2026-05-10T03:00:00Z'));
    expect(period.from.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(period.to.toISOString()).toBe('2026-05-10T17:00:00.000Z');
    expect(() => periodFromDates('2026-02-30')).toThrow();
    expect(() => periodFromDates('2026-05-02', '2026-05-01')).toThrow();
    expect(() => periodFromDates('26-05-02')).toThrow();
  });
});
