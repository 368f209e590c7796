import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ErrorPanel } from '../../components/ErrorPanel';
import { OrganisationFacts } from '../../components/OrganisationFacts';
import { OrganisationForm } from '../../components/OrganisationForm';
import { OrganisationStatusBanner } from '../../components/OrganisationStatusBanner';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys, useMyOrganisation } from '../../queries';
import { ORGANISATION_TONES } from '../../statuses';

export function MyOrganisationPage() {
  const { t } = useI18n();
  const location = useLocation();
  useDocumentTitle(t('myOrganisation.metaTitle'));
  const organisation = useMyOrganisation();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;

  return (
    <>
      <PageHead
        title={t('myOrganisation.title')}
        intro={t('myOrganisation.intro')}
        actions={
          organisation.data ? (
            <Link to="/my-organisation/edit" className="button">
              {t('myOrganisation.edit')}
            </Link>
          ) : null
        }
      />
      {organisation.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : organisation.isError ? (
        <ErrorPanel
          title={t('myOrganisation.error')}
          error={organisation.error}
          onRetry={() => void organisation.refetch()}
        />
      ) : (
        <>
          {saved ? (
            <p className="notice notice-success" role="status">
              {t('myOrganisation.saved')}
            </p>
          ) : null}
          <OrganisationStatusBanner organisation={organisation.data} />
          {organisation.data.status === 'approved' && !organisation.data.bankAccount ? (
            <p className="notice" data-testid="bank-missing">
              {t('myOrganisation.bankMissing')} <Link to="/my-organisation/edit">{t('myOrganisation.addBank')}</Link>
            </p>
          ) : null}
          <article className="card organisation-card" aria-labelledby="organisation-name">
            <div className="card-head">
              <h2 id="organisation-name" data-testid="organisation-name">
                {organisation.data.name}
              </h2>
              <StatusBadge tone={ORGANISATION_TONES[organisation.data.status]}>
                {t(`organisationStatus.${organisation.data.status}`)}
              </StatusBadge>
            </div>
            <OrganisationFacts organisation={organisation.data} />
          </article>
        </>
      )}
    </>
  );
}

export function EditMyOrganisationPage() {
  const { t } = useI18n();
  const account = useAccount();
  const navigate = useNavigate();
  const client = useQueryClient();
  useDocumentTitle(t('myOrganisation.editTitle'));
  const organisation = useMyOrganisation();
  const back = { to: '/my-organisation', label: t('myOrganisation.back') };

  return (
    <>
      <PageHead title={t('myOrganisation.editTitle')} intro={t('myOrganisation.editIntro')} back={back} />
      {organisation.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : organisation.isError ? (
        <ErrorPanel
          title={t('myOrganisation.error')}
          error={organisation.error}
          onRetry={() => void organisation.refetch()}
        />
      ) : (
        <section className="card form-card" aria-label={t('myOrganisation.editTitle')}>
          <OrganisationForm
            organisation={organisation.data}
            submitLabel={t('myOrganisation.save')}
            busyLabel={t('common.saving')}
            failureTitle={t('myOrganisation.saveFailed')}
            save={(body) => unwrap(api.PATCH('/api/organisations/mine', { body }))}
            onSaved={(updated) => {
              client.setQueryData(sellerKeys.organisation(account.id), updated);
              void navigate('/my-organisation', { state: { saved: true } });
            }}
            onCancel={() => void navigate('/my-organisation')}
          />
        </section>
      )}
    </>
  );
}
