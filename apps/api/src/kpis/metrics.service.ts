import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { complaintStats } from '../complaints/complaint-stats.js';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { ExternalFiguresService } from '../plan/external-figures.service.js';
import { findKpi, type KpiDefinition, type KpiUnit } from '../plan/kpi-catalogue.js';
import type { Period } from '../plan/reporting-period.js';
import { trainingStats } from '../training/training-stats.js';
import { lastDayOf } from './kpi-period.js';
import type { QueryMemo } from './metric-cache.js';

export interface MetricScope extends Period {
  /** Calendar year (Vietnam) whose external figures are the denominators. */
  year: number;
  communeCode?: string;
  /** First day of the plan period, for KPIs counted since the plan started (officials trained). */
  since?: Date;
  params?: { withinDays?: number };
  /** External figures by year, loaded once per dashboard instead of once per KPI and period. */
  figures?: (year: number) => Promise<Record<string, number>>;
  /** Answers shared by the KPIs of one dashboard (and across dashboards for a short while). */
  memo?: QueryMemo;
  /**
   * Boundaries of the contiguous periods a dashboard row reads (its trend and the period itself),
   * ascending: `[from₁, from₂, …, to]`. Order and payment KPIs then scan their tables once for all
   * of them, grouped by period, instead of once per period.
   */
  series?: Date[];
}

type BucketOf = (column: string) => string;

/** Which period of `scope.series` the scope is (1-based, as width_bucket numbers them), if any. */
function slotOf(scope: MetricScope): { bounds: Date[]; bucket: number } | null {
  const bounds = scope.series;
  if (!bounds) return null;
  const index = bounds.findIndex((bound) => bound.getTime() === scope.from.getTime());
  if (index < 0 || index + 1 >= bounds.length || bounds[index + 1]!.getTime() !== scope.to.getTime()) return null;
  return { bounds, bucket: index + 1 };
}

export interface MetricValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: KpiUnit;
  /** How the value was computed: Vietnamese first, then English, one per line. */
  basis: string;
  missingFigures: string[];
  /** Counts behind the value, e.g. active sellers by legal type or payments by method. */
  breakdown?: Record<string, number>;
}

type Calculator = (scope: MetricScope) => Promise<MetricValue>;

const round2 = (value: number) => Math.round(value * 100) / 100;
const share = (numerator: number, denominator: number | null) =>
  denominator === null || denominator === 0 ? null : round2((numerator * 100) / denominator);
const basis = (vi: string, en: string) => `${vi}\n${en}`;

/*
 * SQL shared by the calculators. Parameters: $1 period start, $2 period end (exclusive), $3 commune
 * or null, $4 home province. Sellers are scoped by the commune they are based in; orders, payments,
 * invoices and deliveries by their seller's commune (a commune's plan promotes its own producers);
 * buyers by the commune they have goods delivered to.
 */

/**
 * Active seller: approved before the period ended, based in the province, and with a product
 * published before the period ended that is still published or was unpublished after the period
 * started (updated_at is the latest moment it can have been unpublished), or with a seller order
 * created in the period.
 */
const ACTIVE_SELLERS = `
  active AS (
    SELECT o.id, o.name, o.legal_type, o.is_sme, o.commune_code, c.name AS commune_name
    FROM organisations o JOIN communes c ON c.code = o.commune_code AND c.province_code = $4
    WHERE o.status = 'approved' AND o.approved_at < $2
      AND ($3::text IS NULL OR o.commune_code = $3)
      AND (EXISTS (SELECT 1 FROM products p WHERE p.organisation_id = o.id AND p.first_published_at < $2
                     AND (p.status = 'published' OR p.updated_at >= $1))
           OR EXISTS (SELECT 1 FROM seller_orders so WHERE so.organisation_id = o.id
                        AND so.created_at >= $1 AND so.created_at < $2)))`;

/** Products of approved home-province sellers that were on sale at the end of the period. */
const LISTED_AT_END = `
  listed AS (
    SELECT p.id, p.name, p.organisation_id, o.name AS organisation_name, p.packaging_material
    FROM products p
    JOIN organisations o ON o.id = p.organisation_id AND o.status = 'approved'
    JOIN communes c ON c.code = o.commune_code AND c.province_code = $4
    WHERE p.first_published_at < $2 AND (p.status = 'published' OR p.updated_at >= $2)
      AND ($3::text IS NULL OR o.commune_code = $3) AND $1::timestamptz < $2::timestamptz)`;

/** Listed products with a verified OCOP certificate valid on the period's last day ($5). */
const OCOP_LISTED = `
  ${LISTED_AT_END},
  ocop AS (
    SELECT l.*, oc.stars,
           EXISTS (SELECT 1 FROM trace_batches b WHERE b.product_id = l.id AND b.created_at < $2) AS traced
    FROM listed l JOIN ocop_certificates oc ON oc.product_id = l.id AND oc.status = 'verified'
      AND oc.issued_on <= $5::date AND oc.expires_on >= $5::date)`;

/**
 * Seller orders delivered in the period (their first `deliver` event) and not since refunded or
 * cancelled: what the plans call completed orders, net of cancellations and refunds.
 */
