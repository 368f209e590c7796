import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { PlanDto, TargetDto } from '../plan/dto/plan.dto.js';
import { PlansService } from '../plan/plans.service.js';
import { vietnamDayStart } from '../plan/reporting-period.js';
import { lastDayOf, parsePeriod, type ReportingPeriod, shiftPeriod } from './kpi-period.js';
import { isQuantity, type KpiStatus, statusOf } from './kpi-status.js';
import { MetricCache, QueryMemo } from './metric-cache.js';
import { type MetricScope, type MetricValue, MetricsService, paidSql, SQL } from './metrics.service.js';

export const ACTIVE_SELLER_DEFINITION = {
  vi:
    'Người bán đang hoạt động: tổ chức đã được duyệt trước cuối kỳ, trụ sở trong tỉnh, có ít nhất một sản phẩm được đăng bán ' +
    'trước cuối kỳ và còn bày bán (hoặc ngừng bán sau đầu kỳ), hoặc có ít nhất một đơn hàng tạo trong kỳ.',
  en:
    'Active seller: an organisation approved before the end of the period, based in the province, with at least one product ' +
    'published before the period ended and still on sale (or withdrawn after it started), or with a seller order created in the period.',
};

export const STATUS_RULE = {
  vi:
    'Chỉ tiêu tỷ lệ, số ngày, thứ hạng: so trực tiếp với mục tiêu. Chỉ tiêu số lượng: so với lộ trình tuyến tính từ 0 ở đầu kỳ kế hoạch ' +
    'đến mục tiêu ở cuối năm mục tiêu (mục tiêu hằng năm được chia theo độ dài kỳ; mục tiêu lũy kế tính từ đầu kỳ kế hoạch). ' +
    'Thiếu số liệu bên ngoài: "cần số liệu"; không có dữ liệu: "chưa có dữ liệu".',
  en:
    'Shares, days and ranks are compared with the target itself. Counts are compared with a linear trajectory from 0 at the start of ' +
    'the plan to the target at the end of its year (yearly targets scaled to the period length; cumulative targets summed since the plan started). ' +
    'A missing external figure gives needs_figure; no value at all gives no_data.',
};

export interface TrendPoint {
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface DashboardKpi {
  targetId: string;
  kpiId: string;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  method: string;
  comparison: string;
  targetValue: number;
  targetYear: number;
  targetBasis: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  expected: number | null;
  status: KpiStatus;
  basis: string;
  missingFigures: string[];
  breakdown?: Record<string, number>;
  /** The same KPI for the 4 previous periods of the same length, oldest first. */
  trend: TrendPoint[];
}

export interface Dashboard {
  plan: { id: string; name: string; provinceCode: string; periodStartYear: number; periodEndYear: number };
  period: { label: string; from: string; to: string };
  communeCode: string | null;
  activeSellerDefinition: { vi: string; en: string };
  statusRule: { vi: string; en: string };
  kpis: DashboardKpi[];
  /**
   * When the platform figures shown were computed (ISO time): up to KPI_CACHE_TTL_MS before the
   * request. External figures and targets are always read fresh.
   */
  computedAt: string;
}

export interface CommuneCell {
  code: string;
  name: string;
  kind: string;
  activeSellers: number;
}

export interface DrillDown {
  kpiId: string;
  period: string;
  communeCode: string | null;
  /** Every record the KPI looked at; `counted` says whether it is in the numerator. */
  total: number;
  counted: number;
  rows: (Record<string, unknown> & { counted: boolean })[];
  truncated: boolean;
}

const DRILL_LIMIT = 1000;

@Injectable()
export class KpisService {
  private readonly cache: MetricCache;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly plans: PlansService,
    private readonly metrics: MetricsService,
  ) {
    this.cache = new MetricCache(config.KPI_CACHE_TTL_MS ?? (config.NODE_ENV === 'test' ? 0 : 30_000));
  }

  /** Forgets every cached figure, e.g. after data was corrected by hand. */
  clearCache(): void {
    this.cache.clear();
  }

