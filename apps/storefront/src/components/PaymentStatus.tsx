import { formatDong } from '@ocop/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { fetchPayment, type Payment, vietQrImageUrl } from '../api/payments';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import type { PlainMessageKey } from '../i18n/translator';
import type { PaymentAccess } from '../orders/paymentAccess';
import { ErrorPanel } from './ErrorPanel';

// Often enough that the page turns green within seconds of the bank's notification.
const POLL_MS = 3_000;

/** VNPay's answer codes a buyer meets most, explained in their language; others show VNPay's text. */
const VNPAY_FAILURES: Record<string, PlainMessageKey> = {
  '09': 'payment.failure.notRegistered',
  '10': 'payment.failure.authentication',
  '11': 'payment.failure.timeout',
  '12': 'payment.failure.locked',
  '13': 'payment.failure.otp',
  '24': 'payment.failure.cancelled',
  '51': 'payment.failure.balance',
  '65': 'payment.failure.limit',
  '75': 'payment.failure.maintenance',
  '79': 'payment.failure.password',
};

/** Reads a payment and keeps reading it while it waits for money, so the page follows by itself. */
export function usePayment(access: Pick<PaymentAccess, 'paymentId' | 'accessToken'> | undefined) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['payment', access?.paymentId],
    queryFn: ({ signal }) => fetchPayment(access!.paymentId, access!.accessToken, signal),
    enabled: access !== undefined,
    refetchInterval: (current) => (current.state.data?.status === 'pending' ? POLL_MS : false),
    // A phone that was locked while the transfer went through shows the result on waking.
    refetchOnWindowFocus: true,
  });
  const status = query.data?.status;
  useEffect(() => {
    // The order's seller orders move to "paid" with the payment: read them again.
    if (status && status !== 'pending') void client.invalidateQueries({ queryKey: ['orders'] });
  }, [status, client]);
  return query;
}

export function failureReason(t: ReturnType<typeof useI18n>['t'], payment: Payment): string {
  if (payment.status === 'expired') return t('payment.failure.expired');
  if (payment.status === 'cancelled') return t('payment.failure.closed');
  const known = payment.method === 'vnpay' && payment.failureCode ? VNPAY_FAILURES[payment.failureCode] : undefined;
  if (known) return t(known);
  if (payment.failureMessage) return t('payment.failure.provider', { message: payment.failureMessage });
  return t('payment.failure.unknown');
}

/** The state of one payment: waiting (with how to pay), paid, or failed with what to do next. */
export function PaymentStatus({
  access,
  retry,
  pendingForm,
  alternatives,
  deadline,
}: {
  access: Pick<PaymentAccess, 'paymentId' | 'accessToken'>;
  /** How the buyer can pay again after a failure, rendered under the explanation. */
  retry?: ReactNode;
  /** What the buyer fills in to pay while the payment waits (the card form). */
  pendingForm?: ReactNode;
  /** Another way to pay while this payment waits, offered folded away. */
  alternatives?: ReactNode;
  /** When the order is cancelled if still unpaid; the earlier of this and the payment's expiry is shown. */
  deadline?: string | null;
}) {
  const { t, language } = useI18n();
  const payment = usePayment(access);

  if (payment.isPending) {
    return (
      <p className="page-status" role="status">
        <span className="spinner" aria-hidden="true" /> {t('payment.loading')}
      </p>
    );
  }
  if (payment.isError) {
    return <ErrorPanel title={t('payment.error')} error={payment.error} onRetry={() => void payment.refetch()} />;
  }

  const data = payment.data;
  return (
    <div className="payment-status" data-testid="payment-status" data-status={data.status}>
      {data.status === 'succeeded' ? (
        <div className="notice notice-success" role="status">
          <p className="panel-title">{t('payment.succeeded')}</p>
          <p>
            {t('payment.succeededDetail', {
              amount: formatDong(data.amountReceived || data.amount),
              time: data.paidAt ? formatDateTime(language, data.paidAt) : '',
            })}
          </p>
        </div>
      ) : data.status === 'pending' ? (
        <>
          {pendingForm}
          <Pending payment={data} access={access} deadline={deadline ?? null} />
          {alternatives ? (
            <details className="alternatives">
              <summary>{t('payment.otherMethod')}</summary>
              {alternatives}
            </details>
          ) : null}
        </>
      ) : (
        <div className="form-error" role="alert">
          <p className="panel-title">{t('payment.failed')}</p>
          <p data-testid="payment-failure">{failureReason(t, data)}</p>
          {data.amountToRefund > 0 ? (
            <p>{t('payment.refundDue', { amount: formatDong(data.amountToRefund) })}</p>
          ) : null}
        </div>
      )}
      {data.status !== 'succeeded' && data.status !== 'pending' && retry ? (
        <div className="retry-block">{retry}</div>
      ) : null}
      {/* A pending VietQR payment already shows its reference as the transfer note. */}
      {data.status === 'pending' && data.instructions?.vietqr ? null : (
        <p className="muted small">{t('payment.reference', { reference: data.reference })}</p>
      )}
    </div>
  );
}

