import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../core/http/domain-error.js';
import { type Period, vietnamDate, vietnamDayStart } from '../plan/reporting-period.js';

export type PeriodKind = 'year' | 'quarter' | 'month';

/** A calendar year, quarter or month in Vietnam time, as the dashboard and the reports name it. */
export interface ReportingPeriod extends Period {
  /** `2026`, `2026-Q3` or `2026-11`. */
  label: string;
  kind: PeriodKind;
  year: number;
  /** Index of the period's first month, 0-based, so that shifting by whole periods is arithmetic on months. */
  startMonth: number;
  months: number;
}

const LABEL = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

function build(kind: PeriodKind, year: number, startMonth: number): ReportingPeriod {
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  const start = year * 12 + startMonth;
  const end = start + months;
  const dayOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  const label =
    kind === 'year'
      ? String(year)
      : kind === 'quarter'
        ? `${year}-Q${startMonth / 3 + 1}`
        : `${year}-${String(startMonth + 1).padStart(2, '0')}`;
  return {
    label,
    kind,
    year,
    startMonth,
    months,
    from: vietnamDayStart(dayOf(start)),
    to: vietnamDayStart(dayOf(end)),
  };
}

/** Reads `2026`, `2026-Q3` or `2026-11`; without a label, the current year in Vietnam. */
export function parsePeriod(label: string | undefined, now = new Date()): ReportingPeriod {
  const text = label ?? vietnamDate(now).slice(0, 4);
  const match = LABEL.exec(text);
  const year = match ? Number(match[1]) : Number.NaN;
  if (!match || year < 2000 || year > 2100) {
    throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
      { field: 'period', messages: ['period must be a year (2026), a quarter (2026-Q3) or a month (2026-11)'] },
    ]);
  }
  if (match[2]) return build('quarter', year, (Number(match[2]) - 1) * 3);
  if (match[3]) return build('month', year, Number(match[3]) - 1);
  return build('year', year, 0);
}

/** The period `steps` periods of the same length before this one (a trend reads 1…4). */
export function shiftPeriod(period: ReportingPeriod, steps: number): ReportingPeriod {
  const index = period.year * 12 + period.startMonth - steps * period.months;
  return build(period.kind, Math.floor(index / 12), index % 12);
}

/** The last calendar day of a period in Vietnam, `YYYY-MM-DD`: certificates are valid on dates, not instants. */
export function lastDayOf(period: Period): string {
  return vietnamDate(new Date(period.to.getTime() - 1));
}
