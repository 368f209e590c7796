import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type {
  ExternalFigureDto,
  ExternalFigureRevisionDto,
  UpsertExternalFigureDto,
} from './dto/external-figure.dto.js';
import type { FigureDefinitionDto } from './dto/plan.dto.js';
import { findKpi, type KpiUnit, valueBounds } from './kpi-catalogue.js';
import { type CustomKpiRow, describeFigure, figureCatalogue } from './kpi-view.js';
import { numberFromSql } from './numeric-column.js';

interface FigureRow {
  id: string;
  province_code: string;
  year: number;
  key: string;
  value: string;
  unit: string;
  source: string;
  source_date: string;
  note: string | null;
  entered_by: string | null;
  entered_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
  updated_at: Date;
  revisions: number;
}

const SELECT_FIGURES = `
  SELECT f.id, f.province_code, f.year, f.key, f.value, f.unit, f.source, to_char(f.source_date, 'YYYY-MM-DD') AS source_date,
         f.note, f.entered_by, f.entered_at, f.updated_by, u.full_name AS updated_by_name, f.updated_at,
         (SELECT count(*)::int FROM external_figure_revisions r WHERE r.figure_id = f.id) AS revisions
  FROM external_figures f LEFT JOIN users u ON u.id = f.updated_by`;

function invalid(field: string, message: string): DomainError {
  return new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
    { field, messages: [message] },
  ]);
}

/** Today in Vietnam, `YYYY-MM-DD`: a source cannot be dated after it. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/**
 * Province-wide figures officers enter per year, each with its source and the source's date: the
 * denominators of ratio KPIs and the values of recorded KPIs. A correction keeps the replaced
 * version in `external_figure_revisions`.
 */
