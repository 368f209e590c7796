import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ReasonDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { TableRegion } from '../../components/TableRegion';
import { formatDateTime, formatDong } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';

type Payment = Schemas['AttentionPaymentDto'];
type Callback = Schemas['PaymentCallbackDto'];
type Refund = Schemas['PaymentRefundDto'];

const paymentKeys = {
  attention: (accountId: string) => ['admin', accountId, 'payments', 'attention'] as const,
  unmatched: (accountId: string) => ['admin', accountId, 'payments', 'unmatched'] as const,
  refunds: (accountId: string) => ['admin', accountId, 'payments', 'refunds'] as const,
};

/** A text field of a bank notification as stored; the payload is the bank feed's own shape. */
function payloadText(payload: unknown, key: string): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** The platform admin's follow-up of money: what arrived wrong, and transfers that match nothing. */
export function PaymentsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('payments.metaTitle'));
  return (
    <>
      <PageHead title={t('payments.title')} intro={t('payments.intro')} />
      <AttentionTable />
      <RefundsTable />
      <UnmatchedTable />
    </>
  );
}

function AttentionTable() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  const attention = useQuery({
    queryKey: paymentKeys.attention(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/payments/attention', { signal })),
  });
  const flags = (payment: Payment) =>
    payment.flags.length > 0 ? payment.flags.map((flag) => t(`paymentFlag.${flag}`)).join(', ') : t('payments.noFlag');

  return (
    <section className="card" aria-labelledby="attention-title">
      <h2 id="attention-title">{t('payments.attention.title')}</h2>
      <p className="muted">{t('payments.attention.intro')}</p>
      {attention.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : attention.isError ? (
        <ErrorPanel
          title={t('payments.attention.error')}
          error={attention.error}
          onRetry={() => void attention.refetch()}
        />
      ) : attention.data.length === 0 ? (
        <EmptyState title={t('payments.attention.empty')} testId="attention-empty" />
      ) : (
        <>
          <p className="result-status">{tn('payments.attention.count', attention.data.length)}</p>
          <TableRegion labelledBy="attention-title">
            <table className="table" data-testid="attention-table">
              <thead>
                <tr>
                  <th scope="col">{t('payments.order')}</th>
                  <th scope="col">{t('payments.reference')}</th>
                  <th scope="col">{t('payments.method')}</th>
                  <th scope="col">{t('payments.status')}</th>
                  <th scope="col" className="number">
                    {t('payments.expected')}
                  </th>
                  <th scope="col" className="number">
                    {t('payments.received')}
                  </th>
                  <th scope="col">{t('payments.flags')}</th>
                  <th scope="col" className="number">
                    {t('payments.toRefund')}
                  </th>
                  <th scope="col">{t('payments.date')}</th>
                </tr>
              </thead>
              <tbody>
                {attention.data.map((payment) => (
                  <tr key={payment.id}>
                    <th scope="row">{payment.orderCode ?? t('payments.noOrder')}</th>
                    <td>{payment.reference}</td>
                    <td>{t(`paymentMethod.${payment.method}`)}</td>
                    <td>{t(`paymentStatus.${payment.status}`)}</td>
                    <td className="number">{formatDong(payment.amount)}</td>
                    <td className="number">{formatDong(payment.amountReceived)}</td>
                    <td>{flags(payment)}</td>
                    <td className="number">{formatDong(payment.amountToRefund)}</td>
                    <td>
                      <time dateTime={payment.paidAt ?? payment.createdAt}>
                        {formatDateTime(language, payment.paidAt ?? payment.createdAt)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </section>
  );
}

function UnmatchedTable() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  const unmatched = useQuery({
    queryKey: paymentKeys.unmatched(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/payments/bank-transfers/unmatched', { signal })),
  });
  const none = <span className="muted">{t('common.none')}</span>;
  const cell = (callback: Callback, key: string) => payloadText(callback.payload, key) ?? none;

  return (
    <section className="card" aria-labelledby="unmatched-title">
      <h2 id="unmatched-title">{t('payments.unmatched.title')}</h2>
      <p className="muted">{t('payments.unmatched.intro')}</p>
      {unmatched.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : unmatched.isError ? (
        <ErrorPanel
          title={t('payments.unmatched.error')}
          error={unmatched.error}
          onRetry={() => void unmatched.refetch()}
        />
      ) : unmatched.data.length === 0 ? (
        <EmptyState title={t('payments.unmatched.empty')} testId="unmatched-empty" />
      ) : (
        <>
          <p className="result-status">{tn('payments.unmatched.count', unmatched.data.length)}</p>
          <TableRegion labelledBy="unmatched-title">
            <table className="table" data-testid="unmatched-table">
              <thead>
                <tr>
                  <th scope="col">{t('payments.receivedAt')}</th>
                  <th scope="col" className="number">
                    {t('payments.amount')}
                  </th>
                  <th scope="col">{t('payments.transferContent')}</th>
                  <th scope="col">{t('payments.bankReference')}</th>
                </tr>
              </thead>
              <tbody>
                {unmatched.data.map((callback) => (
                  <tr key={callback.id}>
                    <th scope="row">
                      <time dateTime={callback.receivedAt}>{formatDateTime(language, callback.receivedAt)}</time>
                    </th>
                    <td className="number">{callback.amount === null ? none : formatDong(callback.amount)}</td>
                    <td>{cell(callback, 'content')}</td>
                    <td>{cell(callback, 'referenceCode')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </section>
  );
}

const MIN_REFERENCE_LENGTH = 3;

/** Refunds nobody but a person can send: recorded as sent with the bank transfer's reference. */
function RefundsTable() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  const queryClient = useQueryClient();
  const refunds = useQuery({
    queryKey: paymentKeys.refunds(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/payments/refunds/awaiting-hand', { signal })),
  });
  const [chosen, setChosen] = useState<Refund | null>(null);
  const [reference, setReference] = useState('');
  const [referenceError, setReferenceError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const markSent = useMutation({
    mutationFn: (refund: Refund) =>
      unwrap(
        api.POST('/api/payments/refunds/{id}/sent', {
          params: { path: { id: refund.id } },
          body: { reference: reference.trim() },
        }),
      ),
    onSuccess: async (refund) => {
      setDone(
        t('payments.refunds.done', { amount: formatDong(refund.amount), reference: refund.providerReference ?? '' }),
      );
      setChosen(null);
      // What is owed changed too, so the attention list is read again with this list.
      await queryClient.invalidateQueries({ queryKey: ['admin', account.id, 'payments'] });
    },
  });
  const open = (refund: Refund) => {
    setChosen(refund);
    setReference('');
    setReferenceError(undefined);
    markSent.reset();
  };
  const confirm = () => {
    if (!chosen) return;
    if (reference.trim().length < MIN_REFERENCE_LENGTH) {
      setReferenceError(t('payments.refunds.referenceRequired'));
      return;
    }
    markSent.mutate(chosen);
  };

  return (
    <section className="card" aria-labelledby="refunds-title">
      <h2 id="refunds-title">{t('payments.refunds.title')}</h2>
      <p className="muted">{t('payments.refunds.intro')}</p>
      {done ? (
        <p className="notice notice-success inline-notice" role="status" data-testid="refund-done">
          {done}
        </p>
      ) : null}
      {refunds.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : refunds.isError ? (
        <ErrorPanel title={t('payments.refunds.error')} error={refunds.error} onRetry={() => void refunds.refetch()} />
      ) : refunds.data.length === 0 ? (
        <EmptyState title={t('payments.refunds.empty')} testId="refunds-empty" />
      ) : (
        <>
          <p className="result-status">{tn('payments.refunds.count', refunds.data.length)}</p>
          <TableRegion labelledBy="refunds-title">
            <table className="table" data-testid="refunds-table">
              <thead>
                <tr>
                  <th scope="col">{t('payments.refunds.requestedAt')}</th>
                  <th scope="col" className="number">
                    {t('payments.amount')}
                  </th>
                  <th scope="col">{t('payments.refunds.status')}</th>
                  <th scope="col">{t('payments.refunds.lastError')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('payments.refunds.markSent')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {refunds.data.map((refund) => (
                  <tr key={refund.id}>
                    <th scope="row">
                      <time dateTime={refund.requestedAt}>{formatDateTime(language, refund.requestedAt)}</time>
                    </th>
                    <td className="number">{formatDong(refund.amount)}</td>
                    <td>
                      {t(
                        refund.status === 'failed'
                          ? 'payments.refunds.status.failed'
                          : 'payments.refunds.status.manual',
                      )}
                    </td>
                    <td>{refund.lastError ?? <span className="muted">{t('common.none')}</span>}</td>
                    <td>
                      <button type="button" className="button button-secondary" onClick={() => open(refund)}>
                        {t('payments.refunds.markSent')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
      <ReasonDialog
        open={chosen !== null}
        testId="refund-dialog"
        tone="primary"
        required
        title={t('payments.refunds.dialogTitle', { amount: formatDong(chosen?.amount ?? 0) })}
        intro={<p>{t('payments.refunds.dialogBody')}</p>}
        label={t('payments.refunds.referenceLabel')}
        hint={t('payments.refunds.referenceHint')}
        reason={reference}
        onReasonChange={(value) => {
          setReference(value);
          setReferenceError(undefined);
        }}
        reasonError={referenceError}
        confirmLabel={t('payments.refunds.confirm')}
        busyLabel={t('payments.refunds.confirming')}
        busy={markSent.isPending}
        failure={markSent.error}
        failureTitle={t('payments.refunds.failed')}
        onConfirm={confirm}
        onCancel={() => setChosen(null)}
      />
    </section>
  );
}
