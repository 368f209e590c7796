import type { Schemas } from '@ocop/api-client';
import { formatDong } from '@ocop/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { ApiRequestError, unwrap } from '../api/request';
import { useAuth } from '../auth/useAuth';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { type CardAction, OrderPayment } from '../components/OrderPayment';
import { errorMessageKey } from '../errors';
import { formatDateTime, formatPhone } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { orderStatusLabel } from '../orderStatus';
import { guestOrderToken } from '../orders/orderAccess';
import { NotFoundPage } from './NotFoundPage';

type Order = Schemas['CustomerOrderDto'];
type SellerOrder = Schemas['SellerOrderDto'];

const ORDER_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The order as the buyer follows it; right after checkout it is also the confirmation. */
export default function OrderPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const { t } = useI18n();
  const auth = useAuth();
  const fromUrl = params.get('token');
  const token = fromUrl && ORDER_TOKEN.test(fromUrl) ? fromUrl : guestOrderToken(code);
  const state = location.state as { placed?: boolean; card?: CardAction; paymentError?: string } | null;

  const order = useQuery({
    queryKey: ['orders', code, token ?? null],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/orders/{code}', {
          params: { path: { code }, query: token ? { token } : {} },
          signal,
        }),
      ),
    // Without a token the API can only recognise a signed-in buyer; wait until we know who that is.
    enabled: auth.status !== 'restoring',
  });
  useDocumentTitle(t('order.metaTitle', { code }));

  if (auth.status === 'restoring' || order.isPending) return <PageStatus>{t('order.loading')}</PageStatus>;
  if (order.isError) {
    if (order.error instanceof ApiRequestError && order.error.status === 404) {
      return (
        <NotFoundPage
          title={t('order.notFound')}
          body={auth.status === 'signedIn' || token ? t('order.notFoundBody') : t('order.notFoundSignIn')}
        />
      );
    }
    return <ErrorPanel title={t('order.error')} error={order.error} onRetry={() => void order.refetch()} />;
  }
  return (
    <OrderView
      order={order.data}
      token={token}
      justPlaced={state?.placed === true}
      card={state?.card ?? null}
      paymentError={state?.paymentError ?? null}
      signedIn={auth.status === 'signedIn'}
    />
  );
}

