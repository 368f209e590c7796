import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ReasonDialog } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FormError } from '../../components/FormError';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { fieldErrors } from '../../errors';
import { formatDateTime, formatDong } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys } from '../../queries';
import { ORDER_TONES } from '../../statuses';

type Order = Schemas['SellerOrderDto'];
const SELLER_ACTIONS = ['accept_cod', 'pack', 'ship', 'deliver', 'cancel', 'refund'] as const;
type SellerAction = (typeof SELLER_ACTIONS)[number];
/** Cancelling or refunding cannot be undone and tells the buyer: confirmed, with an optional note. */
const CONFIRMED: readonly SellerAction[] = ['cancel', 'refund'];

function isSellerAction(action: string): action is SellerAction {
  return (SELLER_ACTIONS as readonly string[]).includes(action);
}

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const account = useAccount();
  const order = useQuery({
    queryKey: sellerKeys.order(account.id, id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/orders/{id}', { params: { path: { id } }, signal })),
  });
  useDocumentTitle(order.data ? t('order.metaTitle', { code: order.data.code }) : t('orders.metaTitle'));

  if (order.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (order.isError) {
    return (
      <>
        <PageHead title={t('orders.title')} back={{ to: '/orders', label: t('order.back') }} />
        <ErrorPanel title={t('order.error')} error={order.error} onRetry={() => void order.refetch()} />
      </>
    );
  }
  return <OrderDetail order={order.data} />;
}

function OrderDetail({ order }: { order: Order }) {
  const { t, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<SellerAction | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<SellerAction | null>(null);

  const act = useMutation({
    mutationFn: ({ action, text }: { action: SellerAction; text?: string }) =>
      unwrap(
        api.POST('/api/seller/orders/{id}/{action}', {
          params: { path: { id: order.id, action } },
          body: text?.trim() ? { note: text.trim() } : {},
        }),
      ),
    onSuccess: (updated, { action }) => {
      client.setQueryData(sellerKeys.order(account.id, order.id), updated);
      void client.invalidateQueries({ queryKey: sellerKeys.orders(account.id), exact: true });
      setConfirming(null);
      setDone(action);
    },
  });
  const run = (action: SellerAction) => {
    act.reset();
    setDone(null);
    if (CONFIRMED.includes(action)) {
      setNote('');
      setConfirming(action);
    } else {
      act.mutate({ action });
    }
  };
  const actions = order.availableActions.filter(isSellerAction);
  const forward = actions.filter((action) => !CONFIRMED.includes(action));
  const backward = actions.filter((action) => CONFIRMED.includes(action));
  const noteError = fieldErrors(act.error, 'order').note;
  const shown = confirming ?? 'cancel';

  return (
    <>
      <PageHead
        titleId="order-title"
        title={t('order.title', { code: order.code })}
        back={{ to: '/orders', label: t('order.back') }}
        actions={
          <Link to={`/orders/${order.id}/packing-slip`} className="button button-secondary">
            {t('order.packingSlip')}
          </Link>
        }
      />
      <p className="status-line">
        <StatusBadge tone={ORDER_TONES[order.status]} testId="order-status">
          {t(`orderStatus.${order.status}`)}
        </StatusBadge>
        <span className="muted small">
          {t('order.placedAt', { time: formatDateTime(language, order.createdAt) })} ·{' '}
          {t(`shippingZone.${order.shippingZone as 'same_province'}`)}
        </span>
      </p>
      {done ? (
        <p className="notice notice-success" role="status" data-testid="order-done">
          {t(`order.done.${done}`)}
        </p>
      ) : null}
      {act.isError && !confirming ? <FormError failure={act.error} title={t('order.actionFailed')} /> : null}

      {actions.length > 0 ? (
        <section className="card next-step" aria-labelledby="next-title">
          <h2 id="next-title">{t('order.nextStep')}</h2>
          <p className="muted">{t(`order.hint.${order.status}`)}</p>
          <div className="button-row">
            {forward.map((action) => (
              <button
                key={action}
                type="button"
                className="button"
                disabled={act.isPending}
                onClick={() => run(action)}
              >
                {act.isPending && act.variables?.action === action ? (
                  <span className="spinner" aria-hidden="true" />
                ) : null}
                {t(`order.action.${action}`)}
              </button>
            ))}
            {backward.map((action) => (
              <button
                key={action}
                type="button"
                className="button button-danger-outline"
                disabled={act.isPending}
                onClick={() => run(action)}
              >
                {t(`order.action.${action}`)}
              </button>
            ))}
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="lines-title">
        <h2 id="lines-title">{t('order.lines')}</h2>
        <TableRegion labelledBy="lines-title">
          <table className="table" data-testid="order-lines">
            <thead>
              <tr>
                <th scope="col">{t('order.product')}</th>
                <th scope="col">{t('order.sku')}</th>
                <th scope="col" className="number">
                  {t('order.unitPrice')}
                </th>
                <th scope="col" className="number">
                  {t('order.quantity')}
                </th>
                <th scope="col" className="number">
                  {t('order.lineTotal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr key={line.variantId}>
                  <th scope="row">
                    {line.productName}
                    <span className="cell-note">{line.variantLabel}</span>
                  </th>
                  <td>{line.sku}</td>
                  <td className="number">{formatDong(line.unitPrice)}</td>
                  <td className="number">{line.quantity}</td>
                  <td className="number">{formatDong(line.lineTotal)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('order.goodsTotal')}
                </th>
                <td className="number">{formatDong(order.goodsTotal)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('order.shippingFee')}
                </th>
                <td className="number">{formatDong(order.shippingFee)}</td>
              </tr>
              <tr className="total-row">
                <th scope="row" colSpan={4}>
                  {t('order.total')}
                </th>
                <td className="number" data-testid="order-total">
                  {formatDong(order.total)}
                </td>
              </tr>
            </tfoot>
          </table>
        </TableRegion>
      </section>

      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">{t('order.history')}</h2>
        <ol className="timeline" data-testid="order-events">
          {[...order.events].reverse().map((event) => (
            <li key={`${event.at}-${event.toStatus}`}>
              <p className="timeline-title">{t(`orderStatus.${event.toStatus}`)}</p>
              {event.note ? <p className="timeline-reason">“{event.note}”</p> : null}
              <p className="muted small">
                <time dateTime={event.at}>{formatDateTime(language, event.at)}</time> ·{' '}
                {t(`orderActor.${event.actorType as 'seller'}`)}
              </p>
            </li>
          ))}
        </ol>
      </section>

      <ReasonDialog
        open={confirming !== null}
        testId="order-dialog"
        required={false}
        title={t(`order.confirm.${shown === 'refund' ? 'refund' : 'cancel'}.title`, { code: order.code })}
        intro={<p>{t(`order.confirm.${shown === 'refund' ? 'refund' : 'cancel'}.body`)}</p>}
        label={t('order.noteLabel')}
        hint={t('order.noteHint')}
        reason={note}
        onReasonChange={setNote}
        reasonError={noteError ? t(noteError) : undefined}
        confirmLabel={t(`order.action.${shown}`)}
        busy={act.isPending}
        failure={act.error}
        onConfirm={() => confirming && act.mutate({ action: confirming, text: note })}
        onCancel={() => setConfirming(null)}
      />
    </>
  );
}
