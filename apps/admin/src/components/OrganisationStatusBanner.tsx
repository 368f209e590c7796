import type { Schemas } from '@ocop/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/request';
import { useAccount } from '../auth/useAuth';
import { useI18n } from '../i18n/I18nProvider';
import { sellerKeys } from '../queries';
import { FormError } from './FormError';

type Organisation = Schemas['OrganisationDto'];

/**
 * Tells a seller whose organisation is not approved what that means and what to do: wait, correct
 * and resubmit a rejected application, or contact the province about a suspension. The officer's
 * reason is shown as written.
 */
export function OrganisationStatusBanner({ organisation }: { organisation: Organisation }) {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const resubmit = useMutation({
    mutationFn: () => unwrap(api.POST('/api/organisations/mine/resubmit')),
    onSuccess: (updated) => client.setQueryData(sellerKeys.organisation(account.id), updated),
  });

  switch (organisation.status) {
    case 'approved':
      return null;
    case 'pending':
      return (
        <div className="notice" data-testid="organisation-banner" role="status">
          <p className="panel-title">{t('sellerStatus.pending.title')}</p>
          <p>{t('sellerStatus.pending.body')}</p>
        </div>
      );
    case 'rejected':
      return (
        <div className="notice notice-danger" data-testid="organisation-banner">
          <p className="panel-title">{t('sellerStatus.rejected.title')}</p>
          {organisation.statusReason ? (
            <p>
              <span className="muted">{t('sellerStatus.reason')}: </span>
              <q data-testid="organisation-reason">{organisation.statusReason}</q>
            </p>
          ) : null}
          <p>{t('sellerStatus.rejected.body')}</p>
          <FormError failure={resubmit.error} title={t('sellerStatus.resubmitFailed')} />
          <div className="button-row">
            <Link to="/my-organisation/edit" className="button button-secondary">
              {t('sellerStatus.edit')}
            </Link>
            <button type="button" className="button" disabled={resubmit.isPending} onClick={() => resubmit.mutate()}>
              {resubmit.isPending ? t('sellerStatus.resubmitting') : t('sellerStatus.resubmit')}
            </button>
          </div>
        </div>
      );
    case 'suspended':
      return (
        <div className="notice notice-danger" data-testid="organisation-banner">
          <p className="panel-title">{t('sellerStatus.suspended.title')}</p>
          {organisation.statusReason ? (
            <p>
              <span className="muted">{t('sellerStatus.reason')}: </span>
              <q data-testid="organisation-reason">{organisation.statusReason}</q>
            </p>
          ) : null}
          <p>{t('sellerStatus.suspended.body')}</p>
        </div>
      );
  }
}
