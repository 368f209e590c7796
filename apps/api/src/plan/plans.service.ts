import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type {
  AddTargetDto,
  KpiDto,
  MissingFiguresDto,
  PlanDto,
  PlanSummaryDto,
  TargetChangeDto,
  TargetDto,
  UpdateTargetDto,
} from './dto/plan.dto.js';
import { CUSTOM_KPI_ID, findKpi, valueBounds } from './kpi-catalogue.js';
import { catalogueKpiDto, customKpiDto } from './kpi-view.js';
import { missingFiguresFor, PLAN_NOT_FOUND } from './missing-figures.js';
import { PlanCustomKpi } from './plan-custom-kpi.entity.js';
import { Plan } from './plan.entity.js';
import { type Comparison, PLAN_PRESETS } from './plan-presets.js';
import { PlanTarget, type TargetParams } from './plan-target.entity.js';
import type { PlanTargetChange } from './plan-target-change.entity.js';

type FieldProblems = { field: string; messages: string[] }[];

const TARGET_NOT_FOUND = () => new DomainError('target_not_found', 'Target not found', HttpStatus.NOT_FOUND);

function invalid(problems: FieldProblems): DomainError {
  return new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, problems);
}

/** The fields of a target worth keeping in its history. */
function snapshot(target: PlanTarget): Record<string, unknown> {
  return {
    targetValue: target.targetValue,
    stretchValue: target.stretchValue,
    comparison: target.comparison,
    targetYear: target.targetYear,
    basis: target.basis,
    note: target.note,
    params: target.params,
  };
}

async function recordChange(
  manager: EntityManager,
  targetId: string,
  action: PlanTargetChange['action'],
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  actorUserId: string,
): Promise<void> {
  await manager.query(
    'INSERT INTO plan_target_changes (target_id, action, before, after, actor_user_id) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5)',
    [targetId, action, before && JSON.stringify(before), after && JSON.stringify(after), actorUserId],
  );
}