function OrderView({
  order,
  token,
  justPlaced,
  card,
  paymentError,
  signedIn,
}: {
  order: Order;
  token: string | undefined;
  justPlaced: boolean;
  card: CardAction | null;
  paymentError: string | null;
  signedIn: boolean;
}) {
  const { t, tn, language } = useI18n();
  const shareLink = token ? `${window.location.origin}/don-hang/${order.code}?token=${token}` : null;

  return (
    <div className="order-page">
      {justPlaced ? (
        <section className="confirmation" aria-labelledby="confirmation-title" data-testid="confirmation">
          <h1 id="confirmation-title">{t('order.placedTitle')}</h1>
          <p>
            {order.sellerOrders.length === 1
              ? t('order.placedBodySingle', { code: order.code })
              : t('order.placedBodySplit', { code: order.code, count: order.sellerOrders.length })}
          </p>
          {order.paymentMethod === 'cod' ? (
            <p>{t('order.placedCod', { total: formatDong(order.grandTotal) })}</p>
          ) : null}
          {!signedIn && shareLink ? <p className="small">{t('order.keepLink')}</p> : null}
        </section>
      ) : (
        <h1>{t('order.title', { code: order.code })}</h1>
      )}

      <dl className="facts order-facts">
        <div>
          <dt>{t('order.code')}</dt>
          <dd data-testid="order-code">{order.code}</dd>
        </div>
        <div>
          <dt>{t('order.placedAt')}</dt>
          <dd>{formatDateTime(language, order.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('order.paymentMethod')}</dt>
          <dd>{t(`payment.method.${order.paymentMethod}`)}</dd>
        </div>
        <div>
          <dt>{t('cart.grandTotal')}</dt>
          <dd>
            <strong data-testid="order-total">{formatDong(order.grandTotal)}</strong>
          </dd>
        </div>
      </dl>

      {order.paymentMethod !== 'cod' ? (
        <OrderPayment order={order} token={token} initialCard={card} startError={paymentError} />
      ) : null}

      <section aria-labelledby="seller-orders-title">
        <h2 id="seller-orders-title">{tn('order.sellerOrders', order.sellerOrders.length)}</h2>
        <ol className="seller-orders">
          {order.sellerOrders.map((sellerOrder) => (
            <li key={sellerOrder.id}>
              <SellerOrderCard order={order} sellerOrder={sellerOrder} token={token} />
            </li>
          ))}
        </ol>
      </section>

      <section className="section" aria-labelledby="delivery-title">
        <h2 id="delivery-title">{t('order.delivery')}</h2>
        <p>
          <strong>{order.recipientName}</strong> · {formatPhone(order.recipientPhone)}
        </p>
        <p>
          {order.streetAddress}, {order.communeName}, {order.provinceName}
        </p>
      </section>

      <section className="section" aria-labelledby="invoice-title">
        <h2 id="invoice-title">{t('order.invoice')}</h2>
        {order.sellerOrders.some((sellerOrder) =>
          sellerOrder.invoices.some((invoice) => invoice.status !== 'cancelled'),
        ) ? (
          <ul className="invoice-links">
            {order.sellerOrders.flatMap((sellerOrder) =>
              sellerOrder.invoices
                .filter((invoice) => invoice.status !== 'cancelled')
                .map((invoice) => (
                  <li key={invoice.lookupCode}>
                    {sellerOrder.organisationName}:{' '}
                    {['issued', 'adjusted', 'replaced'].includes(invoice.status) ? (
                      <>
                        <a href={`/api/invoices/lookup/${invoice.lookupCode}`} data-testid="invoice-link">
                          {t('order.invoiceView')}
                        </a>{' '}
                        · <a href={`/api/invoices/lookup/${invoice.lookupCode}/pdf`}>{t('order.invoicePdf')}</a>
                      </>
                    ) : (
                      <span className="muted">{t('order.invoiceQueued')}</span>
                    )}{' '}
                    <span className="muted small">({invoice.lookupCode})</span>
                  </li>
                )),
            )}
          </ul>
        ) : (
          <p className="muted">{t('order.invoicePending')}</p>
        )}
        <p>
          <Link to="/hoa-don">{t('order.invoiceLookup')}</Link>
        </p>
      </section>

      {shareLink ? (
        <section className="section" aria-labelledby="share-title">
          <h2 id="share-title">{t('order.linkTitle')}</h2>
          <p className="muted small">{t('order.linkHint')}</p>
          <p className="order-link">
            <a href={shareLink} data-testid="order-link">
              {shareLink}
            </a>
          </p>
        </section>
      ) : null}

      <p className="button-row">
        <Link to="/tai-khoan/don-hang" className="button button-secondary">
          {t('order.allOrders')}
        </Link>
        <Link to="/" className="button button-secondary">
          {t('order.keepShopping')}
        </Link>
      </p>
    </div>
  );
}

function SellerOrderCard({
  order,
  sellerOrder,
  token,
}: {
  order: Order;
  sellerOrder: SellerOrder;
  token: string | undefined;
}) {
  const { t, language } = useI18n();
  const titleId = useId();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<'cancel' | 'complete' | null>(null);
  const act = useMutation({
    mutationFn: (action: 'cancel' | 'complete') =>
      unwrap(
        api.POST('/api/orders/{code}/seller-orders/{sellerOrderId}/{action}', {
          params: {
            path: { code: order.code, sellerOrderId: sellerOrder.id, action },
            query: token ? { token } : {},
          },
          body: {},
        }),
      ),
    onSuccess: (updated) => {
      setConfirming(null);
      client.setQueriesData<Order>({ queryKey: ['orders', order.code] }, updated);
      void client.invalidateQueries({ queryKey: ['orders'] });
    },
  });
  const actions = sellerOrder.availableActions.filter(
    (action): action is 'cancel' | 'complete' => action === 'cancel' || action === 'complete',
  );
  const status = orderStatusLabel(t, sellerOrder.status, order.paymentMethod);

  return (
    <article className="section seller-order" aria-labelledby={titleId} data-testid="seller-order">
      <header className="seller-order-head">
        <h3 id={titleId}>{sellerOrder.organisationName}</h3>
        <span className={`status-badge status-${sellerOrder.status}`} data-testid="seller-order-status">
          {status}
        </span>
      </header>
      <p className="muted small">{t('order.sellerOrderCode', { code: sellerOrder.code })}</p>
      <ul className="order-lines">
        {sellerOrder.lines.map((line) => (
          <li key={line.variantId}>
            <span>
              {line.productName} <span className="muted">({line.variantLabel})</span> × {line.quantity}
            </span>
            <span>{formatDong(line.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className="cart-seller-totals">
        <div>
          <dt>{t('cart.goods')}</dt>
          <dd>{formatDong(sellerOrder.goodsTotal)}</dd>
        </div>
        <div>
          <dt>{t('cart.shipping')}</dt>
          <dd>{sellerOrder.shippingFee === 0 ? t('cart.shippingFree') : formatDong(sellerOrder.shippingFee)}</dd>
        </div>
        <div className="totals-grand">
          <dt>{t('order.sellerTotal')}</dt>
          <dd data-testid="seller-order-total">{formatDong(sellerOrder.total)}</dd>
        </div>
      </dl>

      <details className="timeline">
        <summary>{t('order.tracking')}</summary>
        <ol>
          {sellerOrder.events.map((event, index) => (
            <li key={`${event.at}-${index}`}>
              <span className="timeline-status">{orderStatusLabel(t, event.toStatus, order.paymentMethod)}</span>
              <time dateTime={event.at} className="muted small">
                {formatDateTime(language, event.at)}
              </time>
              {event.note ? <span className="small"> – {event.note}</span> : null}
            </li>
          ))}
        </ol>
      </details>

      {actions.length > 0 ? (
        <div className="seller-order-actions">
          {confirming ? (
            <div className="confirm" role="group" aria-label={t(`order.confirm.${confirming}`)}>
              <p>{t(`order.confirm.${confirming}`)}</p>
              <p className="button-row">
                <button
                  type="button"
                  className={confirming === 'cancel' ? 'button button-danger' : 'button'}
                  disabled={act.isPending}
                  onClick={() => act.mutate(confirming)}
                >
                  {act.isPending ? <span className="spinner" aria-hidden="true" /> : null}
                  {t(`order.action.${confirming}`)}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={act.isPending}
                  onClick={() => {
                    setConfirming(null);
                    act.reset();
                  }}
                >
                  {t('order.confirm.no')}
                </button>
              </p>
            </div>
          ) : (
            <p className="button-row">
              {actions.map((action) => (
                <button
                  key={action}
                  type="button"
                  className="button button-secondary"
                  onClick={() => setConfirming(action)}
                >
                  {t(`order.action.${action}`)}
                </button>
              ))}
            </p>
          )}
          {act.isError ? (
            <p className="field-error" role="alert">
              {t(errorMessageKey(act.error))}
            </p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