const DELIVERED = `
  delivered AS (
    SELECT so.id, so.code, so.organisation_id, so.customer_order_id, so.goods_total, so.shipping_fee, e.created_at AS delivered_at
    FROM seller_order_events e
    JOIN seller_orders so ON so.id = e.seller_order_id
    JOIN organisations o ON o.id = so.organisation_id
    WHERE e.action = 'deliver' AND e.created_at >= $1 AND e.created_at < $2
      AND NOT EXISTS (SELECT 1 FROM seller_order_events e2
                      WHERE e2.seller_order_id = e.seller_order_id AND e2.action = 'deliver' AND e2.id < e.id)
      AND so.status IN ('delivered', 'completed')
      AND ($3::text IS NULL OR o.commune_code = $3))`;

/** Succeeded payments in the period, as paymentMix counts them (duplicate payments of one order left out). */
const PAID = `
  paid AS (
    SELECT pm.id, pm.customer_order_id, pm.method, pm.is_cash, pm.amount, pm.paid_at
    FROM payments pm
    WHERE pm.status = 'succeeded' AND pm.paid_at >= $1 AND pm.paid_at < $2 AND $4::text IS NOT NULL
      AND NOT ('duplicate_order_payment' = ANY (pm.flags))
      AND ($3::text IS NULL OR EXISTS (
        SELECT 1 FROM seller_orders so JOIN organisations o ON o.id = so.organisation_id
        WHERE so.customer_order_id = pm.customer_order_id AND o.commune_code = $3)))`;

/**
 * The same payments for one commune ($3 set). Written apart because `$3 IS NULL OR EXISTS (…)` makes
 * PostgreSQL read every payment of the period and test each one; here it starts from the commune's
 * sellers and reads only their orders' payments (a semi-join, so an order with two sellers of the
 * commune still counts its payment once).
 */
const PAID_IN_COMMUNE = `
  paid AS (
    SELECT pm.id, pm.customer_order_id, pm.method, pm.is_cash, pm.amount, pm.paid_at
    FROM payments pm
    WHERE pm.status = 'succeeded' AND pm.paid_at >= $1 AND pm.paid_at < $2 AND $4::text IS NOT NULL
      AND NOT ('duplicate_order_payment' = ANY (pm.flags))
      AND pm.customer_order_id IN (
        SELECT so.customer_order_id FROM seller_orders so JOIN organisations o ON o.id = so.organisation_id
        WHERE o.commune_code = $3::text))`;

/**
 * Whether a delivered order has an issued e-invoice, as a join: at most one original invoice per
 * source (invoices_source_key), and a hash join over the period instead of one probe per order.
 */
const ISSUED_INVOICES = `
  issued AS (
    SELECT ic.source_id FROM invoice_coverage ic WHERE ic.source_type = 'seller_order' AND ic.coverage = 'issued')`;

/** The payments CTE for a scope: province-wide or one commune's. */
export const paidSql = (communeCode: string | null | undefined) => (communeCode ? PAID_IN_COMMUNE : PAID);

export const SQL = { ACTIVE_SELLERS, LISTED_AT_END, OCOP_LISTED, DELIVERED, PAID, ISSUED_INVOICES };

interface SellerBase {
  active: Record<string, number> | null;
  active_smes: number;
  registered: Record<string, number> | null;
}

const LEGAL_TYPES = ['cooperative', 'enterprise', 'household_business', 'cooperative_group', 'individual_business'];

/**
 * One calculator per catalogue KPI the platform's data supports, each one set-based query over
 * indexed columns. `recorded` KPIs are not calculated: their value is the external figure itself.
 */
