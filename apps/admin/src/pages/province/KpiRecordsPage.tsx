import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FilterTabs, Pagination, SearchField } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { formatDateTime, formatDong } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import type { PlainMessageKey } from '../../i18n/translator';
import { compareNumber, useListView } from '../../list';
import { useHomeCommunes } from '../../queries';
import {
  basisIn,
  formatAmount,
  formatKpiValue,
  kpiKeys,
  kpiName,
  periodText,
  scopeSearch,
  useDashboard,
  useKpiScope,
} from './KpiShared';

type Row = Record<string, unknown> & { index: number; counted: boolean };
type Translate = ReturnType<typeof useI18n>;

interface Column {
  label: PlainMessageKey;
  render: (row: Row, i18n: Translate) => ReactNode;
  number?: boolean;
}

const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));
const yesNo = (i18n: Translate, value: unknown) => i18n.t(value ? 'common.yes' : 'common.no');
const LEGAL_TYPES = ['cooperative', 'cooperative_group', 'enterprise', 'household_business', 'individual_business'];
const METHODS = ['cod', 'vnpay', 'vietqr', 'card'];

const sellerColumns: Column[] = [
  {
    label: 'drill.column.name',
    render: (row) => <Link to={`/organisations/${encodeURIComponent(text(row.id))}`}>{text(row.name)}</Link>,
  },
  {
    label: 'drill.column.legalType',
    render: (row, i18n) =>
      LEGAL_TYPES.includes(text(row.legalType))
        ? i18n.t(`legalType.${text(row.legalType)}` as PlainMessageKey)
        : text(row.legalType),
  },
  { label: 'drill.column.isSme', render: (row, i18n) => yesNo(i18n, row.isSme) },
  { label: 'drill.column.commune', render: (row) => text(row.communeName) },
];
const communeColumns: Column[] = [
  { label: 'drill.column.commune', render: (row) => text(row.name) },
  {
    label: 'drill.column.activeSellers',
    render: (row, i18n) => i18n.formatNumber(Number(row.activeSellers)),
    number: true,
  },
];
const ocopColumns: Column[] = [
  { label: 'drill.column.name', render: (row) => text(row.name) },
  {
    label: 'drill.column.organisation',
    render: (row) => (
      <Link to={`/organisations/${encodeURIComponent(text(row.organisationId))}`}>{text(row.organisationName)}</Link>
    ),
  },
  { label: 'drill.column.stars', render: (row, i18n) => i18n.t('ocop.starsLabel', { stars: text(row.stars) }) },
  { label: 'drill.column.traced', render: (row, i18n) => yesNo(i18n, row.hasTraceability) },
];
const paymentColumns: Column[] = [
  { label: 'drill.column.paidAt', render: (row, i18n) => formatDateTime(i18n.language, text(row.paidAt)) },
  {
    label: 'drill.column.method',
    render: (row, i18n) =>
      METHODS.includes(text(row.method))
        ? i18n.t(`drill.method.${text(row.method)}` as PlainMessageKey)
        : text(row.method),
  },
  { label: 'drill.column.amount', render: (row) => formatDong(Number(row.amount)), number: true },
];
const invoiceColumns: Column[] = [
  { label: 'drill.column.order', render: (row) => text(row.code) },
  { label: 'drill.column.deliveredAt', render: (row, i18n) => formatDateTime(i18n.language, text(row.deliveredAt)) },
  { label: 'drill.column.goodsTotal', render: (row) => formatDong(Number(row.goodsTotal)), number: true },
  { label: 'drill.column.hasInvoice', render: (row, i18n) => yesNo(i18n, row.hasInvoice) },
];
const packagingColumns: Column[] = [
  { label: 'drill.column.name', render: (row) => text(row.name) },
  { label: 'drill.column.organisation', render: (row) => text(row.organisationName) },
  { label: 'drill.column.packaging', render: (row) => text(row.packagingMaterial) },
];

/** Each family of KPIs lists a different kind of record (see `KpisService.records`). */
function columnsFor(kpiId: string): Column[] {
  if (kpiId.startsWith('sellers.')) return sellerColumns;
  if (kpiId === 'communes.with_active_seller') return communeColumns;
  if (kpiId.startsWith('payments.')) return paymentColumns;
  if (kpiId.startsWith('invoices.')) return invoiceColumns;
  if (kpiId.endsWith('_packaging_share')) return packagingColumns;
  return ocopColumns;
}

const FILTERS = ['all', 'counted', 'notCounted'] as const;
type Filter = (typeof FILTERS)[number];
const sorters = { order: (a: Row, b: Row) => compareNumber(a.index, b.index) };

