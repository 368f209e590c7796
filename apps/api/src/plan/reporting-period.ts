import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../core/http/domain-error.js';

/** A half-open interval of instants, `[from, to)`, as every KPI helper takes it. */
export interface Period {
  from: Date;
  to: Date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight in Vietnam (UTC+7, no daylight saving) at the start of a calendar date. */
export function vietnamDayStart(date: string, field = 'date'): Date {
  const match = DATE.exec(date);
  const instant = match ? new Date(`${date}T00:00:00+07:00`) : new Date(Number.NaN);
  // Date.parse rolls 2026-02-30 over to March; a date that does not round-trip is not a date.
  if (Number.isNaN(instant.getTime()) || vietnamDate(instant) !== date) {
    throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
      { field, messages: [`${date} is not a calendar date written YYYY-MM-DD`] },
    ]);
  }
  return instant;
}

/** The calendar date in Vietnam of an instant, `YYYY-MM-DD`. */
export function vietnamDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(instant);
}

/** A calendar year in Vietnam time, the reporting period of the plans. */
export function yearPeriod(year: number): Period {
  return { from: vietnamDayStart(`${year}-01-01`), to: vietnamDayStart(`${year + 1}-01-01`) };
}

/**
 * Reads `from` and `to` as inclusive calendar dates in Vietnam, the way officers write a period,
 * into `[from 00:00, day after to 00:00)`. Missing ends default to the current year so far.
 */
export function periodFromDates(from?: string, to?: string, now = new Date()): Period {
  const today = vietnamDate(now);
  const start = vietnamDayStart(from ?? `${today.slice(0, 4)}-01-01`, 'from');
  const lastDay = vietnamDayStart(to ?? today, 'to');
  const end = new Date(lastDay.getTime() + 24 * 60 * 60 * 1000);
  if (start >= end) {
    throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
      { field: 'to', messages: ['to must not be before from'] },
    ]);
  }
  return { from: start, to: end };
}
