import type { Schemas } from '@ocop/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { openProtectedFile } from '../../api/files';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ConfirmDialog, ReasonDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FilterTabs, Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { errorMessageKey, fieldErrors } from '../../errors';
import { formatCalendarDate, formatDateTime } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import type { PlainMessageKey } from '../../i18n/translator';
import { compareInstant, compareNumber, compareText, useListView } from '../../list';
import { provinceKeys } from '../../queries';
import { OCOP_STATUSES, OCOP_TONES, type OcopStatus } from '../../statuses';

type Item = Schemas['OcopReviewItemDto'];
const PAGE_SIZE = 50;
const MIN_REASON_LENGTH = 5;

const SORTERS = {
  submittedAt: (a: Item, b: Item) => compareInstant(a.submittedAt, b.submittedAt),
  product: (a: Item, b: Item) => compareText(a.product.name, b.product.name),
  organisation: (a: Item, b: Item) => compareText(a.organisation.name, b.organisation.name),
  stars: (a: Item, b: Item) => compareNumber(a.stars, b.stars),
  expiresOn: (a: Item, b: Item) => compareInstant(a.expiresOn, b.expiresOn),
};
const searchText = (item: Item) =>
  [item.product.name, item.organisation.name, item.organisation.communeName, item.certificateNumber].join(' ');

function isStatus(value: string | null): value is OcopStatus {
  return (OCOP_STATUSES as readonly string[]).includes(value ?? '');
}

/**
 * The officer's OCOP queue. A rating reaches the storefront only once an officer has compared the
 * declared decision with its scan here; the oldest submissions come first.
 */