/** The records behind one KPI's number, with the basis it was computed on. */
export function KpiRecordsPage() {
  const i18n = useI18n();
  const { t, language, formatNumber } = i18n;
  const account = useAccount();
  const kpiId = useParams().kpiId ?? '';
  const { period, commune } = useKpiScope();
  const periodLabel = periodText(period);
  const dashboard = useDashboard(period, commune);
  const communes = useHomeCommunes();
  const records = useQuery({
    queryKey: kpiKeys(account.id).records(kpiId, periodLabel, commune),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/kpis/{kpiId}/records', {
          params: { path: { kpiId }, query: { period: periodLabel, ...(commune ? { commune } : {}) } },
          signal,
        }),
      ),
  });
  const kpi = dashboard.data?.kpis.find((row) => row.kpiId === kpiId);
  const name = kpi ? kpiName(language, kpi) : kpiId;
  useDocumentTitle(`${name} – ${t('drill.metaTitle')}`);
  const rows: Row[] = (records.data?.rows ?? []).map((row, index) => ({
    ...row,
    index,
    counted: row.counted === true,
  }));
  const [params] = useSearchParams();
  const requested = params.get('counted');
  const filter: Filter = (FILTERS as readonly (string | null)[]).includes(requested) ? (requested as Filter) : 'all';
  const items = rows.filter((row) =>
    filter === 'counted' ? row.counted : filter === 'notCounted' ? !row.counted : true,
  );
  const list = useListView({
    items,
    searchText: (row: Row) => [row.name, row.code, row.organisationName, row.communeName].map(text).join(' '),
    sorters,
    defaultSort: { key: 'order', direction: 'asc' },
    pageSize: 50,
  });
  const shown = list.visible;
  const columns = columnsFor(kpiId);
  const communeName = commune ? (communes.data?.find((entry) => entry.code === commune)?.name ?? commune) : null;
  const counted = records.data?.counted ?? 0;
  const total = records.data?.total ?? 0;

  return (
    <>
      <PageHead
        titleId="drill-title"
        title={name}
        back={{ to: `/kpi${scopeSearch(period, commune)}`, label: t('drill.back') }}
        intro={t('drill.intro', { period: periodLabel, scope: communeName ?? t('drill.wholeProvince') })}
      />
      {kpi ? (
        <div className="panel kpi-basis-panel" data-testid="drill-basis">
          <p className="kpi-label">{t('kpi.basis')}</p>
          <p>{basisIn(language, kpi.basis)}</p>
          <p>
            <strong>{kpi.value === null ? t('kpi.noValue') : formatKpiValue(i18n, kpi.value, kpi.unit)}</strong>
            {kpi.numerator !== null ? (
              <span className="muted">
                {' · '}
                {kpi.denominator !== null ? t('kpi.fractionLabel') : t('kpi.numeratorLabel')}{' '}
                {formatAmount(language, kpi.numerator)}
                {kpi.denominator !== null ? ` / ${formatAmount(language, kpi.denominator)}` : null}
              </span>
            ) : null}
          </p>
        </div>
      ) : null}
      {records.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : records.isError ? (
        <ErrorPanel title={t('drill.error')} error={records.error} onRetry={() => void records.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('drill.empty')} testId="drill-empty" />
      ) : (
        <>
          <p data-testid="drill-summary">
            {t('drill.summary', { counted: formatNumber(counted), total: formatNumber(total) })}
          </p>
          {records.data.truncated ? <p className="notice">{t('drill.truncated')}</p> : null}
          <div className="toolbar">
            <FilterTabs
              label={t('drill.filterLabel')}
              value={filter}
              onChange={(next) => list.setFilter('counted', next === 'all' ? null : next)}
              options={[
                { value: 'all', label: t('drill.filter.all'), count: total },
                { value: 'counted', label: t('drill.filter.counted'), count: counted },
                { value: 'notCounted', label: t('drill.filter.notCounted'), count: total - counted },
              ]}
            />
            <SearchField label={t('drill.search')} value={list.query} onChange={list.setQuery} />
          </div>
          {shown.length === 0 ? (
            <EmptyState title={t('drill.empty')} />
          ) : (
            <TableRegion labelledBy="drill-title">
              <table className="table" data-testid="drill-table">
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <th key={column.label} scope="col" className={column.number ? 'number' : undefined}>
                        {t(column.label)}
                      </th>
                    ))}
                    <th scope="col">{t('drill.counted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((row) => (
                    <tr key={row.index} data-testid="drill-row" data-counted={row.counted}>
                      {columns.map((column) => (
                        <td key={column.label} className={column.number ? 'number' : undefined}>
                          {column.render(row, i18n)}
                        </td>
                      ))}
                      <td>
                        <StatusBadge tone={row.counted ? 'success' : 'neutral'}>{yesNo(i18n, row.counted)}</StatusBadge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          <Pagination page={list.page} pageCount={list.pageCount} onPage={list.setPage} label={t('drill.pages')} />
        </>
      )}
    </>
  );
}
