import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/request';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { PaymentStatus } from '../components/PaymentStatus';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { guestOrderToken } from '../orders/orderAccess';
import { paymentById } from '../orders/paymentAccess';

/**
 * Where VNPay sends the buyer back. Its query only says what VNPay told the browser, which anyone
 * could forge: the API checks the signature, and the verdict shown is our payment's own status,
 * which changes only when VNPay's server-to-server IPN arrives, so the page keeps polling until then.
 */
export default function VnpayReturnPage() {
  const { t } = useI18n();
  useDocumentTitle(t('vnpay.metaTitle'));
  const [params] = useSearchParams();
  const query = Object.fromEntries([...params].filter(([key]) => key.startsWith('vnp_')));
  const hasQuery = Object.keys(query).length > 0;

  const verdict = useQuery({
    queryKey: ['vnpay-return', params.toString()],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/payments/vnpay/return', {
          // The route takes VNPay's whole signed query, so the document declares no parameters.
          params: { query: query as never },
          signal,
        }),
      ),
    enabled: hasQuery,
    staleTime: Infinity,
  });

  if (!hasQuery) {
    return (
      <div className="panel panel-empty">
        <h1>{t('vnpay.title')}</h1>
        <p>{t('vnpay.noQuery')}</p>
        <Link to="/tai-khoan/don-hang">{t('order.allOrders')}</Link>
      </div>
    );
  }
  if (verdict.isPending) return <PageStatus>{t('vnpay.checking')}</PageStatus>;
  if (verdict.isError) {
    return <ErrorPanel title={t('vnpay.invalid')} error={verdict.error} onRetry={() => void verdict.refetch()} />;
  }

  const { paid, message, reference, paymentId } = verdict.data;
  const access = paymentId ? paymentById(paymentId) : undefined;
  const token = access ? guestOrderToken(access.orderCode) : undefined;
  const orderLink = access
    ? `/don-hang/${encodeURIComponent(access.orderCode)}${token ? `?token=${encodeURIComponent(token)}` : ''}`
    : null;

  return (
    <div className="vnpay-return">
      <h1>{t('vnpay.title')}</h1>
      <p className={paid ? 'notice' : 'form-error'} data-testid="vnpay-message">
        {paid ? t('vnpay.paidAtBank') : t('vnpay.notPaid')} {t('vnpay.says')} <q lang="vi">{message}</q>
      </p>
      {access ? (
        <PaymentStatus access={access} retry={orderLink ? <p>{t('vnpay.retryHint')}</p> : null} />
      ) : (
        <p className="muted">{t('vnpay.otherDevice', { reference })}</p>
      )}
      {orderLink ? (
        <p>
          <Link to={orderLink} className="button" data-testid="vnpay-order-link">
            {t('vnpay.toOrder')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