  async plan(planId?: string): Promise<PlanDto> {
    return planId ? this.plans.get(planId) : this.plans.getActive();
  }

  async provinceName(code: string): Promise<string> {
    const [row] = (await this.db.query('SELECT name FROM provinces WHERE code = $1', [code])) as { name: string }[];
    return row?.name ?? code;
  }

  /** `targetIds` narrows the rows, so that the report can progress one KPI at a time. */
  async dashboard(query: {
    planId?: string;
    period?: string;
    commune?: string;
    targetIds?: string[];
  }): Promise<Dashboard> {
    const plan = await this.plan(query.planId);
    const period = parsePeriod(query.period);
    const communeCode = await this.checkCommune(query.commune);
    const targets = query.targetIds ? plan.targets.filter((t) => query.targetIds!.includes(t.id)) : plan.targets;
    const memo = new QueryMemo(this.cache.ttlMs > 0 ? this.cache : null);
    // The years a row reads: its trend's first year (and the one before, for growth KPIs) to its own.
    const firstYear = shiftPeriod(period, 4).year - 1;
    const known = this.metrics.figuresForYears(firstYear, period.year);
    // Read only by KPIs that use figures: a failure nobody reads must not become an unhandled rejection.
    known.catch(() => undefined);
    const figuresByYear = new Map<number, Promise<Record<string, number>>>();
    const figures = (year: number) => {
      if (!figuresByYear.has(year)) {
        figuresByYear.set(
          year,
          year >= firstYear && year <= period.year
            ? known.then((byYear) => byYear.get(year) ?? {})
            : this.metrics.yearFigures(year),
        );
      }
      return figuresByYear.get(year)!;
    };
    const kpis = await Promise.all(
      targets.map((target) => this.targetRow(plan, target, period, figures, memo, communeCode)),
    );
    return {
      plan: {
        id: plan.id,
        name: plan.name,
        provinceCode: plan.provinceCode,
        periodStartYear: plan.periodStartYear,
        periodEndYear: plan.periodEndYear,
      },
      period: { label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
      communeCode: communeCode ?? null,
      activeSellerDefinition: ACTIVE_SELLER_DEFINITION,
      statusRule: STATUS_RULE,
      kpis,
      computedAt: new Date(memo.oldest).toISOString(),
    };
  }

  /**
   * A cumulative count is summed from the start of the plan to the end of the period; everything
   * else is read over the period itself.
   */
  private scopeFor(
    plan: PlanDto,
    target: TargetDto,
    period: ReportingPeriod,
    figures: MetricScope['figures'],
    memo: QueryMemo,
    communeCode?: string,
    series?: Date[],
  ): MetricScope {
    const planStart = vietnamDayStart(`${plan.periodStartYear}-01-01`);
    const cumulative = target.basis === 'cumulative' && isQuantity(target.kpi.unit) && planStart < period.to;
    return {
      from: cumulative ? planStart : period.from,
      to: period.to,
      year: period.year,
      communeCode,
      since: planStart,
      params: target.params,
      figures,
      memo,
      series,
    };
  }

  private async targetRow(
    plan: PlanDto,
    target: TargetDto,
    period: ReportingPeriod,
    figures: MetricScope['figures'],
    memo: QueryMemo,
    communeCode?: string,
  ): Promise<DashboardKpi> {
    const previous = [4, 3, 2, 1].map((steps) => shiftPeriod(period, steps));
    // The five periods are contiguous: their bounds let order and payment KPIs read them in one pass.
    const series = [...previous.map((p) => p.from), period.from, period.to];
    const [current, ...history] = await Promise.all(
      [period, ...previous].map((p) =>
        this.metrics.compute(target.kpiId, this.scopeFor(plan, target, p, figures, memo, communeCode, series)),
      ),
    );
    const value = current as MetricValue;
    const { status, expected } = statusOf({
      unit: target.kpi.unit,
      value: value.value,
      missingFigures: value.missingFigures,
      comparison: target.comparison,
      targetValue: target.targetValue,
      effectiveYear: target.effectiveYear,
      basis: target.basis,
      planStartYear: plan.periodStartYear,
      period: {
        startMonth: period.year * 12 + period.startMonth,
        endMonth: period.year * 12 + period.startMonth + period.months,
      },
    });
    return {
      targetId: target.id,
      kpiId: target.kpiId,
      nameVi: target.kpi.nameVi,
      nameEn: target.kpi.nameEn,
      unit: target.kpi.unit,
      method: target.kpi.method,
      comparison: target.comparison,
      targetValue: target.targetValue,
      targetYear: target.effectiveYear,
      targetBasis: target.basis,
      value: value.value,
      numerator: value.numerator,
      denominator: value.denominator,
      expected,
      status,
      basis: value.basis,
      missingFigures: value.missingFigures,
      ...(value.breakdown ? { breakdown: value.breakdown } : {}),
      trend: history.map((point, index) => ({
        period: previous[index]!.label,
        value: point.value,
        numerator: point.numerator,
        denominator: point.denominator,
      })),
    };
  }

  private async checkCommune(code?: string): Promise<string | undefined> {
    if (!code) return undefined;
    const rows: unknown[] = await this.db.query('SELECT 1 FROM communes WHERE code = $1 AND province_code = $2', [
      code,
      this.config.HOME_PROVINCE_CODE,
    ]);
    if (rows.length === 0) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'commune', messages: [`${code} is not a commune of the province`] },
      ]);
    }
    return code;
  }

  private params(period: ReportingPeriod, communeCode?: string): unknown[] {
    return [period.from, period.to, communeCode ?? null, this.config.HOME_PROVINCE_CODE, lastDayOf(period)];
  }

  /** Every commune of the province in force in the period with its active sellers, for a map or a grid. */
  async communes(query: { period?: string }): Promise<{
    period: string;
    activeSellerDefinition: { vi: string; en: string };
    communes: CommuneCell[];
    withoutActiveSeller: CommuneCell[];
    computedAt: string;
  }> {
    const period = parsePeriod(query.period);
    const memo = new QueryMemo(this.cache.ttlMs > 0 ? this.cache : null);
    const communes = await memo.run(`grid\u0000${period.label}`, () => this.communeCells(period));
    return {
      period: period.label,
      activeSellerDefinition: ACTIVE_SELLER_DEFINITION,
      communes,
      withoutActiveSeller: communes.filter((commune) => commune.activeSellers === 0),
      computedAt: new Date(memo.oldest).toISOString(),
    };
  }

  private async communeCells(period: ReportingPeriod, communeCode?: string): Promise<CommuneCell[]> {
    return this.db.query(
      `WITH ${SQL.ACTIVE_SELLERS}
       SELECT c.code, c.name, c.kind, count(a.id)::int AS "activeSellers"
       FROM communes c LEFT JOIN active a ON a.commune_code = c.code
       WHERE c.province_code = $4 AND ($3::text IS NULL OR c.code = $3)
         AND c.effective_from <= $5::date AND (c.effective_to IS NULL OR c.effective_to >= ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
       GROUP BY c.code, c.name, c.kind ORDER BY c.name, c.code`,
      this.params(period, communeCode),
    );
  }

  /** The records a KPI counted, for the KPIs whose records an officer can check one by one. */
  async records(kpiId: string, query: { period?: string; commune?: string }): Promise<DrillDown> {
    const period = parsePeriod(query.period);
    const communeCode = await this.checkCommune(query.commune);
    const params = this.params(period, communeCode);
    let rows: (Record<string, unknown> & { counted: boolean })[];
    const sellerFilter: Record<string, string> = {
      'sellers.active': 'true',
      'sellers.active_share_enterprises': "a.legal_type = 'enterprise'",
      'sellers.active_share_smes': "a.legal_type = 'enterprise' AND a.is_sme",
      'sellers.active_share_cooperatives': "a.legal_type = 'cooperative'",
    };
    if (sellerFilter[kpiId]) {
      rows = await this.db.query(
        `WITH ${SQL.ACTIVE_SELLERS}
         SELECT a.id, a.name, a.legal_type AS "legalType", a.is_sme AS "isSme", a.commune_code AS "communeCode",
                a.commune_name AS "communeName", true AS counted
         FROM active a WHERE ${sellerFilter[kpiId]} AND $5::text IS NOT NULL ORDER BY a.name, a.id LIMIT ${DRILL_LIMIT + 1}`,
        params,
      );
    } else if (kpiId === 'communes.with_active_seller') {
      rows = (await this.communeCells(period, communeCode)).map((cell) => ({
        ...cell,
        counted: cell.activeSellers > 0,
      }));
    } else if (kpiId === 'products.qr_traceability_share' || kpiId === 'products.priority_listings') {
      rows = await this.db.query(
        `WITH ${SQL.OCOP_LISTED}
         SELECT id, name, organisation_id AS "organisationId", organisation_name AS "organisationName", stars,
                traced AS "hasTraceability", ${kpiId === 'products.priority_listings' ? 'true' : 'traced'} AS counted
         FROM ocop ORDER BY traced, name, id LIMIT ${DRILL_LIMIT + 1}`,
        params,
      );
    } else if (kpiId === 'payments.non_cash_share_by_count' || kpiId === 'payments.non_cash_share_by_value') {
      const raw: {
        id: string;
        customerOrderId: string;
        method: string;
        isCash: boolean;
        amount: string;
        paidAt: Date;
      }[] = await this.db.query(
        `WITH ${paidSql(communeCode)}
           SELECT id, customer_order_id AS "customerOrderId", method, is_cash AS "isCash", amount::text AS amount, paid_at AS "paidAt"
           FROM paid WHERE $5::text IS NOT NULL ORDER BY paid_at, id LIMIT ${DRILL_LIMIT + 1}`,
        params,
      );
      rows = raw.map((row) => ({ ...row, amount: Number(row.amount), counted: !row.isCash }));
    } else if (kpiId === 'invoices.share_of_orders') {
      const raw: { id: string; code: string; goodsTotal: string; deliveredAt: Date; hasInvoice: boolean }[] =
        await this.db.query(
          `WITH ${SQL.DELIVERED}
           SELECT d.id, d.code, d.goods_total::text AS "goodsTotal", d.delivered_at AS "deliveredAt",
                  -- A scalar subquery, probed for the rows shown only: EXISTS let the planner hash every invoice.
                  (SELECT true FROM invoice_coverage ic WHERE ic.source_type = 'seller_order' AND ic.source_id = d.id
                     AND ic.coverage = 'issued' LIMIT 1) IS NOT NULL AS "hasInvoice"
           FROM delivered d WHERE $4::text IS NOT NULL AND $5::text IS NOT NULL ORDER BY d.delivered_at, d.id LIMIT ${DRILL_LIMIT + 1}`,
          params,
        );
      rows = raw.map((row) => ({ ...row, goodsTotal: Number(row.goodsTotal), counted: row.hasInvoice }));
    } else if (kpiId === 'products.plastic_packaging_share' || kpiId === 'products.recyclable_packaging_share') {
      const material = kpiId === 'products.plastic_packaging_share' ? 'plastic' : 'recyclable';
      rows = await this.db.query(
        `WITH ${SQL.LISTED_AT_END}
         SELECT id, name, organisation_name AS "organisationName", packaging_material AS "packagingMaterial",
                packaging_material = $6 AS counted
         FROM listed WHERE packaging_material IS NOT NULL AND $5::text IS NOT NULL ORDER BY name, id LIMIT ${DRILL_LIMIT + 1}`,
        [...params, material],
      );
    } else {
      throw new DomainError(
        'kpi_records_unavailable',
        `No record list for ${kpiId}; available: sellers.active, sellers.active_share_*, communes.with_active_seller, products.*, payments.*, invoices.share_of_orders`,
        HttpStatus.NOT_FOUND,
      );
    }
    const truncated = rows.length > DRILL_LIMIT;
    const kept = rows.slice(0, DRILL_LIMIT);
    return {
      kpiId,
      period: period.label,
      communeCode: communeCode ?? null,
      total: kept.length,
      counted: kept.filter((row) => row.counted).length,
      rows: kept,
      truncated,
    };
  }
}
