import type { Schemas } from '@ocop/api-client';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { formatDong, todayInVietnam } from '../../format';
import type { Language, Translator } from '../../i18n/translator';

export type DashboardKpi = Schemas['DashboardKpiDto'];
export type Dashboard = Schemas['DashboardDto'];

/** The first year the pickers offer: the platform's data starts there. */
export const FIRST_YEAR = 2024;

/**
 * The KPIs whose counted records the API can list (`GET /api/kpis/{kpiId}/records`); the others
 * are sums or external figures with nothing to check one by one.
 */
export const DRILLABLE_KPIS: ReadonlySet<string> = new Set([
  'sellers.active',
  'sellers.active_share_enterprises',
  'sellers.active_share_smes',
  'sellers.active_share_cooperatives',
  'communes.with_active_seller',
  'products.priority_listings',
  'products.qr_traceability_share',
  'payments.non_cash_share_by_count',
  'payments.non_cash_share_by_value',
  'invoices.share_of_orders',
  'products.plastic_packaging_share',
  'products.recyclable_packaging_share',
]);

export type PeriodKind = 'year' | 'quarter' | 'month';
export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–4 for a quarter, 1–12 for a month, unused for a year. */
  part: number;
}

export function currentYearInVietnam(): number {
  return Number(todayInVietnam().slice(0, 4));
}

/** `2026`, `2026-Q3` or `2026-11`, as the API reads periods; anything else is the current year. */
export function parsePeriod(text: string | null): Period {
  const match = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(text ?? '');
  if (!match) return { kind: 'year', year: currentYearInVietnam(), part: 1 };
  const year = Number(match[1]);
  if (match[2]) return { kind: 'quarter', year, part: Number(match[2]) };
  if (match[3]) return { kind: 'month', year, part: Number(match[3]) };
  return { kind: 'year', year, part: 1 };
}

export function periodText(period: Period): string {
  if (period.kind === 'quarter') return `${period.year}-Q${period.part}`;
  if (period.kind === 'month') return `${period.year}-${String(period.part).padStart(2, '0')}`;
  return String(period.year);
}

/** The period and commune of the dashboard, kept in the address so a drill-down and "back" keep them. */
export function useKpiScope() {
  const [params, setParams] = useSearchParams();
  const period = parsePeriod(params.get('period'));
  const commune = /^\d{5}$/.test(params.get('commune') ?? '') ? (params.get('commune') as string) : null;
  const change = (next: { period?: Period; commune?: string | null }) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next.period) updated.set('period', periodText(next.period));
      if (next.commune !== undefined) {
        if (next.commune) updated.set('commune', next.commune);
        else updated.delete('commune');
      }
      // A list's page belongs to the previous period.
      updated.delete('page');
      return updated;
    });
  return { period, commune, change };
}

/** The query string that carries the scope to another KPI page. */
export function scopeSearch(period: Period, commune: string | null): string {
  const search = new URLSearchParams({ period: periodText(period) });
  if (commune) search.set('commune', commune);
  return `?${search}`;
}

export function kpiKeys(accountId: string) {
  return {
    all: ['province', accountId, 'kpi'] as const,
    plan: ['province', accountId, 'kpi', 'plan'] as const,
    dashboard: (period: string, commune: string | null) =>
      ['province', accountId, 'kpi', 'dashboard', period, commune] as const,
    communes: (period: string) => ['province', accountId, 'kpi', 'communes', period] as const,
    records: (kpiId: string, period: string, commune: string | null) =>
      ['province', accountId, 'kpi', 'records', kpiId, period, commune] as const,
    report: (id: string) => ['province', accountId, 'kpi', 'report', id] as const,
  };
}

export function useDashboard(period: Period, commune: string | null) {
  const account = useAccount();
  const text = periodText(period);
  return useQuery({
    queryKey: kpiKeys(account.id).dashboard(text, commune),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/kpis/dashboard', {
          params: { query: { period: text, ...(commune ? { commune } : {}) } },
          signal,
        }),
      ),
  });
}

/** The API writes the basis in Vietnamese, a line break, then English. */
export function basisIn(language: Language, basis: string): string {
  const [vietnamese, ...english] = basis.split('\n');
  return language === 'en' && english.length > 0 ? english.join('\n') : (vietnamese ?? basis);
}

export function kpiName(language: Language, kpi: { nameVi: string; nameEn: string | null }): string {
  return language === 'en' && kpi.nameEn ? kpi.nameEn : kpi.nameVi;
}

const decimals: Record<Language, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

export function formatAmount(language: Language, value: number): string {
  return decimals[language].format(value);
}

/** A KPI's value in its unit: percentages to one decimal, đồng as money, days and ranks in words. */
export function formatKpiValue(translator: Pick<Translator, 'language' | 't'>, value: number, unit: string): string {
  const { language, t } = translator;
  switch (unit) {
    case 'percent':
      return `${formatAmount(language, value)} %`;
    case 'vnd':
      return formatDong(Math.round(value));
    case 'days':
      return t('kpi.days', { value: formatAmount(language, value) });
    case 'rank':
      return t('kpi.rank', { value: formatAmount(language, value) });
    default:
      return formatAmount(language, value);
  }
}
