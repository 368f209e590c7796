import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/request';
import { useAccount } from '../auth/useAuth';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { TableRegion } from '../components/TableRegion';
import { formatDateTime } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';

export function OrganisationsPage() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('organisations.metaTitle'));
  const organisations = useQuery({
    queryKey: ['organisations', 'all', account.id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/organisations', { signal })),
  });

  return (
    <>
      <div className="page-head">
        <h1 id="organisations-title">{t('organisations.title')}</h1>
        <p className="muted">{t('organisations.intro')}</p>
      </div>
      {organisations.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : organisations.isError ? (
        <ErrorPanel
          title={t('organisations.error')}
          error={organisations.error}
          onRetry={() => void organisations.refetch()}
        />
      ) : organisations.data.length === 0 ? (
        <div className="panel panel-empty" data-testid="organisations-empty">
          <p className="panel-title">{t('organisations.empty')}</p>
          <p className="muted">{t('organisations.emptyHint')}</p>
        </div>
      ) : (
        <>
          <p className="result-status">{tn('organisations.count', organisations.data.length)}</p>
          <TableRegion labelledBy="organisations-title">
            <table className="table" data-testid="organisations-table">
              <thead>
                <tr>
                  <th scope="col">{t('organisations.name')}</th>
                  <th scope="col">{t('organisations.createdAt')}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.data.map((organisation) => (
                  <tr key={organisation.id}>
                    <th scope="row">{organisation.name}</th>
                    <td>
                      <time dateTime={organisation.createdAt}>{formatDateTime(language, organisation.createdAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </>
  );
}
