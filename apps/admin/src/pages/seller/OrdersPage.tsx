import type { Schemas } from '@ocop/api-client';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FilterTabs, Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { formatDateTime, formatDong } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { compareInstant, compareNumber, compareText, useListView } from '../../list';
import { sellerKeys } from '../../queries';
import { ORDER_TONES, ORDERS_TO_HANDLE, SELLER_ORDER_STATUSES, type SellerOrderStatus } from '../../statuses';

type Order = Schemas['SellerOrderDto'];
type Filter = 'to_handle' | 'all' | SellerOrderStatus;

const SORTERS = {
  code: (a: Order, b: Order) => compareText(a.code, b.code),
  createdAt: (a: Order, b: Order) => compareInstant(a.createdAt, b.createdAt),
  total: (a: Order, b: Order) => compareNumber(a.total, b.total),
};
const searchText = (order: Order) =>
  [order.code, ...order.lines.map((line) => `${line.productName} ${line.sku}`)].join(' ');

function isFilter(value: string | null): value is Filter {
  return value === 'to_handle' || value === 'all' || (SELLER_ORDER_STATUSES as readonly string[]).includes(value ?? '');
}

export function OrdersPage() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('orders.metaTitle'));
  const orders = useQuery({
    queryKey: sellerKeys.orders(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/orders', { signal })),
  });
  const [params] = useSearchParams();
  const filterParam = params.get('status');
  const filter: Filter = isFilter(filterParam) ? filterParam : 'to_handle';
  const all = orders.data ?? [];
  const matchesFilter = (order: Order) =>
    filter === 'all' || (filter === 'to_handle' ? ORDERS_TO_HANDLE.includes(order.status) : order.status === filter);
  const view = useListView({
    items: all.filter(matchesFilter),
    searchText,
    sorters: SORTERS,
    defaultSort: { key: 'createdAt', direction: filter === 'to_handle' ? 'asc' : 'desc' },
  });
  const count = (status: SellerOrderStatus) => all.filter((order) => order.status === status).length;

  return (
    <>
      <PageHead titleId="orders-title" title={t('orders.title')} intro={t('orders.intro')} />
      {orders.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : orders.isError ? (
        <ErrorPanel title={t('orders.error')} error={orders.error} onRetry={() => void orders.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState testId="orders-empty" title={t('orders.empty')} hint={t('orders.emptyHint')} />
      ) : (
        <>
          <div className="toolbar">
            <FilterTabs<Filter>
              label={t('orders.filterLabel')}
              value={filter}
              onChange={(value) => view.setFilter('status', value === 'to_handle' ? null : value)}
              options={[
                {
                  value: 'to_handle',
                  label: t('orders.toHandle'),
                  count: all.filter((order) => ORDERS_TO_HANDLE.includes(order.status)).length,
                },
                {
                  value: 'awaiting_payment',
                  label: t('orderStatus.awaiting_payment'),
                  count: count('awaiting_payment'),
                },
                { value: 'delivered', label: t('orderStatus.delivered'), count: count('delivered') },
                { value: 'completed', label: t('orderStatus.completed'), count: count('completed') },
                { value: 'cancelled', label: t('orderStatus.cancelled'), count: count('cancelled') },
                { value: 'refunded', label: t('orderStatus.refunded'), count: count('refunded') },
                { value: 'all', label: t('common.all'), count: all.length },
              ]}
            />
            <SearchField
              label={t('orders.search')}
              hint={t('orders.searchHint')}
              value={view.query}
              onChange={view.setQuery}
            />
          </div>
          <p className="result-status" role="status">
            {view.query
              ? tn('orders.matching', view.matching, { query: view.query })
              : tn('orders.count', view.matching)}
          </p>
          {view.matching === 0 ? (
            <EmptyState
              title={filter === 'to_handle' && !view.query ? t('orders.nothingToHandle') : t('orders.noMatch')}
              hint={filter === 'to_handle' && !view.query ? t('orders.nothingToHandleHint') : t('list.noMatchHint')}
            />
          ) : (
            <>
              <TableRegion labelledBy="orders-title">
                <table className="table" data-testid="orders-table">
                  <thead>
                    <tr>
                      <SortHeader label={t('orders.code')} column="code" sort={view.sort} onSort={view.toggleSort} />
                      <SortHeader
                        label={t('orders.createdAt')}
                        column="createdAt"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <th scope="col">{t('orders.items')}</th>
                      <SortHeader
                        label={t('orders.total')}
                        column="total"
                        sort={view.sort}
                        onSort={view.toggleSort}
                        className="number"
                      />
                      <th scope="col">{t('orders.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.visible.map((order) => {
                      const first = order.lines[0];
                      return (
                        <tr key={order.id}>
                          <th scope="row">
                            <Link to={`/orders/${order.id}`}>{order.code}</Link>
                          </th>
                          <td>
                            <time dateTime={order.createdAt}>{formatDateTime(language, order.createdAt)}</time>
                          </td>
                          <td className="wrap">
                            {first ? `${first.productName} · ${first.variantLabel} × ${first.quantity}` : null}
                            {order.lines.length > 1 ? (
                              <span className="cell-note">{tn('orders.moreLines', order.lines.length - 1)}</span>
                            ) : null}
                          </td>
                          <td className="number">{formatDong(order.total)}</td>
                          <td>
                            <StatusBadge tone={ORDER_TONES[order.status]}>
                              {t(`orderStatus.${order.status}`)}
                            </StatusBadge>
                            {order.payment?.flags.length ? (
                              <span className="cell-note text-warning" data-testid="order-payment-flags">
                                {order.payment.flags.map((flag) => t(`paymentFlag.${flag}`)).join(', ')}
                              </span>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableRegion>
              <Pagination page={view.page} pageCount={view.pageCount} onPage={view.setPage} label={t('orders.pages')} />
            </>
          )}
        </>
      )}
    </>
  );
}