@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(provinceCode?: string): Promise<PlanSummaryDto[]> {
    const rows: (Plan & { provinceName: string; targetCount: number })[] = await this.db.query(
      `SELECT p.id, p.preset_key AS "presetKey", p.province_code AS "provinceCode", pr.name AS "provinceName", p.name,
              p.period_start_year AS "periodStartYear", p.period_end_year AS "periodEndYear",
              p.source_document AS "sourceDocument", p.is_preset AS "isPreset", p.active,
              (SELECT count(*)::int FROM plan_targets t WHERE t.plan_id = p.id AND t.archived_at IS NULL) AS "targetCount"
       FROM plans p JOIN provinces pr ON pr.code = p.province_code
       WHERE ($1::text IS NULL OR p.province_code = $1)
       ORDER BY p.active DESC, (p.province_code = $2) DESC, p.period_end_year DESC, p.province_code, p.name`,
      [provinceCode ?? null, this.config.HOME_PROVINCE_CODE],
    );
    return rows.map((row) => this.summary(row, row.provinceName, row.targetCount));
  }

  async get(id: string): Promise<PlanDto> {
    return this.read(this.db.manager, id);
  }

  /** The plan the home province follows now; 404 when none is marked active. */
  async getActive(): Promise<PlanDto> {
    const plan = await this.db
      .getRepository(Plan)
      .findOneBy({ provinceCode: this.config.HOME_PROVINCE_CODE, active: true });
    if (!plan) throw new DomainError('no_active_plan', 'The province has no active plan', HttpStatus.NOT_FOUND);
    return this.read(this.db.manager, plan.id);
  }

  /** Makes this plan the one its province follows; the province's other plans stop being active. */
  async activate(id: string): Promise<PlanDto> {
    return this.db.transaction(async (manager) => {
      const plan = await this.editablePlan(manager, id);
      await manager.query(
        'UPDATE plans SET active = false, updated_at = now() WHERE province_code = $1 AND active AND id <> $2',
        [plan.provinceCode, id],
      );
      await manager.query('UPDATE plans SET active = true, updated_at = now() WHERE id = $1', [id]);
      return this.read(manager, id);
    });
  }

  async addTarget(planId: string, input: AddTargetDto, actor: AuthenticatedUser): Promise<TargetDto> {
    return this.db.transaction(async (manager) => {
      const plan = await this.editablePlan(manager, planId);
      let customKpiId: string | null = null;
      let kpi: KpiDto;

      if (input.customKpi && input.kpiId !== undefined) {
        throw invalid([{ field: 'kpiId', messages: ['give either kpiId or customKpi, not both'] }]);
      }
      if (input.customKpi) {
        const custom = input.customKpi;
        const existing = await manager.getRepository(PlanCustomKpi).findOneBy({ planId, kpiId: custom.id });
        if (existing) {
          throw new DomainError(
            'custom_kpi_exists',
            `The plan already has a KPI ${custom.id}; add a target with kpiId`,
            HttpStatus.CONFLICT,
            [{ field: 'customKpi.id', messages: ['the plan already has a KPI with this id'] }],
          );
        }
        const saved = await manager.getRepository(PlanCustomKpi).save({
          planId,
          kpiId: custom.id,
          nameVi: custom.nameVi.trim(),
          nameEn: custom.nameEn?.trim() ?? null,
          unit: custom.unit,
          direction: custom.direction,
          definition: custom.definition?.trim() || null,
          createdBy: actor.userId,
        });
        customKpiId = saved.id;
        kpi = customKpiDto(saved);
      } else {
        const kpiId = input.kpiId ?? '';
        const catalogue = findKpi(kpiId);
        if (catalogue) {
          kpi = catalogueKpiDto(catalogue);
        } else if (CUSTOM_KPI_ID.test(kpiId)) {
          const custom = await manager.getRepository(PlanCustomKpi).findOneBy({ planId, kpiId });
          if (!custom)
            throw invalid([
              { field: 'kpiId', messages: [`the plan has no custom KPI ${kpiId}; define it with customKpi`] },
            ]);
          customKpiId = custom.id;
          kpi = customKpiDto(custom);
        } else {
          throw invalid([{ field: 'kpiId', messages: [`${kpiId} is not a KPI of the catalogue (see GET /api/kpis)`] }]);
        }
      }

      const values = {
        comparison: input.comparison,
        targetValue: input.targetValue,
        stretchValue: input.stretchValue ?? null,
        targetYear: input.targetYear ?? null,
        params: input.params ?? {},
      };
      this.checkValues(kpi, plan, values);
      const target = await manager.getRepository(PlanTarget).save({
        planId,
        kpiId: kpi.id,
        customKpiId,
        presetKey: null,
        ...values,
        basis: input.basis ?? kpi.defaultBasis,
        citation: input.citation?.trim() ?? null,
        reference: input.reference?.trim() ?? null,
        note: input.note?.trim() || null,
        isPreset: false,
        archivedAt: null,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      await recordChange(manager, target.id, 'created', null, snapshot(target), actor.userId);
      return this.targetDto(target, kpi, plan);
    });
  }

  /** Edits what an officer may change: value, range, year, comparison, basis, note, parameters. */
  async updateTarget(
    planId: string,
    targetId: string,
    input: UpdateTargetDto,
    actor: AuthenticatedUser,
  ): Promise<TargetDto> {
    return this.db.transaction(async (manager) => {
      const plan = await this.editablePlan(manager, planId);
      const targets = manager.getRepository(PlanTarget);
      const target = await targets.findOne({
        where: { id: targetId, planId, archivedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!target) throw TARGET_NOT_FOUND();
      const kpi = await this.kpiOf(manager, target);

      const changes: Partial<PlanTarget> = {};
      if (input.targetValue !== undefined) changes.targetValue = input.targetValue;
      if (input.stretchValue !== undefined) changes.stretchValue = input.stretchValue;
      if (input.targetYear !== undefined) changes.targetYear = input.targetYear;
      if (input.comparison !== undefined) changes.comparison = input.comparison;
      if (input.basis !== undefined) changes.basis = input.basis;
      if (input.note !== undefined) changes.note = input.note?.trim() || null;
      if (input.params !== undefined) changes.params = { ...input.params };
      const next = { ...target, ...changes };
      this.checkValues(kpi, plan, next);

      const before = snapshot(target);
      await targets.update({ id: targetId }, { ...changes, updatedBy: actor.userId });
      const saved = await targets.findOneByOrFail({ id: targetId });
      await recordChange(manager, targetId, 'updated', before, snapshot(saved), actor.userId);
      return this.targetDto(saved, kpi, plan);
    });
  }

  /**
   * Removes a target from the plan without deleting it: the history stays, and a preset target is
   * not brought back by the next start because its row still exists.
   */
  async archiveTarget(planId: string, targetId: string, actor: AuthenticatedUser): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.editablePlan(manager, planId);
      const targets = manager.getRepository(PlanTarget);
      const target = await targets.findOne({
        where: { id: targetId, planId, archivedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!target) throw TARGET_NOT_FOUND();
      await targets.update({ id: targetId }, { archivedAt: new Date(), updatedBy: actor.userId });
      await recordChange(manager, targetId, 'archived', snapshot(target), null, actor.userId);
    });
  }

  async targetHistory(planId: string, targetId: string): Promise<TargetChangeDto[]> {
    const exists: unknown[] = await this.db.query('SELECT 1 FROM plan_targets WHERE id = $1 AND plan_id = $2', [
      targetId,
      planId,
    ]);
    if (exists.length === 0) throw TARGET_NOT_FOUND();
    const rows: {
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      actor_user_id: string | null;
      actor_name: string | null;
      created_at: Date;
    }[] = await this.db.query(
      `SELECT c.action, c.before, c.after, c.actor_user_id, u.full_name AS actor_name, c.created_at
       FROM plan_target_changes c LEFT JOIN users u ON u.id = c.actor_user_id
       WHERE c.target_id = $1 ORDER BY c.created_at, c.id`,
      [targetId],
    );
    return rows.map((row) => ({
      action: row.action,
      before: row.before,
      after: row.after,
      actorUserId: row.actor_user_id,
      actorName: row.actor_name,
      at: row.created_at.toISOString(),
    }));
  }

  missingFigures(planId: string, year: number): Promise<MissingFiguresDto> {
    return missingFiguresFor(this.db.manager, planId, year);
  }

  private async read(manager: EntityManager, id: string): Promise<PlanDto> {
    const plan = await manager.getRepository(Plan).findOneBy({ id });
    if (!plan) throw PLAN_NOT_FOUND();
    const provinces: { name: string }[] = await manager.query('SELECT name FROM provinces WHERE code = $1', [
      plan.provinceCode,
    ]);
    const customKpis = await manager
      .getRepository(PlanCustomKpi)
      .find({ where: { planId: id }, order: { createdAt: 'ASC' } });
    const customById = new Map(customKpis.map((row) => [row.kpiId, customKpiDto(row)]));
    const rows = await manager.getRepository(PlanTarget).find({
      where: { planId: id, archivedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    // Preset targets in the order the plan lists them, officers' additions after them.
    const presetOrder = new Map(
      PLAN_PRESETS.find((p) => p.key === plan.presetKey)?.targets.map((t, index) => [t.key, index]),
    );
    const position = (target: PlanTarget) =>
      target.presetKey !== null ? (presetOrder.get(target.presetKey) ?? -1) : Infinity;
    const targets = rows
      .map((target, index) => ({ target, index }))
      .sort((a, b) => position(a.target) - position(b.target) || a.index - b.index)
      .map(({ target }) => target);
    return {
      ...this.summary(plan, provinces[0]?.name ?? plan.provinceCode, targets.length),
      targets: targets.map((target) => {
        const catalogue = findKpi(target.kpiId);
        const kpi = catalogue ? catalogueKpiDto(catalogue) : customById.get(target.kpiId);
        if (!kpi) throw new Error(`Target ${target.id} refers to an unknown KPI ${target.kpiId}`);
        return this.targetDto(target, kpi, plan);
      }),
      customKpis: [...customById.values()],
    };
  }

  private summary(
    plan: Pick<
      Plan,
      | 'id'
      | 'presetKey'
      | 'provinceCode'
      | 'name'
      | 'periodStartYear'
      | 'periodEndYear'
      | 'sourceDocument'
      | 'isPreset'
      | 'active'
    >,
    provinceName: string,
    targetCount: number,
  ): PlanSummaryDto {
    return {
      id: plan.id,
      presetKey: plan.presetKey,
      provinceCode: plan.provinceCode,
      provinceName,
      name: plan.name,
      periodStartYear: plan.periodStartYear,
      periodEndYear: plan.periodEndYear,
      sourceDocument: plan.sourceDocument,
      isPreset: plan.isPreset,
      active: plan.active,
      editable: plan.provinceCode === this.config.HOME_PROVINCE_CODE,
      targetCount,
    };
  }

  private targetDto(target: PlanTarget, kpi: KpiDto, plan: Plan): TargetDto {
    return {
      id: target.id,
      kpiId: target.kpiId,
      kpi,
      comparison: target.comparison,
      targetValue: target.targetValue,
      stretchValue: target.stretchValue,
      targetYear: target.targetYear,
      effectiveYear: target.targetYear ?? plan.periodEndYear,
      basis: target.basis,
      citation: target.citation,
      reference: target.reference,
      note: target.note,
      params: target.params,
      presetKey: target.presetKey,
      isPreset: target.isPreset,
      updatedAt: target.updatedAt.toISOString(),
      updatedBy: target.updatedBy,
    };
  }

  private async kpiOf(manager: EntityManager, target: PlanTarget): Promise<KpiDto> {
    const catalogue = findKpi(target.kpiId);
    if (catalogue) return catalogueKpiDto(catalogue);
    const custom = await manager
      .getRepository(PlanCustomKpi)
      .findOneByOrFail({ planId: target.planId, kpiId: target.kpiId });
    return customKpiDto(custom);
  }

  /**
   * Officers of this deployment manage their own province's plans; the presets of other provinces
   * are there to read (and for deployments in those provinces).
   */
  private async editablePlan(manager: EntityManager, id: string): Promise<Plan> {
    const plan = await manager.getRepository(Plan).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw PLAN_NOT_FOUND();
    if (plan.provinceCode !== this.config.HOME_PROVINCE_CODE) {
      throw new DomainError(
        'plan_outside_home_province',
        `Only plans of province ${this.config.HOME_PROVINCE_CODE} can be edited on this platform`,
        HttpStatus.FORBIDDEN,
      );
    }
    return plan;
  }

  private checkValues(
    kpi: KpiDto,
    plan: Plan,
    values: {
      comparison: Comparison;
      targetValue: number;
      stretchValue: number | null;
      targetYear: number | null;
      params: TargetParams;
    },
  ): void {
    const problems: FieldProblems = [];
    const catalogue = findKpi(kpi.id);
    const bounds = valueBounds(kpi.unit, catalogue?.unbounded);
    const checkValue = (field: string, value: number) => {
      if (bounds.min !== null && value < bounds.min)
        problems.push({ field, messages: [`${field} must be at least ${bounds.min} ${kpi.unit}`] });
      if (bounds.max !== null && value > bounds.max)
        problems.push({ field, messages: [`${field} must be at most ${bounds.max} ${kpi.unit}`] });
      if (bounds.integer && !Number.isInteger(value))
        problems.push({ field, messages: [`${field} must be a whole number of ${kpi.unit}`] });
    };
    checkValue('targetValue', values.targetValue);
    if (values.stretchValue !== null) {
      checkValue('stretchValue', values.stretchValue);
      const ambitious = values.comparison.startsWith('>')
        ? values.stretchValue > values.targetValue
        : values.stretchValue < values.targetValue;
      if (!ambitious) {
        problems.push({
          field: 'stretchValue',
          messages: ['stretchValue must be more ambitious than targetValue in the direction of the comparison'],
        });
      }
    }
    const wantsMore = values.comparison.startsWith('>');
    if (wantsMore !== (kpi.direction === 'higher_is_better')) {
      problems.push({
        field: 'comparison',
        messages: [
          `${kpi.id} is ${kpi.direction.replaceAll('_', ' ')}, so the comparison must be ${wantsMore ? '<= or <' : '>= or >'}`,
        ],
      });
    }
    if (
      values.targetYear !== null &&
      (values.targetYear < plan.periodStartYear || values.targetYear > plan.periodEndYear)
    ) {
      problems.push({
        field: 'targetYear',
        messages: [`targetYear must fall within the plan period ${plan.periodStartYear}–${plan.periodEndYear}`],
      });
    }
    const allowed = Object.keys(kpi.defaultParams ?? {});
    for (const key of Object.keys(values.params)) {
      if (!allowed.includes(key))
        problems.push({ field: `params.${key}`, messages: [`${kpi.id} takes no parameter ${key}`] });
    }
    if (problems.length > 0) throw invalid(problems);
  }
}