@Injectable()
export class ExternalFiguresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async definitions(): Promise<FigureDefinitionDto[]> {
    return figureCatalogue(await this.homeCustomKpis(this.db.manager));
  }

  async list(year?: number): Promise<ExternalFigureDto[]> {
    const rows: FigureRow[] = await this.db.query(
      `${SELECT_FIGURES} WHERE f.province_code = $1 AND ($2::int IS NULL OR f.year = $2) ORDER BY f.year DESC, f.key`,
      [this.config.HOME_PROVINCE_CODE, year ?? null],
    );
    const customKpis = await this.homeCustomKpis(this.db.manager);
    return rows.map((row) => this.toDto(row, customKpis));
  }

  async upsert(
    year: number,
    key: string,
    input: UpsertExternalFigureDto,
    actor: AuthenticatedUser,
  ): Promise<ExternalFigureDto> {
    const province = this.config.HOME_PROVINCE_CODE;
    return this.db.transaction(async (manager) => {
      const customKpis = await this.homeCustomKpis(manager);
      const described = describeFigure(key, customKpis);
      if (!described) {
        throw new DomainError(
          'unknown_figure_key',
          `${key} is neither a province figure nor a recorded KPI (see GET /api/external-figures/definitions)`,
          HttpStatus.BAD_REQUEST,
          [{ field: 'key', messages: ['unknown figure key'] }],
        );
      }
      this.checkValue(key, described.unit, input.value);
      const parsed = new Date(`${input.sourceDate}T00:00:00Z`);
      if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== input.sourceDate) {
        throw invalid('sourceDate', 'sourceDate is not a calendar date');
      }
      if (input.sourceDate > todayInVietnam()) throw invalid('sourceDate', 'sourceDate cannot be in the future');

      const values = {
        value: input.value,
        unit: described.unit,
        source: input.source.trim(),
        sourceDate: input.sourceDate,
        note: input.note?.trim() || null,
      };
      let current = await this.lockedRow(manager, province, year, key);
      if (!current) {
        // Another officer may be entering the same figure now: the loser of the race becomes an update.
        const inserted: unknown[] = await manager.query(
          `INSERT INTO external_figures (province_code, year, key, value, unit, source, source_date, note, entered_by, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
           ON CONFLICT (province_code, year, key) DO NOTHING RETURNING id`,
          [province, year, key, values.value, values.unit, values.source, values.sourceDate, values.note, actor.userId],
        );
        if (inserted.length === 0) current = await this.lockedRow(manager, province, year, key);
      }
      if (current) {
        const unchanged =
          numberFromSql(current.value) === values.value &&
          current.unit === values.unit &&
          current.source === values.source &&
          current.source_date === values.sourceDate &&
          current.note === values.note;
        if (!unchanged) {
          await manager.query(
            `INSERT INTO external_figure_revisions (figure_id, value, unit, source, source_date, note, set_by, set_at, replaced_by)
             SELECT id, value, unit, source, source_date, note, updated_by, updated_at, $2 FROM external_figures WHERE id = $1`,
            [current.id, actor.userId],
          );
          await manager.query(
            `UPDATE external_figures SET value = $2, unit = $3, source = $4, source_date = $5, note = $6, updated_by = $7, updated_at = now()
             WHERE id = $1`,
            [current.id, values.value, values.unit, values.source, values.sourceDate, values.note, actor.userId],
          );
        }
      }
      const rows: FigureRow[] = await manager.query(
        `${SELECT_FIGURES} WHERE f.province_code = $1 AND f.year = $2 AND f.key = $3`,
        [province, year, key],
      );
      const row = rows[0];
      if (!row) throw new Error(`External figure ${key} ${year} vanished after it was written`);
      return this.toDto(row, customKpis);
    });
  }

  async history(year: number, key: string): Promise<ExternalFigureRevisionDto[]> {
    const figures: { id: string }[] = await this.db.query(
      'SELECT id FROM external_figures WHERE province_code = $1 AND year = $2 AND key = $3',
      [this.config.HOME_PROVINCE_CODE, year, key],
    );
    const figure = figures[0];
    if (!figure) throw new DomainError('figure_not_found', `No figure ${key} for ${year}`, HttpStatus.NOT_FOUND);
    const rows: {
      value: string;
      unit: string;
      source: string;
      source_date: string;
      note: string | null;
      set_by: string | null;
      set_at: Date;
      replaced_by: string | null;
      replaced_at: Date;
    }[] = await this.db.query(
      `SELECT value, unit, source, to_char(source_date, 'YYYY-MM-DD') AS source_date, note, set_by, set_at, replaced_by, replaced_at
       FROM external_figure_revisions WHERE figure_id = $1 ORDER BY replaced_at DESC, id DESC`,
      [figure.id],
    );
    return rows.map((row) => ({
      value: Number(row.value),
      unit: row.unit,
      source: row.source,
      sourceDate: row.source_date,
      note: row.note,
      setBy: row.set_by,
      setAt: row.set_at.toISOString(),
      replacedBy: row.replaced_by,
      replacedAt: row.replaced_at.toISOString(),
    }));
  }

  private async lockedRow(
    manager: EntityManager,
    province: string,
    year: number,
    key: string,
  ): Promise<FigureRow | undefined> {
    const rows: FigureRow[] = await manager.query(
      `SELECT id, value, unit, source, to_char(source_date, 'YYYY-MM-DD') AS source_date, note
       FROM external_figures WHERE province_code = $1 AND year = $2 AND key = $3 FOR UPDATE`,
      [province, year, key],
    );
    return rows[0];
  }

  private checkValue(key: string, unit: string, value: number): void {
    const kpi = findKpi(key);
    const bounds = unit === 'persons' ? valueBounds('count') : valueBounds(unit as KpiUnit, kpi?.unbounded);
    if (bounds.min !== null && value < bounds.min)
      throw invalid('value', `value must be at least ${bounds.min} (${unit})`);
    if (bounds.max !== null && value > bounds.max)
      throw invalid('value', `value must be at most ${bounds.max} (${unit})`);
    if (bounds.integer && !Number.isSafeInteger(value))
      throw invalid('value', `value must be a whole number of ${unit}`);
  }

  /** Custom KPIs of the home province's plans: their values are recorded here too. */
  private homeCustomKpis(manager: EntityManager): Promise<CustomKpiRow[]> {
    return manager.query(
      `SELECT DISTINCT ON (c.kpi_id) c.kpi_id AS "kpiId", c.name_vi AS "nameVi", c.name_en AS "nameEn", c.unit, c.direction, c.definition
       FROM plan_custom_kpis c JOIN plans p ON p.id = c.plan_id
       WHERE p.province_code = $1 ORDER BY c.kpi_id, c.created_at`,
      [this.config.HOME_PROVINCE_CODE],
    );
  }

  private toDto(row: FigureRow, customKpis: readonly CustomKpiRow[]): ExternalFigureDto {
    const described = describeFigure(row.key, customKpis);
    return {
      provinceCode: row.province_code,
      year: row.year,
      key: row.key,
      kind: described?.kind ?? 'recorded_value',
      nameVi: described?.nameVi ?? row.key,
      nameEn: described?.nameEn ?? null,
      value: Number(row.value),
      unit: row.unit,
      source: row.source,
      sourceDate: row.source_date,
      note: row.note,
      enteredBy: row.entered_by,
      enteredAt: row.entered_at.toISOString(),
      updatedBy: row.updated_by,
      updatedByName: row.updated_by_name,
      updatedAt: row.updated_at.toISOString(),
      revisions: row.revisions,
    };
  }
}