@Injectable()
export class MetricsService {
  private readonly calculators: Record<string, Calculator>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly figures: ExternalFiguresService,
  ) {
    this.calculators = {
      'sellers.active_share_enterprises': (s) =>
        this.activeShare(
          s,
          'sellers.active_share_enterprises',
          (row) => row.active?.enterprise ?? 0,
          'doanh nghiệp',
          'enterprises',
        ),
      'sellers.active_share_smes': (s) =>
        this.activeShare(s, 'sellers.active_share_smes', (row) => row.active_smes, 'doanh nghiệp nhỏ và vừa', 'SMEs'),
      'sellers.active_share_cooperatives': (s) =>
        this.activeShare(
          s,
          'sellers.active_share_cooperatives',
          (row) => row.active?.cooperative ?? 0,
          'hợp tác xã',
          'cooperatives',
        ),
      'communes.with_active_seller': (s) => this.communesWithActiveSeller(s),
      'sellers.enterprises_on_marketplaces_share': (s) => this.enterprisesOnMarketplaces(s),
      'sellers.own_website_share_enterprises': (s) => this.ownWebsite(s),
      'sellers.onboarded': (s) => this.onboarded(s),
      'products.priority_listings': (s) => this.ocopListings(s),
      'products.qr_traceability_share': (s) => this.qrTraceability(s),
      'traceability.scans': (s) => this.scans(s),
      'payments.non_cash_share_by_count': (s) => this.nonCash(s, 'count'),
      'payments.non_cash_share_by_value': (s) => this.nonCash(s, 'value'),
      'invoices.share_of_orders': (s) => this.invoiced(s),
      'logistics.last_mile_cost_share': (s) => this.lastMile(s),
      'logistics.same_day_delivery_share': (s) => this.sameDay(s),
      'training.participations': (s) => this.training(s, 'training.participations'),
      'training.participations_officials': (s) => this.training(s, 'training.participations_officials'),
      'training.participations_business_youth_students': (s) =>
        this.training(s, 'training.participations_business_youth_students'),
      'training.events': (s) => this.training(s, 'training.events'),
      'training.events_for_officials': (s) => this.training(s, 'training.events_for_officials'),
      'training.events_for_business_youth_students': (s) =>
        this.training(s, 'training.events_for_business_youth_students'),
      'training.officials_trained_share': (s) => this.officialsTrained(s),
      'complaints.received': (s) => this.complaints(s, 'complaints.received'),
      'complaints.resolved_share': (s) => this.complaints(s, 'complaints.resolved_share'),
      'complaints.resolved_within_days': (s) => this.complaints(s, 'complaints.resolved_within_days'),
      'complaints.average_days_to_resolve': (s) => this.complaints(s, 'complaints.average_days_to_resolve'),
      'orders.cross_border': (s) => this.crossBorder(s),
      'sales.gmv_growth': (s) => this.gmvGrowth(s, false),
      'sales.retail_gmv_growth': (s) => this.gmvGrowth(s, true),
      'sales.retail_share_of_total_retail': (s) => this.retailShare(s),
      'buyers.adult_population_share': (s) => this.buyers(s),
      'products.plastic_packaging_share': (s) => this.packaging(s, 'plastic'),
      'products.recyclable_packaging_share': (s) => this.packaging(s, 'recyclable'),
    };
  }

  /** True when the platform computes this KPI (catalogue `computed` or `external_ratio` it has data for). */
  supports(kpiId: string): boolean {
    return kpiId in this.calculators;
  }

  supportedKpis(): string[] {
    return Object.keys(this.calculators);
  }

  async compute(kpiId: string, scope: MetricScope): Promise<MetricValue> {
    const calculator = this.calculators[kpiId];
    if (calculator) return calculator(scope);
    const kpi = findKpi(kpiId);
    if (kpi?.method === 'recorded' || kpiId.startsWith('custom.'))
      return this.recorded(kpiId, kpi?.unit ?? 'count', scope);
    return {
      value: null,
      numerator: null,
      denominator: null,
      unit: kpi?.unit ?? 'count',
      basis: basis(
        'Nền tảng chưa ghi nhận dữ liệu cần cho chỉ tiêu này.',
        `The platform does not record the data this KPI needs yet (${kpi?.needs.map((need) => need.detail).join('; ') ?? 'unknown KPI'}).`,
      ),
      missingFigures: [],
    };
  }

  /** A `recorded` KPI: the figure officers entered for the year, under the KPI's own id. */
  async recorded(kpiId: string, unit: KpiUnit, scope: MetricScope): Promise<MetricValue> {
    if (scope.communeCode) {
      // The figure is the province's; showing it as a commune's value would overstate every commune.
      return {
        value: null,
        numerator: null,
        denominator: null,
        unit,
        basis: basis(
          'Số liệu toàn tỉnh do cán bộ nhập, không chia theo xã.',
          'A province-wide figure entered by officers, not split by commune.',
        ),
        missingFigures: [],
      };
    }
    const figure = (await this.figureValues(scope, [kpiId]))[kpiId];
    return {
      value: figure ?? null,
      numerator: null,
      denominator: null,
      unit,
      basis: basis(
        `Số liệu do cán bộ nhập cho năm ${scope.year} (không đo được trên sàn).`,
        `Figure entered by officers for ${scope.year} (not observable on the marketplace).`,
      ),
      missingFigures: figure === undefined ? [kpiId] : [],
    };
  }

  private async figureValues(scope: MetricScope, keys: readonly string[]): Promise<Record<string, number>> {
    const all = scope.figures ? await scope.figures(scope.year) : await this.yearFigures(scope.year);
    return Object.fromEntries(Object.entries(all).filter(([key]) => keys.includes(key)));
  }

  /**
   * Every external figure of the home province for the years `from`–`to`, by year then key, in one
   * query (a year dashboard reads five years; `list()` per year would be ten queries). Never cached.
   */
  async figuresForYears(from: number, to: number): Promise<Map<number, Record<string, number>>> {
    const rows: { year: number; key: string; value: string }[] = await this.db.query(
      'SELECT year, key, value::text AS value FROM external_figures WHERE province_code = $1 AND year BETWEEN $2 AND $3',
      [this.config.HOME_PROVINCE_CODE, from, to],
    );
    const byYear = new Map<number, Record<string, number>>();
    for (const row of rows) {
      const figures = byYear.get(row.year) ?? {};
      figures[row.key] = Number(row.value);
      byYear.set(row.year, figures);
    }
    return byYear;
  }

  /** Every external figure of the home province for a year, by key. */
  async yearFigures(year: number): Promise<Record<string, number>> {
    const rows = await this.figures.list(year);
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  /**
   * Every platform query goes through here, so that KPIs asking the same question of the same period
   * (three active-seller KPIs, two payment KPIs, a period that is both a trend point and the
   * previous period of the next one) share one answer.
   */
  private query<T>(scope: MetricScope, text: string, params: unknown[]): Promise<T[]> {
    const load = () => this.db.query<T[]>(text, params);
    return scope.memo ? scope.memo.run(`sql\u0000${text}\u0000${JSON.stringify(params)}`, load) : load();
  }

  /** The same for figures computed by other modules' helpers (training, complaints). */
  private shared<T>(scope: MetricScope, key: string, load: () => Promise<T>): Promise<T> {
    return scope.memo ? scope.memo.run(key, load) : load();
  }

  /**
   * A per-period aggregate. When the scope is one period of its row's series, the query runs once
   * over the whole series with `$1`–`$2` spanning it and rows grouped by `bucketOf(column)` (the
   * period the timestamp falls in), and this period's rows are picked out; otherwise it runs over
   * the scope alone. The SQL must select `… AS bucket` and group by it.
   */
  private async perPeriod<T>(scope: MetricScope, sql: (bucketOf: BucketOf) => string): Promise<T[]> {
    const slot = slotOf(scope);
    if (!slot)
      return this.query<T>(
        scope,
        sql(() => '1'),
        this.params(scope),
      );
    const rows = await this.query<T & { bucket: number }>(
      scope,
      sql((column) => `width_bucket(${column}, $5::timestamptz[])`),
      this.params({ ...scope, from: slot.bounds[0]!, to: slot.bounds[slot.bounds.length - 1]! }, slot.bounds),
    );
    return rows.filter((row) => row.bucket === slot.bucket);
  }

  private params(scope: MetricScope, ...extra: unknown[]): unknown[] {
    return [scope.from, scope.to, scope.communeCode ?? null, this.config.HOME_PROVINCE_CODE, ...extra];
  }

  /** A platform count over a province-wide figure; without the figure the value waits for it. */
  private async ratioOverFigure(
    scope: MetricScope,
    kpi: KpiDefinition,
    numerator: number,
    text: { vi: string; en: string },
    breakdown?: Record<string, number>,
  ): Promise<MetricValue> {
    const key = kpi.figureKeys[0]!;
    const figure = (await this.figureValues(scope, [key]))[key];
    const denominator = figure ?? null;
    return {
      value: scope.communeCode ? null : share(numerator, denominator),
      numerator,
      denominator: scope.communeCode ? null : denominator,
      unit: kpi.unit,
      basis: basis(
        `${text.vi} / ${key} (số liệu toàn tỉnh năm ${scope.year}).${scope.communeCode ? ' Theo xã: chỉ có tử số vì số liệu toàn tỉnh không chia theo xã.' : ''}`,
        `${text.en} / ${key} (province-wide figure for ${scope.year}).${scope.communeCode ? ' Per commune: numerator only, the province figure is not split by commune.' : ''}`,
      ),
      missingFigures: figure === undefined ? [key] : [],
      ...(breakdown ? { breakdown } : {}),
    };
  }

  private async activeShare(
    scope: MetricScope,
    kpiId: string,
    pick: (row: SellerBase) => number,
    vi: string,
    en: string,
  ): Promise<MetricValue> {
    // One query for the three active-seller KPIs: each picks its count from the same breakdown.
    const [row] = await this.query<SellerBase>(
      scope,
      `WITH ${ACTIVE_SELLERS},
       registered AS (
         SELECT o.legal_type FROM organisations o JOIN communes c ON c.code = o.commune_code AND c.province_code = $4
         WHERE o.status = 'approved' AND o.approved_at < $2 AND ($3::text IS NULL OR o.commune_code = $3))
       SELECT (SELECT jsonb_object_agg(legal_type, n) FROM (SELECT legal_type, count(*)::int AS n FROM active GROUP BY 1) x) AS active,
              (SELECT count(*)::int FROM active WHERE legal_type = 'enterprise' AND is_sme) AS active_smes,
              (SELECT jsonb_object_agg(legal_type, n) FROM (SELECT legal_type, count(*)::int AS n FROM registered GROUP BY 1) x) AS registered`,
      this.params(scope),
    );
    // Registered (approved) and active sellers of every type, so that one row shows the whole seller base.
    const breakdown: Record<string, number> = { active_sme_enterprise: row!.active_smes };
    for (const type of LEGAL_TYPES) {
      breakdown[`active_${type}`] = row!.active?.[type] ?? 0;
      breakdown[`registered_${type}`] = row!.registered?.[type] ?? 0;
    }
    return this.ratioOverFigure(
      scope,
      findKpi(kpiId)!,
      pick(row!),
      {
        vi: `Số ${vi} đang hoạt động trên sàn (đã duyệt, có sản phẩm đang bày bán hoặc có đơn hàng trong kỳ)`,
        en: `Active ${en} on the platform (approved, with a listing on sale or an order in the period)`,
      },
      breakdown,
    );
  }

  private async communesWithActiveSeller(scope: MetricScope): Promise<MetricValue> {
    const [row] = (await this.query(
      scope,
      `WITH ${ACTIVE_SELLERS},
       communes_in_force AS (
         SELECT code FROM communes WHERE province_code = $4 AND ($3::text IS NULL OR code = $3)
           AND effective_from <= $5::date AND (effective_to IS NULL OR effective_to >= ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))
       SELECT (SELECT count(*)::int FROM communes_in_force) AS communes,
              (SELECT count(*)::int FROM communes_in_force ci WHERE EXISTS (SELECT 1 FROM active a WHERE a.commune_code = ci.code)) AS covered`,
      this.params(scope, lastDayOf(scope)),
    )) as { communes: number; covered: number }[];
    return {
      value: share(row!.covered, row!.communes),
      numerator: row!.covered,
      denominator: row!.communes,
      unit: 'percent',
      basis: basis(
        'Số xã, phường, đặc khu của tỉnh (còn hiệu lực trong kỳ) có ít nhất một người bán đang hoạt động / tổng số xã, phường, đặc khu.',
        'Communes, wards and special zones of the province in force in the period with at least one active seller / all of them.',
      ),
      missingFigures: [],
    };
  }

  private async enterprisesOnMarketplaces(scope: MetricScope): Promise<MetricValue> {
    const [row] = (await this.query(
      scope,
      `WITH ${ACTIVE_SELLERS}
       SELECT count(*)::int AS n FROM organisations o JOIN communes c ON c.code = o.commune_code AND c.province_code = $4
       WHERE o.legal_type = 'enterprise' AND o.status = 'approved' AND o.approved_at < $2
         AND ($3::text IS NULL OR o.commune_code = $3)
         AND (o.id IN (SELECT id FROM active) OR jsonb_array_length(o.marketplace_stores) > 0)`,
      this.params(scope),
    )) as { n: number }[];
    return this.ratioOverFigure(scope, findKpi('sellers.enterprises_on_marketplaces_share')!, row!.n, {
      vi: 'Số doanh nghiệp đang hoạt động trên sàn hoặc khai báo gian hàng trên sàn khác',
      en: 'Enterprises active here or declaring a store on another marketplace',
    });
  }

  private async ownWebsite(scope: MetricScope): Promise<MetricValue> {
    const [row] = (await this.query(
      scope,
      `SELECT count(*)::int AS n FROM organisations o JOIN communes c ON c.code = o.commune_code AND c.province_code = $4
       WHERE o.legal_type = 'enterprise' AND o.status = 'approved' AND o.approved_at < $2
         AND ($3::text IS NULL OR o.commune_code = $3) AND coalesce(o.website_url, '') <> '' AND $1::timestamptz IS NOT NULL`,
      this.params(scope),
    )) as { n: number }[];
    return this.ratioOverFigure(scope, findKpi('sellers.own_website_share_enterprises')!, row!.n, {
      vi: 'Số doanh nghiệp đã duyệt có website riêng',
      en: 'Approved enterprises with their own website',
    });
  }

  private async onboarded(scope: MetricScope): Promise<MetricValue> {
    const rows: { legal_type: string; n: number }[] = await this.query(
      scope,
      `SELECT o.legal_type, count(*)::int AS n FROM organisations o
       JOIN communes c ON c.code = o.commune_code AND c.province_code = $4
       JOIN LATERAL (SELECT min(sc.created_at) AS first_approved FROM organisation_status_changes sc
                     WHERE sc.organisation_id = o.id AND sc.to_status = 'approved') f ON true
       WHERE coalesce(f.first_approved, o.approved_at) >= $1 AND coalesce(f.first_approved, o.approved_at) < $2
         AND ($3::text IS NULL OR o.commune_code = $3)
       GROUP BY o.legal_type`,
      this.params(scope),
    );
    const total = rows.reduce((sum, row) => sum + row.n, 0);
    return {
      value: total,
      numerator: total,
      denominator: null,
      unit: 'count',
      basis: basis(
        'Số tổ chức được duyệt lần đầu trong kỳ (lịch sử trạng thái; nếu không có thì ngày duyệt).',
        'Organisations first approved in the period (status history, else approved_at).',
      ),
      missingFigures: [],
      breakdown: Object.fromEntries(
        LEGAL_TYPES.map((type) => [type, rows.find((row) => row.legal_type === type)?.n ?? 0]),
      ),
    };
  }

  /** Listed OCOP products by stars, and how many of them are traced: both OCOP KPIs read this one answer. */
  private ocopByStars(scope: MetricScope): Promise<{ stars: number; n: number; traced: number }[]> {
    return this.query(
      scope,
      `WITH ${OCOP_LISTED}
       SELECT stars, count(*)::int AS n, count(*) FILTER (WHERE traced)::int AS traced FROM ocop GROUP BY stars`,
      this.params(scope, lastDayOf(scope)),
    );
  }

  private async ocopListings(scope: MetricScope): Promise<MetricValue> {
    const rows = await this.ocopByStars(scope);
    const total = rows.reduce((sum, row) => sum + row.n, 0);
    return {
      value: total,
      numerator: total,
      denominator: null,
      unit: 'count',
      basis: basis(
        'Số sản phẩm đang bày bán vào cuối kỳ có chứng nhận OCOP đã xác minh còn hiệu lực (chưa có nhãn sản phẩm chủ lực, đặc trưng).',
        'Products on sale at the end of the period with a verified OCOP certificate valid on its last day (key-product tags are not recorded yet).',
      ),
      missingFigures: [],
      breakdown: {
        stars_3: 0,
        stars_4: 0,
        stars_5: 0,
        ...Object.fromEntries(rows.map((row) => [`stars_${row.stars}`, row.n])),
      },
    };
  }

  private async qrTraceability(scope: MetricScope): Promise<MetricValue> {
    const rows = await this.ocopByStars(scope);
    const row = {
      total: rows.reduce((sum, r) => sum + r.n, 0),
      traced: rows.reduce((sum, r) => sum + r.traced, 0),
    };
    return {
      value: share(row!.traced, row!.total),
      numerator: row!.traced,
      denominator: row!.total,
      unit: 'percent',
      basis: basis(
        'Sản phẩm OCOP đang bày bán cuối kỳ có ít nhất một lô truy xuất (mã QR) tạo trước cuối kỳ / sản phẩm OCOP đang bày bán cuối kỳ.',
        'OCOP products on sale at the end of the period with a traceability batch (QR code) created before its end / OCOP products on sale then.',
      ),
      missingFigures: [],
    };
  }

  private async scans(scope: MetricScope): Promise<MetricValue> {
    const [row] = (await this.query(
      scope,
      `SELECT count(*)::int AS n FROM trace_scans s
       WHERE s.scanned_at >= $1 AND s.scanned_at < $2
         AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = s.organisation_id AND o.commune_code = $3))
         AND $4::text IS NOT NULL`,
      this.params(scope),
    )) as { n: number }[];
    return {
      value: row!.n,
      numerator: row!.n,
      denominator: null,
      unit: 'count',
      basis: basis(
        'Số lượt quét mã truy xuất nguồn gốc trong kỳ (theo xã của người bán).',
        'Traceability code scans in the period (by the seller’s commune).',
      ),
      missingFigures: [],
    };
  }

  private async nonCash(scope: MetricScope, by: 'count' | 'value'): Promise<MetricValue> {
    const rows = await this.perPeriod<{ method: string; is_cash: boolean; n: number; amount: string }>(
      scope,
      (bucketOf) =>
        `WITH ${paidSql(scope.communeCode)}
         SELECT ${bucketOf('paid_at')} AS bucket, method, is_cash, count(*)::int AS n, sum(amount)::text AS amount
         FROM paid GROUP BY 1, method, is_cash`,
    );
    const pick = (row: (typeof rows)[number]) => (by === 'count' ? row.n : Number(row.amount));
    const all = rows.reduce((sum, row) => sum + pick(row), 0);
    const nonCash = rows.filter((row) => !row.is_cash).reduce((sum, row) => sum + pick(row), 0);
    return {
      value: share(nonCash, all),
      numerator: nonCash,
      denominator: all,
      unit: 'percent',
      basis:
        by === 'count'
          ? basis(
              'Số khoản thanh toán thành công trong kỳ bằng phương thức không dùng tiền mặt (VNPay, VietQR, thẻ) / tất cả khoản thanh toán thành công (kể cả COD).',
              'Payments succeeded in the period by a non-cash method (VNPay, VietQR, card) / all succeeded payments (COD included).',
            )
          : basis(
              'Số tiền (đồng) thanh toán thành công trong kỳ không dùng tiền mặt / tổng số tiền thanh toán thành công.',
              'Đồng paid in the period by non-cash methods / đồng paid by all methods (succeeded payments).',
            ),
      missingFigures: [],
      breakdown: Object.fromEntries(rows.map((row) => [row.method, pick(row)])),
    };
  }

  private async invoiced(scope: MetricScope): Promise<MetricValue> {
    const [found] = await this.perPeriod<{ total: number; invoiced: number }>(
      scope,
      (bucketOf) =>
        `WITH ${DELIVERED}, ${ISSUED_INVOICES}
         SELECT ${bucketOf('delivered.delivered_at')} AS bucket, count(*)::int AS total, count(issued.source_id)::int AS invoiced
         FROM delivered LEFT JOIN issued ON issued.source_id = delivered.id WHERE $4::text IS NOT NULL GROUP BY 1`,
    );
    const row = found ?? { total: 0, invoiced: 0 };
    return {
      value: share(row!.invoiced, row!.total),
      numerator: row!.invoiced,
      denominator: row!.total,
      unit: 'percent',
      basis: basis(
        'Đơn hàng (theo người bán) giao thành công trong kỳ, không bị hoàn tiền, có hóa đơn điện tử đã phát hành / tất cả các đơn đó.',
        'Seller orders delivered in the period and not refunded that have an issued e-invoice / all such orders.',
      ),
      missingFigures: [],
    };
  }

  private async lastMile(scope: MetricScope): Promise<MetricValue> {
    const [row] = (await this.query(
      scope,
      `WITH ${DELIVERED}
       SELECT coalesce(sum(shipping_fee), 0)::text AS fees, coalesce(sum(goods_total), 0)::text AS goods
       FROM delivered WHERE $4::text IS NOT NULL`,
      this.params(scope),
    )) as { fees: string; goods: string }[];
    const fees = Number(row!.fees);
    const goods = Number(row!.goods);
    return {
      value: share(fees, goods),
      numerator: fees,
      denominator: goods,
      unit: 'percent',
      basis: basis(
        'Tổng phí giao hàng của các đơn giao thành công trong kỳ / doanh thu hàng hóa của chính các đơn đó (phí giao hàng là phí tính cho đơn; hãng vận chuyển chưa báo phí thực tế).',
        'Shipping fees of the orders delivered in the period / goods revenue of the same orders (the fee charged on the order; carriers do not report their actual fee yet).',
      ),
      missingFigures: [],
    };
  }

  private async sameDay(scope: MetricScope): Promise<MetricValue> {
    const [row] = (await this.query(
      scope,
      `WITH ${DELIVERED}
       SELECT count(*)::int AS total,
              count(*) FILTER (WHERE (s.shipped_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                                     = (delivered.delivered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int AS same_day
       FROM delivered
       LEFT JOIN LATERAL (SELECT min(e.created_at) AS shipped_at FROM seller_order_events e
                          WHERE e.seller_order_id = delivered.id AND e.action = 'ship') s ON true
       WHERE $4::text IS NOT NULL`,
      this.params(scope),
    )) as { total: number; same_day: number }[];
    return {
      value: share(row!.same_day, row!.total),
      numerator: row!.same_day,
      denominator: row!.total,
      unit: 'percent',
      basis: basis(
        'Đơn giao thành công trong kỳ được giao trong cùng ngày (giờ Việt Nam) với ngày giao cho đơn vị vận chuyển / tất cả đơn giao thành công.',
        'Orders delivered in the period on the same Vietnam calendar day they were shipped / all delivered orders.',
      ),
      missingFigures: [],
    };
  }

  private async training(scope: MetricScope, kpiId: string): Promise<MetricValue> {
    const kpi = findKpi(kpiId)!;
    const options = {
      provinceCode: this.config.HOME_PROVINCE_CODE,
      communeCode: scope.communeCode,
      participantTypes: kpi.filter?.participantTypes,
      eventAudience: kpi.filter?.eventAudience,
    };
    const stats = await this.shared(scope, `training\u0000${JSON.stringify([scope.from, scope.to, options])}`, () =>
      trainingStats(this.db.manager, { from: scope.from, to: scope.to }, options),
    );
    const events = kpiId.startsWith('training.events');
    const value = events ? stats.events : stats.participations;
    return {
      value,
      numerator: value,
      denominator: null,
      unit: kpi.unit,
      basis: events
        ? basis(
            `Số lớp đào tạo bắt đầu trong kỳ${kpi.filter?.eventAudience ? ` có đối tượng ${kpi.filter.eventAudience.join(', ')}` : ''} (theo xã tổ chức).`,
            `Training events starting in the period${kpi.filter?.eventAudience ? ` whose audience includes ${kpi.filter.eventAudience.join(', ')}` : ''} (by the commune they are held in).`,
          )
        : basis(
            `Số lượt tham dự (có mặt) các lớp bắt đầu trong kỳ${kpi.filter?.participantTypes ? `, đối tượng ${kpi.filter.participantTypes.join(', ')}` : ''}; một người dự hai lớp tính hai lượt.`,
            `Attended participations in events starting in the period${kpi.filter?.participantTypes ? `, participant types ${kpi.filter.participantTypes.join(', ')}` : ''}; a person at two events counts twice.`,
          ),
      missingFigures: [],
      breakdown: events ? { ...stats.eventsByAudience } : { ...stats.byParticipantType },
    };
  }

  private async officialsTrained(scope: MetricScope): Promise<MetricValue> {
    const since = scope.since && scope.since < scope.to ? scope.since : scope.from;
    const stats = await trainingStats(
      this.db.manager,
      { from: since, to: scope.to },
      { provinceCode: this.config.HOME_PROVINCE_CODE, communeCode: scope.communeCode, participantTypes: ['official'] },
    );
    return this.ratioOverFigure(
      scope,
      findKpi('training.officials_trained_share')!,
      stats.distinctPeopleByType.official,
      {
        vi: 'Số cán bộ (khác nhau, theo số điện thoại hoặc tên) đã dự đào tạo từ đầu kỳ kế hoạch đến cuối kỳ',
        en: 'Distinct officials (by phone, else name) trained from the start of the plan to the end of the period',
      },
    );
  }

  private async complaints(scope: MetricScope, kpiId: string): Promise<MetricValue> {
    const kpi = findKpi(kpiId)!;
    const options = {
      communeCode: scope.communeCode,
      withinDays: scope.params?.withinDays ?? kpi.defaultParams?.withinDays,
    };
    // The four complaint KPIs read the same statistics.
    const stats = await this.shared(scope, `complaints\u0000${JSON.stringify([scope.from, scope.to, options])}`, () =>
      complaintStats(this.db.manager, { from: scope.from, to: scope.to }, options),
    );
    const common = { unit: kpi.unit, missingFigures: [] as string[] };
    switch (kpiId) {
      case 'complaints.received':
        return {
          ...common,
          value: stats.received,
          numerator: stats.received,
          denominator: null,
          basis: basis('Số phản ánh, khiếu nại tiếp nhận trong kỳ.', 'Complaints received in the period.'),
          breakdown: { ...stats.byCategory },
        };
      case 'complaints.resolved_share':
        return {
          ...common,
          value: share(stats.resolvedShare.numerator, stats.resolvedShare.denominator),
          numerator: stats.resolvedShare.numerator,
          denominator: stats.resolvedShare.denominator,
          basis: basis(
            'Khiếu nại tiếp nhận trong kỳ đã giải quyết / khiếu nại tiếp nhận trong kỳ không bị từ chối.',
            'Complaints received in the period and resolved / those received and not rejected.',
          ),
        };
      case 'complaints.resolved_within_days':
        return {
          ...common,
          value: share(stats.resolvedWithinDays.numerator, stats.resolvedWithinDays.denominator),
          numerator: stats.resolvedWithinDays.numerator,
          denominator: stats.resolvedWithinDays.denominator,
          basis: basis(
            `Khiếu nại tiếp nhận trong kỳ được giải quyết trong ${stats.withinDays} ngày / khiếu nại không bị từ chối.`,
            `Complaints received in the period resolved within ${stats.withinDays} days / those not rejected.`,
          ),
        };
      default:
        return {
          ...common,
          value: stats.averageDaysToResolve,
          numerator: null,
          denominator: stats.resolvedShare.numerator,
          basis: basis(
            'Số ngày bình quân từ tiếp nhận đến giải quyết, trên các khiếu nại tiếp nhận trong kỳ đã giải quyết.',
            'Mean days from receipt to resolution over the resolved complaints received in the period.',
          ),
        };
    }
  }

  private async crossBorder(scope: MetricScope): Promise<MetricValue> {
    const [row] = (await this.query(
      scope,
      `WITH ${DELIVERED}
       SELECT count(*)::int AS n FROM delivered JOIN customer_orders co ON co.id = delivered.customer_order_id
       LEFT JOIN provinces p ON p.code = co.province_code WHERE p.code IS NULL AND $4::text IS NOT NULL`,
      this.params(scope),
    )) as { n: number }[];
    return {
      value: row!.n,
      numerator: row!.n,
      denominator: null,
      unit: 'count',
      basis: basis(
        'Đơn giao thành công trong kỳ có địa chỉ nhận ngoài Việt Nam; hiện sàn chỉ giao trong nước nên luôn bằng 0.',
        'Orders delivered in the period to an address outside Vietnam; the platform delivers only within Vietnam today, so this is 0.',
      ),
      missingFigures: [],
    };
  }

  /** Goods value of delivered orders in the period; B2C when the buyer asked for no company invoice (no tax code). */
  private async gmv(scope: MetricScope, retailOnly: boolean): Promise<number> {
    const [row] = (await this.query(
      scope,
      `WITH ${DELIVERED}
       SELECT coalesce(sum(delivered.goods_total), 0)::text AS gmv
       FROM delivered JOIN customer_orders co ON co.id = delivered.customer_order_id
       WHERE (NOT $5::boolean OR co.invoice_tax_code IS NULL) AND $4::text IS NOT NULL`,
      this.params(scope, retailOnly),
    )) as { gmv: string }[];
    return Number(row!.gmv);
  }

  private async gmvGrowth(scope: MetricScope, retailOnly: boolean): Promise<MetricValue> {
    // The previous period of the same calendar length: a year before a year, a quarter before a quarter.
    const previous = previousPeriod(scope);
    const [current, before] = await Promise.all([
      this.gmv(scope, retailOnly),
      this.gmv({ ...scope, ...previous }, retailOnly),
    ]);
    return {
      value: before === 0 ? null : round2((current * 100) / before - 100),
      numerator: current,
      denominator: before,
      unit: 'percent',
      basis: basis(
        `GMV${retailOnly ? ' bán lẻ (đơn không có mã số thuế người mua)' : ''} của các đơn giao thành công trong kỳ, không tính đơn hủy, hoàn tiền (tử số, đồng) / GMV kỳ trước cùng độ dài (mẫu số), trừ 100 %.`,
        `${retailOnly ? 'Retail (orders without a buyer tax code) ' : ''}GMV of orders delivered in the period, net of cancellations and refunds (numerator, đồng) / the previous period's (denominator), minus 100 %.`,
      ),
      missingFigures: [],
    };
  }

  private async retailShare(scope: MetricScope): Promise<MetricValue> {
    const gmv = await this.gmv(scope, true);
    return this.ratioOverFigure(scope, findKpi('sales.retail_share_of_total_retail')!, gmv, {
      vi: 'GMV bán lẻ (đồng) của các đơn giao thành công trong kỳ',
      en: 'Retail GMV (đồng) of orders delivered in the period',
    });
  }

  private async buyers(scope: MetricScope): Promise<MetricValue> {
    const [found] = await this.perPeriod<{ n: number }>(
      scope,
      (bucketOf) =>
        `WITH ${DELIVERED.replace('($3::text IS NULL OR o.commune_code = $3)', 'true')}
         SELECT bucket, count(*)::int AS n FROM (
           SELECT DISTINCT ${bucketOf('delivered.delivered_at')} AS bucket, coalesce(co.buyer_user_id::text, co.buyer_phone)
           FROM delivered JOIN customer_orders co ON co.id = delivered.customer_order_id
           WHERE co.province_code = $4 AND ($3::text IS NULL OR co.commune_code = $3)) buyers
         GROUP BY bucket`,
    );
    const row = found ?? { n: 0 };
    return this.ratioOverFigure(scope, findKpi('buyers.adult_population_share')!, row!.n, {
      vi: 'Số người mua khác nhau (theo tài khoản, nếu không có thì số điện thoại) có đơn giao thành công trong kỳ tới địa chỉ trong tỉnh (theo xã nhận hàng)',
      en: 'Distinct buyers (by account, else phone) with an order delivered in the period to an address in the province (by delivery commune)',
    });
  }

  private async packaging(scope: MetricScope, material: 'plastic' | 'recyclable'): Promise<MetricValue> {
    const rows: { material: string; n: number }[] = await this.query(
      scope,
      `WITH ${LISTED_AT_END} SELECT packaging_material AS material, count(*)::int AS n FROM listed
       WHERE packaging_material IS NOT NULL GROUP BY packaging_material`,
      this.params(scope),
    );
    const declared = rows.reduce((sum, row) => sum + row.n, 0);
    const counted = rows.find((row) => row.material === material)?.n ?? 0;
    const label =
      material === 'plastic'
        ? { vi: 'bao bì nhựa', en: 'plastic packaging' }
        : { vi: 'bao bì tái chế được', en: 'recyclable packaging' };
    return {
      value: share(counted, declared),
      numerator: counted,
      denominator: declared,
      unit: 'percent',
      basis: basis(
        `Sản phẩm đang bày bán cuối kỳ dùng ${label.vi} / sản phẩm đang bày bán cuối kỳ có khai báo vật liệu bao bì.`,
        `Products on sale at the end of the period with ${label.en} / those with a declared packaging material.`,
      ),
      missingFigures: [],
      breakdown: Object.fromEntries(
        ['plastic', 'recyclable', 'biodegradable', 'other'].map((key) => [
          key,
          rows.find((row) => row.material === key)?.n ?? 0,
        ]),
      ),
    };
  }
}

/** The period of the same calendar length just before `[from, to)`: previous year, quarter or month. */
export function previousPeriod(period: Period): Period {
  const from = new Date(period.from);
  const to = new Date(period.to);
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  const shift = (date: Date) => {
    // Vietnam midnight is 17:00 UTC the day before; shift in Vietnam time to land on the 1st again.
    const local = new Date(date.getTime() + 7 * 3600_000);
    local.setUTCMonth(local.getUTCMonth() - months);
    return new Date(local.getTime() - 7 * 3600_000);
  };
  return { from: shift(from), to: shift(to) };
}
