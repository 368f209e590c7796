import { describe, expect, it } from 'vitest';
import { type StatusInput, statusOf } from './kpi-status.js';

const base: StatusInput = {
  unit: 'percent',
  value: 75,
  missingFigures: [],
  comparison: '>=',
  targetValue: 80,
  effectiveYear: 2030,
  basis: 'at_year',
  planStartYear: 2026,
  period: { startMonth: 2027 * 12, endMonth: 2028 * 12 },
};

describe('dashboard status rule', () => {
  it('compares shares with the target itself', () => {
    expect(statusOf(base)).toEqual({ status: 'behind', expected: 80 });
    expect(statusOf({ ...base, value: 80 }).status).toBe('on_track');
    expect(statusOf({ ...base, comparison: '<', targetValue: 5, value: 4 }).status).toBe('on_track');
  });

  it('waits for figures and data', () => {
    expect(statusOf({ ...base, value: null, missingFigures: ['smes_registered'] }).status).toBe('needs_figure');
    expect(statusOf({ ...base, value: null }).status).toBe('no_data');
  });

  it('compares counts with a linear trajectory', () => {
    // Plan 2026–2030 (60 months), 100,000 participations by the end of 2030; the end of 2027 is 24 / 60 of the way.
    const count: StatusInput = {
      ...base,
      unit: 'participations',
      targetValue: 100_000,
      comparison: '>',
      basis: 'cumulative',
    };
    expect(statusOf({ ...count, value: 40_000 })).toEqual({ status: 'on_track', expected: 40_000 });
    expect(statusOf({ ...count, value: 39_999 }).status).toBe('behind');
    // At the end of the target year a strict floor is strict again.
    const last = { ...count, period: { startMonth: 2030 * 12, endMonth: 2031 * 12 } };
    expect(statusOf({ ...last, value: 100_000 }).status).toBe('behind');
    // A yearly target read over a quarter: 3 / 12 of it.
    expect(
      statusOf({ ...count, basis: 'each_year', targetValue: 40, value: 10, period: { startMonth: 0, endMonth: 3 } }),
    ).toEqual({
      status: 'on_track',
      expected: 10,
    });
  });
});
