import type { KpiUnit } from '../plan/kpi-catalogue.js';
import type { Comparison, TargetBasis } from '../plan/plan-presets.js';

export const KPI_STATUSES = ['on_track', 'behind', 'no_data', 'needs_figure'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** Quantities accumulate through the year and the plan; levels (shares, days, ranks) are read as they are. */
export function isQuantity(unit: KpiUnit): boolean {
  return unit === 'count' || unit === 'participations' || unit === 'vnd';
}

export interface StatusInput {
  unit: KpiUnit;
  value: number | null;
  missingFigures: readonly string[];
  comparison: Comparison;
  targetValue: number;
  /** The year the target must be met in (the plan's end year when the target names none). */
  effectiveYear: number;
  basis: TargetBasis;
  planStartYear: number;
  /** The period read, as whole months since year 0: [startMonth, endMonth). */
  period: { startMonth: number; endMonth: number };
}

export interface StatusResult {
  status: KpiStatus;
  /** What the value is compared with: the target for levels, the point on the trajectory for quantities. */
  expected: number | null;
}

function meets(value: number, bound: number, comparison: Comparison): boolean {
  switch (comparison) {
    case '>=':
      return value >= bound;
    case '>':
      return value > bound;
    case '<=':
      return value <= bound;
    case '<':
      return value < bound;
  }
}

/**
 * The dashboard's status rule.
 * - A value waiting for an external figure is `needs_figure`; no value at all (nothing to divide by,
 *   or data the platform does not record) is `no_data`.
 * - Levels (percent, days, rank) are compared with the target as the plan words it, in any period:
 *   a share below the plan's level is behind even early in the plan.
 * - Quantities are compared with a linear trajectory: a target per year (`each_year`) is scaled to
 *   the period's length; a target to reach by a year (`at_year`, `cumulative`) grows linearly from 0
 *   at the start of the plan to the target at the end of its year, read at the end of the period.
 *   Before the last point of the trajectory a floor only has to be reached (`>` is read as `>=`).
 */
export function statusOf(input: StatusInput): StatusResult {
  if (input.missingFigures.length > 0) return { status: 'needs_figure', expected: null };
  if (input.value === null) return { status: 'no_data', expected: null };
  if (!isQuantity(input.unit)) {
    return {
      status: meets(input.value, input.targetValue, input.comparison) ? 'on_track' : 'behind',
      expected: input.targetValue,
    };
  }
  const months = input.period.endMonth - input.period.startMonth;
  let fraction: number;
  if (input.basis === 'each_year') {
    fraction = months / 12;
  } else {
    const start = input.planStartYear * 12;
    const end = (input.effectiveYear + 1) * 12;
    fraction = Math.min(1, Math.max(0, (input.period.endMonth - start) / (end - start)));
  }
  const expected = Math.round(input.targetValue * fraction * 100) / 100;
  const comparison: Comparison = fraction < 1 && input.comparison === '>' ? '>=' : input.comparison;
  return { status: meets(input.value, expected, comparison) ? 'on_track' : 'behind', expected };
}
