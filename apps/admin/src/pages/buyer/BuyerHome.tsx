import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { session } from '../../auth/session';
import { useAccount } from '../../auth/useAuth';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FormError } from '../../components/FormError';
import { formatDateTime } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';

/** A buyer has nothing to manage: they can apply to sell, or join an organisation that invited them. */
export function BuyerHome() {
  const { t, language } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('buyer.metaTitle'));
  const invitations = useQuery({
    queryKey: ['buyer', account.id, 'invitations'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/invitations', { signal })),
  });
  const accept = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/invitations/{id}/accept', { params: { path: { id } } })),
    // Joining makes the account a seller member: the seller workspace opens.
    onSuccess: () => session.reloadAccount(),
  });

  return (
    <>
      <section className="panel notice-panel" aria-labelledby="buyer-title">
        <h1 id="buyer-title">{t('buyer.title')}</h1>
        <p>{t('buyer.body')}</p>
        <div className="button-row">
          <Link to="/apply" className="button">
            {t('buyer.apply')}
          </Link>
          <a href="/" className="button button-secondary">
            {t('buyer.storefront')}
          </a>
        </div>
      </section>
      {invitations.isError ? (
        <ErrorPanel
          title={t('buyer.invitationsError')}
          error={invitations.error}
          onRetry={() => void invitations.refetch()}
        />
      ) : invitations.data && invitations.data.length > 0 ? (
        <section className="card invitations-card" aria-labelledby="invitations-title">
          <h2 id="invitations-title">{t('buyer.invitations')}</h2>
          <FormError failure={accept.error} title={t('buyer.acceptFailed')} />
          <ul className="plain-list">
            {invitations.data.map((invitation) => (
              <li key={invitation.id} className="invitation-row">
                <div>
                  <p className="panel-title">{invitation.organisationName}</p>
                  <p className="muted small">
                    {t('buyer.invitationExpires', { time: formatDateTime(language, invitation.expiresAt) })}
                  </p>
                </div>
                <button
                  type="button"
                  className="button"
                  disabled={accept.isPending}
                  onClick={() => accept.mutate(invitation.id)}
                >
                  {t('buyer.accept')}
                  <span className="visually-hidden"> – {invitation.organisationName}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
