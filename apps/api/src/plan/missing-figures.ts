import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { MissingFiguresDto } from './dto/plan.dto.js';
import { findKpi } from './kpi-catalogue.js';
import { type CustomKpiRow, describeFigure } from './kpi-view.js';

export const PLAN_NOT_FOUND = () => new DomainError('plan_not_found', 'Plan not found', HttpStatus.NOT_FOUND);

/**
 * The external figures a plan's targets need for `year` that nobody has entered yet: denominators
 * of its `external_ratio` KPIs and values of its `recorded` ones (catalogue or custom). The KPI
 * engine reports a KPI as "waiting for <figure>" instead of computing it when its key is listed.
 */
export async function missingFiguresFor(db: EntityManager, planId: string, year: number): Promise<MissingFiguresDto> {
  const plans: { province_code: string }[] = await db.query('SELECT province_code FROM plans WHERE id = $1', [planId]);
  const plan = plans[0];
  if (!plan) throw PLAN_NOT_FOUND();

  const rows: (CustomKpiRow & { kpi_id: string })[] = await db.query(
    `SELECT DISTINCT t.kpi_id, c.kpi_id AS "kpiId", c.name_vi AS "nameVi", c.name_en AS "nameEn", c.unit, c.direction, c.definition
     FROM plan_targets t LEFT JOIN plan_custom_kpis c ON c.id = t.custom_kpi_id
     WHERE t.plan_id = $1 AND t.archived_at IS NULL
     ORDER BY t.kpi_id`,
    [planId],
  );
  const customKpis = rows.filter((row) => row.kpiId !== null);
  const needs = rows.map((row) => {
    const kpi = findKpi(row.kpi_id);
    return {
      kpiId: row.kpi_id,
      kpiNameVi: kpi?.nameVi ?? row.nameVi,
      keys: kpi ? [...kpi.figureKeys] : row.kpiId ? [row.kpiId] : [],
    };
  });

  const wanted = [...new Set(needs.flatMap((need) => need.keys))];
  const entered: { key: string }[] = wanted.length
    ? await db.query('SELECT key FROM external_figures WHERE province_code = $1 AND year = $2 AND key = ANY($3)', [
        plan.province_code,
        year,
        wanted,
      ])
    : [];
  const present = new Set(entered.map((row) => row.key));

  const byKpi = needs
    .map((need) => ({
      kpiId: need.kpiId,
      kpiNameVi: need.kpiNameVi,
      missing: need.keys.filter((key) => !present.has(key)),
    }))
    .filter((need) => need.missing.length > 0);
  const missing = wanted
    .filter((key) => !present.has(key))
    .flatMap((key) => {
      const described = describeFigure(key, customKpis);
      if (!described) return [];
      return [{ ...described, neededBy: byKpi.filter((need) => need.missing.includes(key)).map((need) => need.kpiId) }];
    });

  return { planId, provinceCode: plan.province_code, year, complete: missing.length === 0, missing, byKpi };
}
