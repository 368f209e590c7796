import type { Schemas } from '@ocop/api-client';
import { formatDong } from '../../format';
import type { Translator } from '../../i18n/translator';

export type Plan = Schemas['PlanDto'];
export type PlanSummary = Schemas['PlanSummaryDto'];
export type Target = Schemas['TargetDto'];
export type Kpi = Schemas['KpiDto'];
export type KpiGroup = Kpi['group'];
export type KpiUnit = Kpi['unit'];
export type KpiDirection = Kpi['direction'];
export type Comparison = Target['comparison'];
export type Basis = Target['basis'];
export type TargetChange = Schemas['TargetChangeDto'];

/** Themes in the order of the catalogue (§2 of plans-and-kpis.md); the officers' own KPIs last. */
export const KPI_GROUPS: readonly KpiGroup[] = [
  'sellers',
  'products',
  'traceability',
  'payments',
  'invoices',
  'logistics',
  'training',
  'compliance',
  'complaints',
  'cross_border',
  'sales',
  'green',
  'digital_government',
  'events',
  'custom',
];
export const KPI_UNITS: readonly KpiUnit[] = ['percent', 'count', 'participations', 'vnd', 'days', 'rank'];
export const KPI_DIRECTIONS: readonly KpiDirection[] = ['higher_is_better', 'lower_is_better'];
export const BASES: readonly Basis[] = ['at_year', 'cumulative', 'each_year'];
/** Message keys cannot hold `>=`; each comparison has a name. */
export const COMPARISON_NAMES = { '>=': 'gte', '>': 'gt', '<=': 'lte', '<': 'lt' } as const satisfies Record<
  Comparison,
  string
>;
export const COMPARISONS = Object.keys(COMPARISON_NAMES) as Comparison[];

/** The comparisons that agree with the KPI's direction; the API refuses the other two. */
export function comparisonsFor(direction: KpiDirection): Comparison[] {
  return direction === 'higher_is_better' ? ['>=', '>'] : ['<=', '<'];
}

/** Query keys of the plan pages, under the province workspace's account-scoped prefix. */
export const planKeys = {
  all: (accountId: string) => ['province', accountId, 'plans'] as const,
  plan: (accountId: string, id: string) => ['province', accountId, 'plans', id] as const,
  history: (accountId: string, planId: string, targetId: string) =>
    ['province', accountId, 'plans', planId, 'history', targetId] as const,
  missing: (accountId: string, planId: string, year: number) =>
    ['province', accountId, 'plans', planId, 'missing', year] as const,
  catalogue: (accountId: string) => ['province', accountId, 'kpi-catalogue'] as const,
};

export function kpiName(language: Translator['language'], kpi: { nameVi: string; nameEn: string | null }): string {
  return language === 'en' && kpi.nameEn ? kpi.nameEn : kpi.nameVi;
}

/** The KPI's parameters with their defaults; the generated client types them too loosely to read. */
export function defaultParams(kpi: Kpi): { withinDays?: number } {
  return (kpi.defaultParams ?? {}) as { withinDays?: number };
}

/** A value in the KPI's unit: "80 %", "3.000 lượt", "1.500.000 ₫", "hạng 10". */
export function formatKpiValue(translator: Pick<Translator, 't' | 'formatNumber'>, value: number, unit: KpiUnit) {
  const number = translator.formatNumber(value);
  switch (unit) {
    case 'percent':
      return `${number} %`;
    case 'vnd':
      return formatDong(value);
    case 'participations':
      return translator.t('plan.value.participations', { value: number });
    case 'days':
      return translator.t('plan.value.days', { value: number });
    case 'rank':
      return translator.t('plan.value.rank', { value: number });
    case 'count':
      return number;
  }
}

/** "Từ 80 % trở lên": the comparison and the value, worded as the plans word them. */
export function formatGoal(translator: Pick<Translator, 't' | 'formatNumber'>, comparison: Comparison, value: string) {
  switch (COMPARISON_NAMES[comparison]) {
    case 'gte':
      return translator.t('plan.goal.gte', { value });
    case 'gt':
      return translator.t('plan.goal.gt', { value });
    case 'lte':
      return translator.t('plan.goal.lte', { value });
    case 'lt':
      return translator.t('plan.goal.lt', { value });
  }
}

/** When the target is read: in one year, summed over the years, or held every year. */
export function formatBasis(
  translator: Pick<Translator, 't'>,
  basis: Basis,
  startYear: number,
  year: number,
  yearGiven: boolean,
): string {
  switch (basis) {
    case 'at_year':
      return translator.t(yearGiven ? 'plan.basis.atYear' : 'plan.basis.atPeriodEnd', { year });
    case 'cumulative':
      return translator.t('plan.basis.cumulative', { from: startYear, to: year });
    case 'each_year':
      return translator.t('plan.basis.eachYear', { from: startYear, to: year });
  }
}

/**
 * What an officer types as a target: thousands may be grouped ("3.000", "3 000") and a decimal
 * written with a comma ("12,5") or a point. Anything else is NaN, which the form reports; whether
 * the KPI takes fractions is the API's to say.
 */
export function parseTargetNumber(text: string): number {
  const trimmed = text.trim().replace(/\u00a0/g, ' ');
  if (/^-?\d{1,3}([. ]\d{3})+$/.test(trimmed)) return Number(trimmed.replace(/[. ]/g, ''));
  const compact = trimmed.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}
