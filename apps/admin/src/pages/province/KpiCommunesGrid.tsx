import type { Schemas } from '@ocop/api-client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FilterTabs, Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { useI18n } from '../../i18n/I18nProvider';
import { compareNumber, compareText, useListView } from '../../list';
import { kpiKeys, type Period, periodText } from './KpiShared';

type Cell = Schemas['CommuneCellDto'];
const FILTERS = ['all', 'without', 'with'] as const;
type Filter = (typeof FILTERS)[number];
const KINDS = ['commune', 'ward', 'special_zone'] as const;

const sorters = {
  name: (a: Cell, b: Cell) => compareText(a.name, b.name),
  activeSellers: (a: Cell, b: Cell) => compareNumber(a.activeSellers, b.activeSellers) || compareText(a.name, b.name),
};

function isFilter(value: string | null): value is Filter {
  return (FILTERS as readonly (string | null)[]).includes(value);
}

/**
 * Every commune and ward of the province with its active sellers in the period; the plan wants
 * each to have at least one, so "without a seller" is the list officers work through.
 */
export function KpiCommunesGrid({ period }: { period: Period }) {
  const { t, language, formatNumber } = useI18n();
  const account = useAccount();
  const text = periodText(period);
  const grid = useQuery({
    queryKey: kpiKeys(account.id).communes(text),
    queryFn: ({ signal }) => unwrap(api.GET('/api/kpis/communes', { params: { query: { period: text } }, signal })),
  });
  const [params] = useSearchParams();
  const requested = params.get('communes');
  const filter: Filter = isFilter(requested) ? requested : 'all';
  const items = useMemo(() => {
    const all = grid.data?.communes ?? [];
    if (filter === 'without') return all.filter((cell) => cell.activeSellers === 0);
    if (filter === 'with') return all.filter((cell) => cell.activeSellers > 0);
    return all;
  }, [grid.data, filter]);
  const list = useListView({
    items,
    searchText: (cell: Cell) => cell.name,
    sorters,
    defaultSort: { key: 'name', direction: 'asc' },
    pageSize: 50,
  });
  const total = grid.data?.communes.length ?? 0;
  const without = grid.data?.withoutActiveSeller.length ?? 0;
  const kindLabel = (kind: string) =>
    (KINDS as readonly string[]).includes(kind) ? t(`communeGrid.kind.${kind as (typeof KINDS)[number]}`) : kind;

  return (
    <section className="kpi-communes" aria-labelledby="commune-grid-title" data-testid="commune-grid">
      <h2 id="commune-grid-title" className="section-title">
        {t('communeGrid.title')}
      </h2>
      <p className="muted">{t('communeGrid.intro', { period: grid.data?.period ?? text })}</p>
      {grid.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : grid.isError ? (
        <ErrorPanel title={t('communeGrid.error')} error={grid.error} onRetry={() => void grid.refetch()} />
      ) : (
        <>
          <p data-testid="commune-grid-summary">
            {t('communeGrid.summary', {
              with: formatNumber(total - without),
              total: formatNumber(total),
              without: formatNumber(without),
            })}
          </p>
          <details className="kpi-definition">
            <summary>{t('kpi.activeSeller')}</summary>
            <p>{grid.data.activeSellerDefinition[language]}</p>
          </details>
          <div className="toolbar">
            <FilterTabs
              label={t('communeGrid.filterLabel')}
              value={filter}
              onChange={(next) => list.setFilter('communes', next === 'all' ? null : next)}
              options={[
                { value: 'all', label: t('communeGrid.all'), count: total },
                { value: 'without', label: t('communeGrid.without'), count: without },
                { value: 'with', label: t('communeGrid.with'), count: total - without },
              ]}
            />
            <SearchField label={t('communeGrid.search')} value={list.query} onChange={list.setQuery} />
          </div>
          {list.visible.length === 0 ? (
            <EmptyState title={t('communeGrid.empty')} />
          ) : (
            <TableRegion labelledBy="commune-grid-title">
              <table className="table" data-testid="commune-grid-table">
                <thead>
                  <tr>
                    <SortHeader label={t('communeGrid.name')} column="name" sort={list.sort} onSort={list.toggleSort} />
                    <th scope="col">{t('communeGrid.kind')}</th>
                    <SortHeader
                      label={t('communeGrid.activeSellers')}
                      column="activeSellers"
                      sort={list.sort}
                      onSort={list.toggleSort}
                      className="number"
                    />
                  </tr>
                </thead>
                <tbody>
                  {list.visible.map((cell) => (
                    <tr key={cell.code} data-testid="commune-row" data-active={cell.activeSellers > 0}>
                      <th scope="row">{cell.name}</th>
                      <td>{kindLabel(cell.kind)}</td>
                      <td className="number">
                        {cell.activeSellers > 0 ? (
                          formatNumber(cell.activeSellers)
                        ) : (
                          <StatusBadge tone="warning">{t('communeGrid.none')}</StatusBadge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          <Pagination
            page={list.page}
            pageCount={list.pageCount}
            onPage={list.setPage}
            label={t('communeGrid.pages')}
          />
        </>
      )}
    </section>
  );
}
