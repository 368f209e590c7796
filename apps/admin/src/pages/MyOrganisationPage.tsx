import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/request';
import { useAccount } from '../auth/useAuth';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { formatDateTime } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';

export function MyOrganisationPage() {
  const { t, language } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('myOrganisation.metaTitle'));
  const organisation = useQuery({
    queryKey: ['organisations', 'mine', account.id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/organisations/mine', { signal })),
  });

  return (
    <>
      <div className="page-head">
        <h1>{t('myOrganisation.title')}</h1>
        <p className="muted">{t('myOrganisation.intro')}</p>
      </div>
      {organisation.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : organisation.isError ? (
        <ErrorPanel
          title={t('myOrganisation.error')}
          error={organisation.error}
          onRetry={() => void organisation.refetch()}
        />
      ) : (
        <article className="card organisation-card" aria-labelledby="organisation-name">
          <h2 id="organisation-name" data-testid="organisation-name">
            {organisation.data.name}
          </h2>
          <dl className="facts">
            <div>
              <dt>{t('myOrganisation.joined')}</dt>
              <dd>
                <time dateTime={organisation.data.createdAt}>
                  {formatDateTime(language, organisation.data.createdAt)}
                </time>
              </dd>
            </div>
            <div>
              <dt>{t('myOrganisation.member')}</dt>
              <dd>
                {account.fullName} · {t(`role.${account.role}`)}
              </dd>
            </div>
          </dl>
          <p className="notice">{t('myOrganisation.next')}</p>
        </article>
      )}
    </>
  );
}
