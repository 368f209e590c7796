import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translator';
import { basisIn, formatKpiValue, parsePeriod, periodText } from './KpiShared';

describe('KPI periods', () => {
  it('reads the periods the API accepts and writes them back unchanged', () => {
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, part: 1 });
    expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, part: 3 });
    expect(parsePeriod('2026-04')).toEqual({ kind: 'month', year: 2026, part: 4 });
    for (const text of ['2025', '2026-Q1', '2026-Q4', '2026-01', '2026-12'])
      expect(periodText(parsePeriod(text))).toBe(text);
  });

  it('falls back to the current year in Vietnam for anything else', () => {
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()),
    );
    for (const text of [null, '', '2026-Q5', '2026-13', '26', 'abc']) {
      expect(parsePeriod(text)).toEqual({ kind: 'year', year, part: 1 });
    }
  });
});

describe('KPI values', () => {
  it('shows each unit in the reader’s language', () => {
    const vi = createTranslator('vi');
    const en = createTranslator('en');
    expect(formatKpiValue(vi, 15.3846, 'percent')).toBe('15,4 %');
    expect(formatKpiValue(en, 15.3846, 'percent')).toBe('15.4 %');
    expect(formatKpiValue(vi, 3000, 'participations')).toBe('3.000');
    expect(formatKpiValue(vi, 2.5, 'days')).toBe('2,5 ngày');
    expect(formatKpiValue(en, 12, 'rank')).toBe('rank 12');
  });

  it('picks the basis line of the reader’s language', () => {
    expect(basisIn('vi', 'Số đơn / tổng\nOrders / all')).toBe('Số đơn / tổng');
    expect(basisIn('en', 'Số đơn / tổng\nOrders / all')).toBe('Orders / all');
    expect(basisIn('en', 'Chỉ có tiếng Việt')).toBe('Chỉ có tiếng Việt');
  });
});
