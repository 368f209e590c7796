import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { SellerInvoice, SellerInvoicePage } from '../../api/invoice-types';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FormError } from '../../components/FormError';
import { FilterTabs, Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { formatCalendarDate, formatDateTime, formatDong } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { compareInstant, compareNumber, compareText, useListView } from '../../list';
import { sellerKeys } from '../../queries';
import { INVOICE_STATUSES, INVOICE_TONES, type InvoiceStatus } from '../../statuses';

type Invoice = SellerInvoice;
type Filter = InvoiceStatus | 'all';
const PAGE_SIZE = 50;
/** Statuses of an invoice that legally exists: it has a number and a printable copy. */
const ISSUED: readonly InvoiceStatus[] = ['issued', 'replaced', 'adjusted'];

const SORTERS = {
  createdAt: (a: Invoice, b: Invoice) => compareInstant(a.createdAt, b.createdAt),
  number: (a: Invoice, b: Invoice) => compareNumber(a.number, b.number),
  buyer: (a: Invoice, b: Invoice) => compareText(a.buyerName, b.buyerName),
  total: (a: Invoice, b: Invoice) => compareNumber(a.totalPayable, b.totalPayable),
};
const searchText = (invoice: Invoice) =>
  [invoice.buyerName, invoice.lookupCode, invoice.displaySymbol, invoice.number].join(' ');

/** The e-invoices of the seller's orders: whether each was issued, and what to do when one failed. */
export function InvoicesPage() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  useDocumentTitle(t('invoices.metaTitle'));
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: Filter = (INVOICE_STATUSES as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as InvoiceStatus)
    : 'all';
  const serverPage = Math.max(1, Number(params.get('p') ?? '1') || 1);
  const invoices = useQuery({
    queryKey: [...sellerKeys.invoices(account.id), status, serverPage],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/seller/invoices', {
          params: {
            query: { ...(status === 'all' ? {} : { status }), limit: PAGE_SIZE, offset: (serverPage - 1) * PAGE_SIZE },
          },
          signal,
        }),
      ) as Promise<SellerInvoicePage>,
    placeholderData: keepPreviousData,
  });
  const view = useListView({
    items: invoices.data?.items,
    searchText,
    sorters: SORTERS,
    defaultSort: { key: 'createdAt', direction: 'desc' },
    pageSize: PAGE_SIZE,
  });
  const [retried, setRetried] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: (invoice: Invoice): Promise<SellerInvoice> =>
      unwrap(
        api.POST('/api/seller/invoices/{id}/retry', { params: { path: { id: invoice.id } } }),
      ) as Promise<SellerInvoice>,
    onSuccess: (invoice) => {
      setRetried(invoice.id);
      void client.invalidateQueries({ queryKey: sellerKeys.invoices(account.id) });
    },
  });
  const setParam = (name: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      if (name !== 'p') next.delete('p');
      return next;
    });

  return (
    <>
      <PageHead
        titleId="invoices-title"
        title={t('invoices.title')}
        intro={t('invoices.intro')}
        actions={
          <Link to="/settings/invoices" className="button button-secondary">
            {t('invoices.settings')}
          </Link>
        }
      />
      <div className="toolbar">
        <FilterTabs<Filter>
          label={t('invoices.filterLabel')}
          value={status}
          onChange={(value) => setParam('status', value === 'all' ? null : value)}
          options={[
            { value: 'all', label: t('common.all') },
            ...(['failed', 'queued', 'issued'] as const).map((value) => ({
              value,
              label: t(`invoiceStatus.${value}`),
            })),
          ]}
        />
        <SearchField
          label={t('invoices.search')}
          hint={t('invoices.searchHint')}
          value={view.query}
          onChange={view.setQuery}
        />
      </div>
      {retry.isError ? <FormError failure={retry.error} title={t('invoices.retryFailed')} /> : null}
      {retried ? (
        <p className="notice notice-success" role="status">
          {t('invoices.retried')}
        </p>
      ) : null}
      {invoices.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : invoices.isError ? (
        <ErrorPanel title={t('invoices.error')} error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.total === 0 ? (
        <EmptyState
          testId="invoices-empty"
          title={status === 'all' ? t('invoices.empty') : t('invoices.emptyStatus')}
          hint={status === 'all' ? t('invoices.emptyHint') : undefined}
        />
      ) : (
        <>
          <p className="result-status" role="status">
            {view.query
              ? tn('invoices.matching', view.matching, { query: view.query })
              : tn('invoices.count', invoices.data.total)}
          </p>
          {view.matching === 0 ? (
            <EmptyState title={t('invoices.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <TableRegion labelledBy="invoices-title">
              <table className="table" data-testid="invoices-table">
                <thead>
                  <tr>
                    <SortHeader
                      label={t('invoices.number')}
                      column="number"
                      sort={view.sort}
                      onSort={view.toggleSort}
                    />
                    <SortHeader label={t('invoices.buyer')} column="buyer" sort={view.sort} onSort={view.toggleSort} />
                    <SortHeader
                      label={t('invoices.total')}
                      column="total"
                      sort={view.sort}
                      onSort={view.toggleSort}
                      className="number"
                    />
                    <th scope="col">{t('invoices.status')}</th>
                    <SortHeader
                      label={t('invoices.createdAt')}
                      column="createdAt"
                      sort={view.sort}
                      onSort={view.toggleSort}
                    />
                    <th scope="col">{t('invoices.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.visible.map((invoice) => (
                    <tr key={invoice.id}>
                      <th scope="row">
                        {invoice.number !== null
                          ? `${invoice.displaySymbol ?? ''} · ${invoice.number}`
                          : t('invoices.noNumber')}
                        <span className="cell-note">
                          {t(`invoiceKind.${invoice.kind}`)} · {t('invoices.lookupCode', { code: invoice.lookupCode })}
                        </span>
                      </th>
                      <td className="wrap">
                        {invoice.buyerName}
                        <Link className="cell-note" to={`/orders/${invoice.sourceId}`}>
                          {t('invoices.order')}
                        </Link>
                      </td>
                      <td className="number">
                        {formatDong(invoice.totalPayable)}
                        <span className="cell-note">{t('invoices.vat', { amount: formatDong(invoice.totalVat) })}</span>
                      </td>
                      <td className="wrap">
                        <StatusBadge tone={INVOICE_TONES[invoice.status]}>
                          {t(`invoiceStatus.${invoice.status}`)}
                        </StatusBadge>
                        {invoice.status === 'failed' && invoice.lastError ? (
                          <span className="cell-note text-danger">{invoice.lastError}</span>
                        ) : null}
                        {invoice.nextAttemptAt && invoice.status !== 'issued' ? (
                          <span className="cell-note">
                            {t('invoices.nextAttempt', {
                              time: formatDateTime(language, invoice.nextAttemptAt),
                              attempts: invoice.attempts,
                            })}
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {invoice.issueDate ? (
                          formatCalendarDate(language, invoice.issueDate)
                        ) : (
                          <time dateTime={invoice.createdAt}>{formatDateTime(language, invoice.createdAt)}</time>
                        )}
                      </td>
                      <td>
                        <div className="row-actions">
                          {ISSUED.includes(invoice.status) ? (
                            <a
                              className="button button-secondary button-small"
                              href={`/api/invoices/lookup/${encodeURIComponent(invoice.lookupCode)}/pdf`}
                              target="_blank"
                              rel="noreferrer"
                            >
                              {t('invoices.download')}
                              <span className="visually-hidden"> {invoice.lookupCode}</span>
                            </a>
                          ) : null}
                          {invoice.status === 'failed' ? (
                            <button
                              type="button"
                              className="button button-small"
                              disabled={retry.isPending}
                              onClick={() => {
                                setRetried(null);
                                retry.mutate(invoice);
                              }}
                            >
                              {t('invoices.retry')}
                              <span className="visually-hidden"> {invoice.lookupCode}</span>
                            </button>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          <Pagination
            page={serverPage}
            pageCount={Math.max(1, Math.ceil(invoices.data.total / PAGE_SIZE))}
            onPage={(next) => setParam('p', next > 1 ? String(next) : null)}
            label={t('invoices.pages')}
          />
        </>
      )}
    </>
  );
}