export function OcopQueuePage() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  useDocumentTitle(t('ocopQueue.metaTitle'));
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: OcopStatus = isStatus(statusParam) ? statusParam : 'pending';
  const serverPage = Math.max(1, Number(params.get('p') ?? '1') || 1);

  const queue = useQuery({
    queryKey: [...provinceKeys.ocopQueue(account.id), status, serverPage],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/province/ocop-certificates', {
          params: { query: { status, page: serverPage, pageSize: PAGE_SIZE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const view = useListView({
    items: queue.data?.items,
    searchText,
    sorters: SORTERS,
    defaultSort: { key: 'submittedAt', direction: status === 'pending' ? 'asc' : 'desc' },
    pageSize: PAGE_SIZE,
  });

  const [target, setTarget] = useState<{ item: Item; action: 'verify' | 'reject' } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<PlainMessageKey | undefined>();
  const [done, setDone] = useState<{ action: 'verify' | 'reject'; product: string } | null>(null);
  const [documentError, setDocumentError] = useState<unknown>(null);

  const review = useMutation({
    mutationFn: ({ item, action, text }: { item: Item; action: 'verify' | 'reject'; text: string }) => {
      const path = { path: { id: item.id } };
      return action === 'verify'
        ? unwrap(api.POST('/api/province/ocop-certificates/{id}/verify', { params: path }))
        : unwrap(
            api.POST('/api/province/ocop-certificates/{id}/reject', { params: path, body: { reason: text.trim() } }),
          );
    },
    onSuccess: (_result, { item, action }) => {
      setDone({ action, product: item.product.name });
      setTarget(null);
      void client.invalidateQueries({ queryKey: provinceKeys.ocopQueue(account.id) });
    },
    onError: (error) => setReasonError(fieldErrors(error, 'ocopReview').reason),
  });

  const open = (item: Item, action: 'verify' | 'reject') => {
    review.reset();
    setReason('');
    setReasonError(undefined);
    setDone(null);
    setTarget({ item, action });
  };
  const confirm = () => {
    if (!target) return;
    if (target.action === 'reject' && reason.trim().length < MIN_REASON_LENGTH) {
      setReasonError('ocopReview.reasonRequired');
      return;
    }
    review.mutate({ ...target, text: reason });
  };
  const viewDocument = (item: Item) => {
    setDocumentError(null);
    if (item.documentUrl) openProtectedFile(item.documentUrl).catch(setDocumentError);
  };
  const setStatus = (next: OcopStatus) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next === 'pending') updated.delete('status');
      else updated.set('status', next);
      updated.delete('p');
      updated.delete('page');
      return updated;
    });
  const setServerPage = (next: number) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next > 1) updated.set('p', String(next));
      else updated.delete('p');
      return updated;
    });

  return (
    <>
      <PageHead titleId="ocop-title" title={t('ocopQueue.title')} intro={t('ocopQueue.intro')} />
      <div className="toolbar">
        <FilterTabs<OcopStatus>
          label={t('ocopQueue.filterLabel')}
          value={status}
          onChange={setStatus}
          options={OCOP_STATUSES.map((value) => ({ value, label: t(`ocopStatus.${value}`) }))}
        />
        {queue.data && queue.data.total > 0 ? (
          <SearchField
            label={t('ocopQueue.search')}
            hint={t('ocopQueue.searchHint')}
            value={view.query}
            onChange={view.setQuery}
          />
        ) : null}
      </div>
      {done ? (
        <p className="notice notice-success" role="status" data-testid="ocop-done">
          {t(done.action === 'verify' ? 'ocopQueue.verified' : 'ocopQueue.rejected', { product: done.product })}
        </p>
      ) : null}
      {documentError ? (
        <div className="form-error" role="alert">
          <p className="panel-title">{t('ocopQueue.documentError')}</p>
          <p>{t(errorMessageKey(documentError))}</p>
        </div>
      ) : null}
      {queue.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : queue.isError ? (
        <ErrorPanel title={t('ocopQueue.error')} error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.total === 0 ? (
        <EmptyState
          testId="ocop-empty"
          title={t(status === 'pending' ? 'ocopQueue.emptyPending' : 'ocopQueue.empty')}
          hint={status === 'pending' ? t('ocopQueue.emptyPendingHint') : undefined}
        />
      ) : (
        <>
          <p className="result-status" role="status">
            {view.query
              ? tn('ocopQueue.matching', view.matching, { query: view.query })
              : tn('ocopQueue.count', queue.data.total)}
          </p>
          {view.matching === 0 ? (
            <EmptyState title={t('ocopQueue.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <TableRegion labelledBy="ocop-title">
              <table className="table" data-testid="ocop-table">
                <thead>
                  <tr>
                    <SortHeader
                      label={t('ocopQueue.product')}
                      column="product"
                      sort={view.sort}
                      onSort={view.toggleSort}
                    />
                    <SortHeader
                      label={t('ocopQueue.organisation')}
                      column="organisation"
                      sort={view.sort}
                      onSort={view.toggleSort}
                    />
                    <SortHeader label={t('ocopQueue.stars')} column="stars" sort={view.sort} onSort={view.toggleSort} />
                    <th scope="col">{t('ocopQueue.decision')}</th>
                    <SortHeader
                      label={t('ocopQueue.validity')}
                      column="expiresOn"
                      sort={view.sort}
                      onSort={view.toggleSort}
                    />
                    <SortHeader
                      label={t('ocopQueue.submittedAt')}
                      column="submittedAt"
                      sort={view.sort}
                      onSort={view.toggleSort}
                    />
                    <th scope="col">{t('ocopQueue.review')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.visible.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        {item.product.name}
                        <span className="cell-note">{t(`productStatus.${item.product.status as 'draft'}`)}</span>
                      </th>
                      <td className="wrap">
                        {item.organisation.name}
                        {item.organisation.communeName ? (
                          <span className="cell-note">{item.organisation.communeName}</span>
                        ) : null}
                      </td>
                      <td>
                        <span className="stars" aria-label={t('ocop.starsLabel', { stars: item.stars })}>
                          {'★'.repeat(item.stars)}
                        </span>
                      </td>
                      <td className="wrap">
                        {item.certificateNumber}
                        <span className="cell-note">
                          {t(`ocopLevel.${item.issuingLevel}`)}
                          {item.issuingAuthority ? ` · ${item.issuingAuthority}` : ''}
                        </span>
                      </td>
                      <td>
                        {formatCalendarDate(language, item.issuedOn)} – {formatCalendarDate(language, item.expiresOn)}
                        {item.expired ? <span className="cell-note text-danger">{t('ocop.expired')}</span> : null}
                      </td>
                      <td>
                        <time dateTime={item.submittedAt}>{formatDateTime(language, item.submittedAt)}</time>
                      </td>
                      <td>
                        <div className="row-actions">
                          {item.documentUrl ? (
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              onClick={() => viewDocument(item)}
                            >
                              {t('ocopQueue.viewDocument')}
                              <span className="visually-hidden"> – {item.product.name}</span>
                            </button>
                          ) : (
                            <span className="muted small">{t('ocopQueue.noDocument')}</span>
                          )}
                          {item.status === 'pending' && account.role === 'province_officer' ? (
                            <>
                              <button
                                type="button"
                                className="button button-small"
                                disabled={!item.documentUrl || item.expired}
                                onClick={() => open(item, 'verify')}
                              >
                                {t('ocopQueue.verify')}
                                <span className="visually-hidden"> – {item.product.name}</span>
                              </button>
                              <button
                                type="button"
                                className="button button-danger-outline button-small"
                                onClick={() => open(item, 'reject')}
                              >
                                {t('ocopQueue.reject')}
                                <span className="visually-hidden"> – {item.product.name}</span>
                              </button>
                            </>
                          ) : (
                            <StatusBadge tone={OCOP_TONES[item.status]}>{t(`ocopStatus.${item.status}`)}</StatusBadge>
                          )}
                        </div>
                        {item.rejectionReason ? <p className="cell-note">“{item.rejectionReason}”</p> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          <Pagination
            page={serverPage}
            pageCount={Math.max(1, Math.ceil(queue.data.total / PAGE_SIZE))}
            onPage={setServerPage}
            label={t('ocopQueue.pages')}
          />
        </>
      )}

      <ConfirmDialog
        open={target?.action === 'verify'}
        testId="ocop-verify-dialog"
        tone="primary"
        title={t('ocopQueue.verifyTitle', { product: target?.item.product.name ?? '' })}
        confirmLabel={t('ocopQueue.verify')}
        busy={review.isPending}
        failure={review.error}
        onConfirm={confirm}
        onCancel={() => setTarget(null)}
      >
        {target ? (
          <p>{t('ocopQueue.verifyBody', { number: target.item.certificateNumber, stars: target.item.stars })}</p>
        ) : null}
      </ConfirmDialog>
      <ReasonDialog
        open={target?.action === 'reject'}
        testId="ocop-reject-dialog"
        title={t('ocopQueue.rejectTitle', { product: target?.item.product.name ?? '' })}
        intro={target ? <p>{t('ocopQueue.rejectBody', { number: target.item.certificateNumber })}</p> : null}
        label={t('ocopQueue.reasonLabel')}
        hint={t('ocopQueue.reasonHint')}
        reason={reason}
        onReasonChange={(value) => {
          setReason(value);
          setReasonError(undefined);
        }}
        reasonError={reasonError ? t(reasonError) : undefined}
        confirmLabel={t('ocopQueue.reject')}
        busy={review.isPending}
        failure={review.error}
        onConfirm={confirm}
        onCancel={() => setTarget(null)}
      />
    </>
  );
}