function Pending({
  payment,
  access,
  deadline,
}: {
  payment: Payment;
  access: Pick<PaymentAccess, 'paymentId' | 'accessToken'>;
  deadline: string | null;
}) {
  const { t, language } = useI18n();
  const ends = [payment.expiresAt, deadline].filter((time): time is string => time !== null);
  const payBy = ends.length > 0 ? ends.reduce((a, b) => (new Date(a) < new Date(b) ? a : b)) : null;
  const vietqr = payment.instructions?.vietqr;
  return (
    <div className="payment-pending">
      {vietqr ? (
        <VietQrInstructions payment={payment} access={access} />
      ) : payment.instructions?.redirectUrl ? (
        <>
          <p>{t('payment.vnpayPending')}</p>
          <a className="button" href={payment.instructions.redirectUrl}>
            {t('payment.vnpayContinue')}
          </a>
        </>
      ) : (
        <p>{t('payment.pending')}</p>
      )}
      <p className="live-status" role="status" aria-live="polite">
        <span className="pulse" aria-hidden="true" /> {t('payment.waiting')}
      </p>
      {payment.flags.includes('underpaid') ? (
        <p className="notice">
          {t('payment.underpaid', {
            received: formatDong(payment.amountReceived),
            due: formatDong(payment.amountDue),
          })}
        </p>
      ) : null}
      {payBy ? (
        <p className="muted small">{t('payment.expiresAt', { time: formatDateTime(language, payBy) })}</p>
      ) : null}
    </div>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? t('payment.copied') : t('payment.copy')}
      <span className="visually-hidden"> {label}</span>
    </button>
  );
}

function VietQrInstructions({
  payment,
  access,
}: {
  payment: Payment;
  access: Pick<PaymentAccess, 'paymentId' | 'accessToken'>;
}) {
  const { t } = useI18n();
  const vietqr = payment.instructions!.vietqr!;
  // After an under-payment the rest is what still has to be sent.
  const amount = payment.amountDue || vietqr.amount;
  return (
    <div className="vietqr" data-testid="vietqr">
      <p>{t('payment.vietqrIntro')}</p>
      <img
        className="vietqr-code"
        src={vietQrImageUrl(access.paymentId, access.accessToken)}
        alt={t('payment.vietqrAlt', { amount: formatDong(amount), reference: vietqr.reference })}
        width={240}
        height={240}
      />
      <dl className="facts vietqr-facts">
        <div>
          <dt>{t('payment.amount')}</dt>
          <dd data-testid="vietqr-amount">
            <strong>{formatDong(amount)}</strong> <CopyButton text={String(amount)} label={t('payment.amount')} />
          </dd>
        </div>
        <div>
          <dt>{t('payment.transferNote')}</dt>
          <dd data-testid="vietqr-reference">
            <strong>{vietqr.reference}</strong> <CopyButton text={vietqr.reference} label={t('payment.transferNote')} />
          </dd>
        </div>
        <div>
          <dt>{t('payment.bank')}</dt>
          <dd>{vietqr.bankName ?? vietqr.bankBin}</dd>
        </div>
        <div>
          <dt>{t('payment.account')}</dt>
          <dd>
            {vietqr.accountNumber} <CopyButton text={vietqr.accountNumber} label={t('payment.account')} />
          </dd>
        </div>
        <div>
          <dt>{t('payment.accountName')}</dt>
          <dd>{vietqr.accountName}</dd>
        </div>
      </dl>
      <p className="hint">{t('payment.vietqrHint')}</p>
    </div>
  );
}
