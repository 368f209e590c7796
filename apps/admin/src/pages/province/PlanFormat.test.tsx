import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../api/request';
import { fieldErrors } from '../../errors';
import { createTranslator } from '../../i18n/translator';
import { formatBasis, formatGoal, formatKpiValue, parseTargetNumber } from './PlanFormat';

describe('plan targets as officers type and read them', () => {
  it('reads grouped thousands and decimal commas, and nothing else', () => {
    expect(parseTargetNumber('3.000')).toBe(3000);
    expect(parseTargetNumber('1 500 000')).toBe(1_500_000);
    expect(parseTargetNumber('12,5')).toBe(12.5);
    expect(parseTargetNumber('12.5')).toBe(12.5);
    expect(parseTargetNumber(' 80 ')).toBe(80);
    expect(parseTargetNumber('-3')).toBe(-3);
    expect(parseTargetNumber('')).toBeNaN();
    expect(parseTargetNumber('80%')).toBeNaN();
    expect(parseTargetNumber('1.2.3')).toBeNaN();
  });

  it('words a goal in its unit, in both languages', () => {
    const vi = createTranslator('vi');
    const en = createTranslator('en');
    expect(formatGoal(vi, '>=', formatKpiValue(vi, 80, 'percent'))).toBe('Từ 80 % trở lên');
    expect(formatGoal(vi, '>', formatKpiValue(vi, 3000, 'participations'))).toBe('Trên 3.000 lượt');
    expect(formatGoal(en, '<', formatKpiValue(en, 10, 'percent'))).toBe('Less than 10 %');
    expect(formatGoal(vi, '<=', formatKpiValue(vi, 10, 'rank'))).toBe('Không quá hạng 10');
    expect(formatBasis(vi, 'cumulative', 2026, 2030, false)).toBe('Cộng dồn 2026–2030');
    expect(formatBasis(vi, 'at_year', 2026, 2030, false)).toBe('Đạt vào cuối giai đoạn (2030)');
    expect(formatBasis(en, 'at_year', 2026, 2028, true)).toBe('Reached in 2028');
  });

  it('words the API’s refusals of a target under their fields', () => {
    const refused = new ApiRequestError(400, 'validation_failed', [
      { field: 'targetValue', messages: ['targetValue must be at most 100 percent'] },
      { field: 'params.withinDays', messages: ['withinDays must not be greater than 365'] },
    ]);
    expect(fieldErrors(refused, 'planTarget')).toEqual({
      targetValue: 'field.planTarget.targetValue',
      'params.withinDays': 'field.planTarget.params.withinDays',
    });
    const taken = new ApiRequestError(409, 'custom_kpi_exists', [{ field: 'customKpi.id', messages: ['exists'] }]);
    expect(fieldErrors(taken, 'planTarget')).toEqual({ 'customKpi.id': 'field.custom_kpi_exists.customKpi.id' });
  });
});
