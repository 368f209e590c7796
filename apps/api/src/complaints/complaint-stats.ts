import type { EntityManager } from 'typeorm';
import type { Period } from '../plan/reporting-period.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintStatus,
} from './complaint.entity.js';

/** Time limit for "resolved within days" when a target does not set one. */
export const DEFAULT_RESOLUTION_DAYS = 15;

export interface Ratio {
  numerator: number;
  denominator: number;
}

/**
 * Complaint figures for the cohort received in `[from, to)`, each complaint in its current state
 * (a complaint received in December and resolved in January counts as resolved, in January's
 * time). Rejected complaints (unfounded, or outside the platform's remit) leave the denominators
 * of the resolution ratios. Days are 24-hour days from receipt to resolution.
 */
export interface ComplaintStats {
  from: string;
  to: string;
  withinDays: number;
  received: number;
  byStatus: Record<ComplaintStatus, number>;
  byCategory: Record<ComplaintCategory, number>;
  open: number;
  resolvedShare: Ratio;
  resolvedWithinDays: Ratio;
  averageDaysToResolve: number | null;
  medianDaysToResolve: number | null;
  resolvedDuringPeriod: number;
}

export interface ComplaintStatsOptions {
  withinDays?: number;
  /** Complaints about sellers based in this commune. */
  communeCode?: string;
}

function round2(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 100) / 100;
}

export async function complaintStats(
  db: EntityManager,
  period: Period,
  options: ComplaintStatsOptions = {},
): Promise<ComplaintStats> {
  const withinDays = options.withinDays ?? DEFAULT_RESOLUTION_DAYS;
  const rows: {
    received: number;
    by_status: Record<string, number> | null;
    by_category: Record<string, number> | null;
    within: number;
    average_days: string | null;
    median_days: string | null;
    resolved_during: number;
  }[] = await db.query(
    `WITH scoped AS (
       SELECT c.* FROM complaints c LEFT JOIN organisations o ON o.id = c.organisation_id
       WHERE $4::text IS NULL OR o.commune_code = $4
     ),
     cohort AS (
       SELECT status, category, extract(epoch FROM resolved_at - received_at) / 86400 AS days
       FROM scoped WHERE received_at >= $1 AND received_at < $2
     )
     SELECT
       (SELECT count(*)::int FROM cohort) AS received,
       (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM cohort GROUP BY status) x) AS by_status,
       (SELECT jsonb_object_agg(category, n) FROM (SELECT category, count(*)::int AS n FROM cohort GROUP BY category) x) AS by_category,
       (SELECT count(*)::int FROM cohort WHERE status = 'resolved' AND days <= $3) AS within,
       (SELECT avg(days) FROM cohort WHERE status = 'resolved') AS average_days,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM cohort WHERE status = 'resolved') AS median_days,
       (SELECT count(*)::int FROM scoped WHERE status = 'resolved' AND resolved_at >= $1 AND resolved_at < $2) AS resolved_during`,
    [period.from, period.to, withinDays, options.communeCode ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error('The complaint statistics query returned no row');
  const byStatus = Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, row.by_status?.[s] ?? 0])) as Record<
    ComplaintStatus,
    number
  >;
  const byCategory = Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, row.by_category?.[c] ?? 0])) as Record<
    ComplaintCategory,
    number
  >;
  const handleable = row.received - byStatus.rejected;
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    withinDays,
    received: row.received,
    byStatus,
    byCategory,
    open: byStatus.received + byStatus.in_progress,
    resolvedShare: { numerator: byStatus.resolved, denominator: handleable },
    resolvedWithinDays: { numerator: row.within, denominator: handleable },
    averageDaysToResolve: round2(row.average_days),
    medianDaysToResolve: round2(row.median_days),
    resolvedDuringPeriod: row.resolved_during,
  };
}
