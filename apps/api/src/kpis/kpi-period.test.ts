import { describe, expect, it } from 'vitest';
import { lastDayOf, parsePeriod, shiftPeriod } from './kpi-period.js';

describe('reporting periods', () => {
  it('reads years, quarters and months in Vietnam time', () => {
    const year = parsePeriod('2026');
    expect([year.from.toISOString(), year.to.toISOString()]).toEqual([
      '2025-12-31T17:00:00.000Z',
      '2026-12-31T17:00:00.000Z',
    ]);
    const quarter = parsePeriod('2026-Q3');
    expect([quarter.from.toISOString(), quarter.to.toISOString()]).toEqual([
      '2026-06-30T17:00:00.000Z',
      '2026-09-30T17:00:00.000Z',
    ]);
    expect(lastDayOf(quarter)).toBe('2026-09-30');
    const month = parsePeriod('2026-11');
    expect([month.label, month.kind, lastDayOf(month)]).toEqual(['2026-11', 'month', '2026-11-30']);
    expect(parsePeriod(undefined, new Date('2026-12-31T18:00:00Z')).label).toBe('2027');
  });

  it('refuses anything else', () => {
    for (const label of ['2026-Q0', '2026-13', '26', '2026-1', '2026Q1']) expect(() => parsePeriod(label)).toThrow();
  });

  it('steps back by whole periods across years', () => {
    expect([1, 2, 3, 4].map((steps) => shiftPeriod(parsePeriod('2026-Q1'), steps).label)).toEqual([
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
    expect(shiftPeriod(parsePeriod('2026-02'), 2).label).toBe('2025-12');
    expect(shiftPeriod(parsePeriod('2026'), 4).label).toBe('2022');
  });
});
