import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ErrorPanel } from '../../components/ErrorPanel';
import { OrganisationStatusBanner } from '../../components/OrganisationStatusBanner';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { businessDate, formatCalendarDate, formatDateTime, formatDong, todayInVietnam } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys, useMyOrganisation } from '../../queries';
import { ORDER_TONES, ORDERS_COUNTING_AS_SALES, ORDERS_TO_HANDLE } from '../../statuses';

/** At or below this many units a variant is shown as running out. */
const LOW_STOCK = 5;
/**
 * Stock is only in a product's detail, so the dashboard reads the published products one by one;
 * the cap keeps a large range from costing a request per product on every visit.
 */
const STOCK_CHECK_LIMIT = 30;

export function DashboardPage() {
  const { t, tn, language, formatNumber } = useI18n();
  const account = useAccount();
  const location = useLocation();
  useDocumentTitle(t('dashboard.metaTitle'));
  const today = todayInVietnam();
  const organisation = useMyOrganisation();
  const orders = useQuery({
    queryKey: sellerKeys.orders(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/orders', { signal })),
  });
  const published = useQuery({
    queryKey: [...sellerKeys.products(account.id), 'published'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/seller/products', {
          params: { query: { status: 'published', page: 1, pageSize: STOCK_CHECK_LIMIT } },
          signal,
        }),
      ),
  });
  const details = useQueries({
    queries: (published.data?.items ?? []).map((product) => ({
      queryKey: sellerKeys.product(account.id, product.id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        unwrap(api.GET('/api/seller/products/{id}', { params: { path: { id: product.id } }, signal })),
      staleTime: 60_000,
    })),
  });

  const todays = (orders.data ?? []).filter((order) => businessDate(order.createdAt) === today);
  const revenue = todays
    .filter((order) => ORDERS_COUNTING_AS_SALES.includes(order.status))
    .reduce((sum, order) => sum + order.total, 0);
  const toHandle = (orders.data ?? [])
    .filter((order) => ORDERS_TO_HANDLE.includes(order.status))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const lowStock = details
    .flatMap((query) =>
      query.data
        ? query.data.variants.filter((variant) => variant.active).map((variant) => ({ product: query.data, variant }))
        : [],
    )
    .filter(({ variant }) => variant.stock <= LOW_STOCK)
    .sort((a, b) => a.variant.stock - b.variant.stock);
  const stockLoading = published.isPending || details.some((query) => query.isPending);
  const stockError = published.error ?? details.find((query) => query.isError)?.error;

  return (
    <>
      <div className="page-head">
        <h1>{organisation.data ? organisation.data.name : t('dashboard.title')}</h1>
        <p className="muted">{t('dashboard.intro', { date: formatCalendarDate(language, today) })}</p>
      </div>
      {(location.state as { applied?: boolean } | null)?.applied ? (
        <p className="notice notice-success" role="status">
          {t('dashboard.applied')}
        </p>
      ) : null}
      {organisation.data ? <OrganisationStatusBanner organisation={organisation.data} /> : null}
      {organisation.isError ? (
        <ErrorPanel
          title={t('myOrganisation.error')}
          error={organisation.error}
          onRetry={() => void organisation.refetch()}
        />
      ) : null}

      <section aria-labelledby="today-title">
        <h2 id="today-title" className="section-title">
          {t('dashboard.today')}
        </h2>
        {orders.isPending ? (
          <PageStatus>{t('common.loading')}</PageStatus>
        ) : orders.isError ? (
          <ErrorPanel title={t('orders.error')} error={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <div className="stat-grid">
            <div className="stat" data-testid="stat-orders-today">
              <p className="stat-label">{t('dashboard.ordersToday')}</p>
              <p className="stat-value">{formatNumber(todays.length)}</p>
            </div>
            <div className="stat" data-testid="stat-revenue-today">
              <p className="stat-label">{t('dashboard.revenueToday')}</p>
              <p className="stat-value">{formatDong(revenue)}</p>
              <p className="stat-note">{t('dashboard.revenueNote')}</p>
            </div>
            <div className="stat" data-testid="stat-to-handle">
              <p className="stat-label">{t('dashboard.toHandle')}</p>
              <p className="stat-value">{formatNumber(toHandle.length)}</p>
            </div>
            <div className="stat" data-testid="stat-low-stock">
              <p className="stat-label">{t('dashboard.lowStock', { limit: LOW_STOCK })}</p>
              <p className="stat-value">{stockLoading ? '…' : formatNumber(lowStock.length)}</p>
            </div>
          </div>
        )}
      </section>

      <div className="two-columns">
        <section className="card" aria-labelledby="handle-title">
          <h2 id="handle-title">{t('dashboard.toHandleTitle')}</h2>
          {orders.data && toHandle.length === 0 ? (
            <p className="muted">{t('dashboard.nothingToHandle')}</p>
          ) : (
            <ul className="plain-list link-list">
              {toHandle.slice(0, 6).map((order) => (
                <li key={order.id}>
                  <Link to={`/orders/${order.id}`}>{order.code}</Link>
                  <span className="muted small">
                    {formatDong(order.total)} · {formatDateTime(language, order.createdAt)}
                  </span>
                  <StatusBadge tone={ORDER_TONES[order.status]}>{t(`orderStatus.${order.status}`)}</StatusBadge>
                </li>
              ))}
            </ul>
          )}
          {toHandle.length > 6 ? <Link to="/orders">{tn('dashboard.moreOrders', toHandle.length - 6)}</Link> : null}
        </section>
        <section className="card" aria-labelledby="stock-title">
          <h2 id="stock-title">{t('dashboard.lowStockTitle')}</h2>
          {stockError ? (
            <ErrorPanel title={t('dashboard.stockError')} error={stockError} onRetry={() => void published.refetch()} />
          ) : stockLoading ? (
            <PageStatus>{t('common.loading')}</PageStatus>
          ) : lowStock.length === 0 ? (
            <p className="muted">{t('dashboard.stockFine')}</p>
          ) : (
            <ul className="plain-list link-list" data-testid="low-stock">
              {lowStock.map(({ product, variant }) => (
                <li key={variant.id}>
                  <Link to={`/products/${product.id}`}>
                    {product.name} · {variant.label}
                  </Link>
                  <span className={variant.stock === 0 ? 'text-danger small' : 'muted small'}>
                    {variant.stock === 0 ? t('dashboard.outOfStock') : tn('dashboard.unitsLeft', variant.stock)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {published.data && published.data.total > STOCK_CHECK_LIMIT ? (
            <p className="muted small">{t('dashboard.stockPartial', { count: STOCK_CHECK_LIMIT })}</p>
          ) : null}
        </section>
      </div>
    </>
  );
}
