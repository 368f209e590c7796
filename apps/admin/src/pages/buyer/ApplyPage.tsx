import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { session } from '../../auth/session';
import { useAccount } from '../../auth/useAuth';
import { OrganisationForm } from '../../components/OrganisationForm';
import { PageHead } from '../../components/PageHead';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import type { Schemas } from '@ocop/api-client';

type Application = Schemas['OrganisationApplicationDto'];

/** A signed-in buyer applies to sell: the organisation is created pending and the buyer becomes its owner. */
export function ApplyPage() {
  const { t } = useI18n();
  const account = useAccount();
  const navigate = useNavigate();
  const client = useQueryClient();
  useDocumentTitle(t('apply.metaTitle'));

  return (
    <>
      <PageHead title={t('apply.title')} intro={t('apply.intro')} back={{ to: '/', label: t('apply.back') }} />
      <ol className="steps" aria-label={t('apply.stepsLabel')}>
        <li aria-current="step">{t('apply.step1')}</li>
        <li>{t('apply.step2')}</li>
        <li>{t('apply.step3')}</li>
      </ol>
      <section className="card form-card" aria-label={t('apply.title')}>
        <OrganisationForm
          organisation={null}
          contactName={account.fullName}
          submitLabel={t('apply.submit')}
          busyLabel={t('apply.submitting')}
          failureTitle={t('apply.failed')}
          save={(body) => unwrap(api.POST('/api/organisations/applications', { body: body as Application }))}
          onSaved={async (organisation) => {
            client.setQueryData(['seller', account.id, 'organisation'], organisation);
            // The account is a seller member now; reading it again opens the seller workspace. If
            // that fails the application still stands, and the next visit restores the new role.
            await session.reloadAccount().catch(() => undefined);
            void navigate('/', { replace: true, state: { applied: true } });
          }}
        />
      </section>
    </>
  );
}
