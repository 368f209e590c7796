import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/request';
import { useAccount } from '../auth/useAuth';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { TableRegion } from '../components/TableRegion';
import { formatDateTime, formatPhone } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';

export function AccountsPage() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('accounts.metaTitle'));
  const accounts = useQuery({
    queryKey: ['accounts', account.id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/accounts', { signal })),
  });
  const none = <span className="muted">{t('common.none')}</span>;

  return (
    <>
      <div className="page-head">
        <h1 id="accounts-title">{t('accounts.title')}</h1>
        <p className="muted">{t('accounts.intro')}</p>
      </div>
      {accounts.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : accounts.isError ? (
        <ErrorPanel title={t('accounts.error')} error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.length === 0 ? (
        <div className="panel panel-empty">
          <p className="panel-title">{t('accounts.empty')}</p>
        </div>
      ) : (
        <>
          <p className="result-status">{tn('accounts.count', accounts.data.length)}</p>
          <TableRegion labelledBy="accounts-title">
            <table className="table" data-testid="accounts-table">
              <thead>
                <tr>
                  <th scope="col">{t('accounts.fullName')}</th>
                  <th scope="col">{t('accounts.email')}</th>
                  <th scope="col">{t('accounts.phone')}</th>
                  <th scope="col">{t('accounts.role')}</th>
                  <th scope="col">{t('accounts.createdAt')}</th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.fullName}</th>
                    <td>{row.email ?? none}</td>
                    <td>{row.phone ? formatPhone(row.phone) : none}</td>
                    <td>
                      <span className={`role-badge role-${row.role}`}>{t(`role.${row.role}`)}</span>
                    </td>
                    <td>
                      <time dateTime={row.createdAt}>{formatDateTime(language, row.createdAt)}</time>
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
