import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { findKpi } from './kpi-catalogue.js';
import { PLAN_PRESETS, presetReference } from './plan-presets.js';

/**
 * Loads the preset plans on every start, inserting only what is missing: a plan by its preset key,
 * a target by (plan, preset key). Officers' edits and archived targets are never overwritten, and a
 * target added to the presets later reaches databases created before it.
 *
 * The latest preset of the home province becomes its active plan when it is first inserted (the
 * demo follows the Lạng Sơn 2026–2030 plan), unless the province already follows another plan.
 */
@Injectable()
export class PlanPresetsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlanPresetsSeeder.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { plans, targets } = await this.apply();
    if (plans + targets > 0) this.logger.log(`Plan presets loaded: ${plans} plans, ${targets} targets`);
  }

  async apply(): Promise<{ plans: number; targets: number }> {
    const home = this.config.HOME_PROVINCE_CODE;
    const homeLatest = PLAN_PRESETS.filter((plan) => plan.provinceCode === home).sort(
      (a, b) => b.periodEndYear - a.periodEndYear,
    )[0];

    return this.db.transaction(async (manager) => {
      // Two processes starting on one database at once would otherwise race on the active flag.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['ocop-plan-presets']);
      let plans = 0;
      let targets = 0;
      for (const preset of PLAN_PRESETS) {
        const inserted: { id: string }[] = await manager.query(
          `INSERT INTO plans (preset_key, province_code, name, period_start_year, period_end_year, source_document, is_preset, active)
           SELECT $1, $2, $3, $4, $5, $6, true,
                  $7 AND NOT EXISTS (SELECT 1 FROM plans WHERE province_code = $2 AND active)
           ON CONFLICT (preset_key) DO NOTHING
           RETURNING id`,
          [
            preset.key,
            preset.provinceCode,
            preset.name,
            preset.periodStartYear,
            preset.periodEndYear,
            preset.sourceDocument,
            preset.key === homeLatest?.key,
          ],
        );
        plans += inserted.length;
        const [plan] = inserted.length
          ? inserted
          : ((await manager.query('SELECT id FROM plans WHERE preset_key = $1', [preset.key])) as { id: string }[]);
        if (!plan) throw new Error(`Preset plan ${preset.key} could not be read back`);

        const rows = preset.targets.map((target) => {
          const kpi = findKpi(target.kpiId);
          if (!kpi) throw new Error(`Preset ${target.key} refers to an unknown KPI ${target.kpiId}`);
          return {
            kpi_id: target.kpiId,
            preset_key: target.key,
            target_value: target.value,
            stretch_value: target.stretchValue ?? null,
            comparison: target.comparison,
            target_year: target.year,
            basis: target.basis,
            citation: target.citation,
            reference: presetReference(preset, target),
            note: target.note ?? null,
            params: kpi.defaultParams ?? {},
          };
        });
        const added: unknown[] = await manager.query(
          `INSERT INTO plan_targets (plan_id, kpi_id, preset_key, target_value, stretch_value, comparison, target_year, basis,
                                     citation, reference, note, params, is_preset)
           SELECT $1, r.kpi_id, r.preset_key, r.target_value, r.stretch_value, r.comparison, r.target_year, r.basis,
                  r.citation, r.reference, r.note, coalesce(r.params, '{}'::jsonb), true
           FROM jsonb_to_recordset($2::jsonb) AS r(kpi_id text, preset_key text, target_value numeric, stretch_value numeric,
                comparison text, target_year integer, basis text, citation text, reference text, note text, params jsonb)
           ON CONFLICT (plan_id, preset_key) WHERE preset_key IS NOT NULL DO NOTHING
           RETURNING id`,
          [plan.id, JSON.stringify(rows)],
        );
        targets += added.length;
      }
      return { plans, targets };
    });
  }
}
