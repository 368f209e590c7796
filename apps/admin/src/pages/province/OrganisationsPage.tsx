import type { Schemas } from '@ocop/api-client';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FilterTabs, Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { formatDateTime } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { compareInstant, compareText, useListView } from '../../list';
import { provinceKeys } from '../../queries';
import { ORGANISATION_STATUSES, ORGANISATION_TONES, type OrganisationStatus } from '../../statuses';

type Organisation = Schemas['OrganisationDto'];
type StatusFilter = OrganisationStatus | 'all';

// Applications waiting for a decision come first: they are the officer's work.
const STATUS_ORDER: Record<OrganisationStatus, number> = { pending: 0, rejected: 1, suspended: 2, approved: 3 };
const SORTERS = {
  name: (a: Organisation, b: Organisation) => compareText(a.name, b.name),
  commune: (a: Organisation, b: Organisation) => compareText(a.commune?.name, b.commune?.name),
  status: (a: Organisation, b: Organisation) =>
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || compareInstant(a.createdAt, b.createdAt),
  createdAt: (a: Organisation, b: Organisation) => compareInstant(a.createdAt, b.createdAt),
};
const searchText = (organisation: Organisation) =>
  [organisation.name, organisation.taxCode, organisation.commune?.name, organisation.contactName].join(' ');

function isStatusFilter(value: string | null): value is StatusFilter {
  return value === 'all' || (ORGANISATION_STATUSES as readonly string[]).includes(value ?? '');
}

/** The province's list of seller organisations, with the applications waiting for review first. */
export function OrganisationsPage() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('organisations.metaTitle'));
  const organisations = useQuery({
    queryKey: provinceKeys.organisations(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/organisations', { signal })),
  });

  const [params] = useSearchParams();
  const statusParam = params.get('status');
  const status: StatusFilter = isStatusFilter(statusParam) ? statusParam : 'all';
  const inStatus = (organisations.data ?? []).filter((row) => status === 'all' || row.status === status);
  const view = useListView({
    items: inStatus,
    searchText,
    sorters: SORTERS,
    defaultSort: { key: 'status', direction: 'asc' },
  });
  const counts = Object.fromEntries(
    ORGANISATION_STATUSES.map((value) => [
      value,
      (organisations.data ?? []).filter((row) => row.status === value).length,
    ]),
  ) as Record<OrganisationStatus, number>;

  return (
    <>
      <PageHead titleId="organisations-title" title={t('organisations.title')} intro={t('organisations.intro')} />
      {organisations.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : organisations.isError ? (
        <ErrorPanel
          title={t('organisations.error')}
          error={organisations.error}
          onRetry={() => void organisations.refetch()}
        />
      ) : organisations.data.length === 0 ? (
        <EmptyState testId="organisations-empty" title={t('organisations.empty')} hint={t('organisations.emptyHint')} />
      ) : (
        <>
          <div className="toolbar">
            <FilterTabs<StatusFilter>
              label={t('organisations.filterLabel')}
              value={status}
              onChange={(value) => view.setFilter('status', value === 'all' ? null : value)}
              options={[
                { value: 'all', label: t('common.all'), count: organisations.data.length },
                ...ORGANISATION_STATUSES.map((value) => ({
                  value,
                  label: t(`organisationStatus.${value}`),
                  count: counts[value],
                })),
              ]}
            />
            <SearchField
              label={t('organisations.search')}
              hint={t('organisations.searchHint')}
              value={view.query}
              onChange={view.setQuery}
            />
          </div>
          <p className="result-status" role="status">
            {view.query
              ? tn('organisations.matching', view.matching, { query: view.query })
              : tn('organisations.count', view.matching)}
          </p>
          {view.matching === 0 ? (
            <EmptyState title={t('organisations.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <>
              <TableRegion labelledBy="organisations-title">
                <table className="table" data-testid="organisations-table">
                  <thead>
                    <tr>
                      <SortHeader
                        label={t('organisations.name')}
                        column="name"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <th scope="col">{t('organisations.taxCode')}</th>
                      <SortHeader
                        label={t('organisations.commune')}
                        column="commune"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <SortHeader
                        label={t('organisations.status')}
                        column="status"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <SortHeader
                        label={t('organisations.createdAt')}
                        column="createdAt"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                    </tr>
                  </thead>
                  <tbody>
                    {view.visible.map((organisation) => (
                      <tr key={organisation.id}>
                        <th scope="row">
                          <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
                          <span className="cell-note">{t(`legalType.${organisation.legalType}`)}</span>
                        </th>
                        <td>
                          {organisation.taxCode ?? <span className="muted">{t('common.none')}</span>}
                          {organisation.taxCodeChecksumOk === false ? (
                            <span className="cell-note text-warning">{t('organisations.taxCodeCheck')}</span>
                          ) : null}
                        </td>
                        <td>{organisation.commune?.name ?? <span className="muted">{t('common.none')}</span>}</td>
                        <td>
                          <StatusBadge tone={ORGANISATION_TONES[organisation.status]}>
                            {t(`organisationStatus.${organisation.status}`)}
                          </StatusBadge>
                        </td>
                        <td>
                          <time dateTime={organisation.createdAt}>
                            {formatDateTime(language, organisation.createdAt)}
                          </time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <Pagination
                page={view.page}
                pageCount={view.pageCount}
                onPage={view.setPage}
                label={t('organisations.pages')}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
