import type { Schemas } from '@ocop/api-client';
import { formatDong } from '@ocop/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/request';
import { session } from '../auth/session';
import { useAuth } from '../auth/useAuth';
import { AccountNav } from '../components/AccountNav';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { formatDateTime } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { orderStatusLabel } from '../orderStatus';
import { guestOrders } from '../orders/orderAccess';
import { useStoredValue } from '../storage';

export default function AccountOrdersPage() {
  const { t } = useI18n();
  useDocumentTitle(t('account.ordersTitle'));
  const auth = useAuth();

  return (
    <div className="account-page">
      <h1>{t('account.ordersTitle')}</h1>
      <AccountNav />
      {auth.status === 'restoring' ? (
        <PageStatus>{t('account.restoring')}</PageStatus>
      ) : auth.status === 'signedIn' ? (
        <>
          <p className="account-line">
            {t('account.signedInAs', { name: auth.account.fullName })}{' '}
            <button type="button" className="link-button" onClick={() => void session.signOut()}>
              {t('account.signOut')}
            </button>
          </p>
          <MyOrders accountId={auth.account.id} />
        </>
      ) : (
        <>
          {auth.status === 'unreachable' ? (
            <ErrorPanel title={t('account.unreachable')} error={auth.error} onRetry={() => void session.restore()} />
          ) : (
            <p className="notice">
              {t('account.guestIntro')}{' '}
              <Link to="/dang-nhap" state={{ from: '/tai-khoan/don-hang' }}>
                {t('nav.signIn')}
              </Link>
            </p>
          )}
          <DeviceOrders />
        </>
      )}
    </div>
  );
}

function MyOrders({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const orders = useQuery({
    queryKey: ['orders', 'mine', accountId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/orders', { signal })),
  });
  if (orders.isPending) return <PageStatus>{t('account.ordersLoading')}</PageStatus>;
  if (orders.isError) {
    return <ErrorPanel title={t('account.ordersError')} error={orders.error} onRetry={() => void orders.refetch()} />;
  }
  if (orders.data.length === 0) {
    return (
      <div className="panel panel-empty">
        <p className="panel-title">{t('account.noOrders')}</p>
        <Link to="/tim-kiem" className="button">
          {t('cart.browse')}
        </Link>
      </div>
    );
  }
  return (
    <ul className="order-list" data-testid="order-list">
      {orders.data.map((order) => (
        <li key={order.id}>
          <OrderSummaryCard order={order} />
        </li>
      ))}
    </ul>
  );
}

function OrderSummaryCard({ order }: { order: Schemas['CustomerOrderDto'] }) {
  const { t, tn, language } = useI18n();
  return (
    <article className="section order-card">
      <h2 className="order-card-title">
        <Link to={`/don-hang/${encodeURIComponent(order.code)}`}>{t('order.title', { code: order.code })}</Link>
      </h2>
      <p className="muted small">
        {formatDateTime(language, order.createdAt)} · {t(`payment.method.${order.paymentMethod}`)} ·{' '}
        {tn('account.sellerCount', order.sellerOrders.length)}
      </p>
      <ul className="status-list">
        {order.sellerOrders.map((sellerOrder) => (
          <li key={sellerOrder.id}>
            {sellerOrder.organisationName}:{' '}
            <span className={`status-badge status-${sellerOrder.status}`}>
              {orderStatusLabel(t, sellerOrder.status, order.paymentMethod)}
            </span>
          </li>
        ))}
      </ul>
      <p className="order-card-total">{formatDong(order.grandTotal)}</p>
    </article>
  );
}

/** Orders a guest placed in this browser: their tokens are all that lets them be opened. */
function DeviceOrders() {
  const { t, language } = useI18n();
  const orders = useStoredValue(guestOrders);
  return (
    <section aria-labelledby="device-orders-title">
      <h2 id="device-orders-title">{t('account.deviceOrders')}</h2>
      {orders.length === 0 ? (
        <p className="panel panel-empty">{t('account.noDeviceOrders')}</p>
      ) : (
        <>
          <p className="muted small">{t('account.deviceOrdersHint')}</p>
          <ul className="order-list" data-testid="device-orders">
            {orders.map((order) => (
              <li key={order.code} className="section order-card">
                <Link to={`/don-hang/${encodeURIComponent(order.code)}?token=${encodeURIComponent(order.token)}`}>
                  {t('order.title', { code: order.code })}
                </Link>
                <p className="muted small">{formatDateTime(language, order.placedAt)}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
