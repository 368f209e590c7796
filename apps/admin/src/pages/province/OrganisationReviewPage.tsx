import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ReasonDialog } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { OrganisationFacts } from '../../components/OrganisationFacts';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { fieldErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import type { PlainMessageKey } from '../../i18n/translator';
import { provinceKeys } from '../../queries';
import { ORGANISATION_TONES } from '../../statuses';

type Organisation = Schemas['OrganisationDto'];
type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

/** Decisions that must say why: the reason is shown to the applicant and kept in the history. */
const NEEDS_REASON: Record<Decision, boolean> = { approve: false, reject: true, suspend: true, reinstate: false };
const MIN_REASON_LENGTH = 5;

/** What an officer may decide from each status; the API enforces the same transitions. */
const DECISIONS_BY_STATUS: Record<Organisation['status'], Decision[]> = {
  pending: ['approve', 'reject'],
  approved: ['suspend'],
  suspended: ['reinstate'],
  rejected: [],
};

export function OrganisationReviewPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const organisation = useQuery({
    queryKey: provinceKeys.organisation(account.id, id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/organisations/{id}', { params: { path: { id } }, signal })),
  });
  const history = useQuery({
    queryKey: [...provinceKeys.organisation(account.id, id), 'history'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/organisations/{id}/status-history', { params: { path: { id } }, signal })),
  });
  useDocumentTitle(organisation.data ? organisation.data.name : t('review.metaTitle'));

  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<PlainMessageKey | undefined>();
  const [done, setDone] = useState<Decision | null>(null);

  const decide = useMutation({
    mutationFn: ({ action, text }: { action: Decision; text: string }) => {
      const body = text.trim() ? { reason: text.trim() } : {};
      const params = { path: { id } };
      switch (action) {
        case 'approve':
          return unwrap(api.POST('/api/organisations/{id}/approve', { params, body }));
        case 'reject':
          return unwrap(api.POST('/api/organisations/{id}/reject', { params, body: { reason: text.trim() } }));
        case 'suspend':
          return unwrap(api.POST('/api/organisations/{id}/suspend', { params, body: { reason: text.trim() } }));
        case 'reinstate':
          return unwrap(api.POST('/api/organisations/{id}/reinstate', { params, body }));
      }
    },
    onSuccess: (updated, { action }) => {
      client.setQueryData(provinceKeys.organisation(account.id, id), updated);
      // The decision is a new line in the history, and moves the organisation in the list.
      void client.invalidateQueries({ queryKey: [...provinceKeys.organisation(account.id, id), 'history'] });
      void client.invalidateQueries({ queryKey: provinceKeys.organisations(account.id), exact: true });
      setDone(action);
      close();
    },
    onError: (error) => setReasonError(fieldErrors(error, 'review').reason),
  });

  const open = (action: Decision) => {
    decide.reset();
    setReason('');
    setReasonError(undefined);
    setDone(null);
    setDecision(action);
  };
  const close = () => setDecision(null);
  const confirm = () => {
    if (!decision) return;
    if (NEEDS_REASON[decision] && reason.trim().length < MIN_REASON_LENGTH) {
      setReasonError('review.reasonRequired');
      return;
    }
    decide.mutate({ action: decision, text: reason });
  };

  if (organisation.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (organisation.isError) {
    return (
      <>
        <PageHead title={t('review.metaTitle')} back={{ to: '/organisations', label: t('review.back') }} />
        <ErrorPanel title={t('review.error')} error={organisation.error} onRetry={() => void organisation.refetch()} />
      </>
    );
  }

  const current = organisation.data;
  // The dialog stays mounted (so the native <dialog> hands focus back on close) and keeps its last wording.
  const shown = decision ?? 'approve';
  const decisions = account.role === 'province_officer' ? DECISIONS_BY_STATUS[current.status] : [];
  return (
    <>
      <PageHead
        titleId="review-title"
        title={current.name}
        back={{ to: '/organisations', label: t('review.back') }}
        actions={
          decisions.length > 0 ? (
            <>
              {decisions.map((action) => (
                <button
                  key={action}
                  type="button"
                  className={action === 'approve' || action === 'reinstate' ? 'button' : 'button button-danger-outline'}
                  onClick={() => open(action)}
                >
                  {t(`review.action.${action}`)}
                </button>
              ))}
            </>
          ) : null
        }
      />
      <p className="status-line">
        <StatusBadge tone={ORGANISATION_TONES[current.status]} testId="organisation-status">
          {t(`organisationStatus.${current.status}`)}
        </StatusBadge>
        {current.approvedAt ? (
          <span className="muted small">
            {t('review.approvedAt', { time: formatDateTime(language, current.approvedAt) })}
          </span>
        ) : null}
      </p>
      {done ? (
        <p className="notice notice-success" role="status" data-testid="review-done">
          {t(`review.done.${done}`)}
        </p>
      ) : null}
      {current.statusReason ? (
        <div className="notice" data-testid="status-reason">
          <p className="panel-title">{t('review.reason')}</p>
          <p>{current.statusReason}</p>
        </div>
      ) : null}
      {current.status === 'pending' && current.taxCodeChecksumOk === false ? (
        <p className="notice">{t('review.taxCodeWarning')}</p>
      ) : null}

      <div className="two-columns">
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{t('review.profile')}</h2>
          <OrganisationFacts organisation={current} />
        </section>
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t('review.history')}</h2>
          {history.isPending ? (
            <PageStatus>{t('common.loading')}</PageStatus>
          ) : history.isError ? (
            <ErrorPanel title={t('review.historyError')} error={history.error} onRetry={() => void history.refetch()} />
          ) : history.data.length === 0 ? (
            <p className="muted">{t('review.historyEmpty')}</p>
          ) : (
            <ol className="timeline" data-testid="status-history">
              {[...history.data].reverse().map((change) => (
                <li key={`${change.at}-${change.toStatus}`}>
                  <p className="timeline-title">
                    {change.fromStatus
                      ? t('review.changed', {
                          from: t(`organisationStatus.${change.fromStatus}`),
                          to: t(`organisationStatus.${change.toStatus}`),
                        })
                      : t('review.submitted')}
                  </p>
                  {change.reason ? <p className="timeline-reason">“{change.reason}”</p> : null}
                  <p className="muted small">
                    <time dateTime={change.at}>{formatDateTime(language, change.at)}</time>
                    {change.actorName ? ` · ${change.actorName}` : null}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <ReasonDialog
        open={decision !== null}
        testId="decision-dialog"
        tone={shown === 'approve' || shown === 'reinstate' ? 'primary' : 'danger'}
        required={NEEDS_REASON[shown]}
        title={t(`review.dialog.${shown}.title`, { name: current.name })}
        intro={<p>{t(`review.dialog.${shown}.body`)}</p>}
        label={NEEDS_REASON[shown] ? t('review.reasonLabel') : t('review.noteLabel')}
        hint={NEEDS_REASON[shown] ? t('review.reasonHint') : undefined}
        reason={reason}
        onReasonChange={(value) => {
          setReason(value);
          setReasonError(undefined);
        }}
        reasonError={reasonError ? t(reasonError) : undefined}
        confirmLabel={t(`review.action.${shown}`)}
        busy={decide.isPending}
        failure={decide.error}
        onConfirm={confirm}
        onCancel={close}
      />
    </>
  );
}
