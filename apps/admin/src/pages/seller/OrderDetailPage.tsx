import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
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
import { errorMessageKey, fieldErrors } from '../../errors';
import { formatCalendarDate, formatDateTime, formatDong, formatPhone, todayInVietnam } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys } from '../../queries';
import { ORDER_TONES } from '../../statuses';
import { batchKeys } from './BatchesPage';

type Order = Schemas['SellerOrderDto'];
type Line = Order['lines'][number];
type Payment = Schemas['SellerOrderPaymentDto'];
type PaymentFlag = Payment['flags'][number];
/** The API records a line's batch from payment (or COD acceptance) until the parcel leaves. */
const BATCH_EDITABLE: readonly Order['status'][] = ['paid', 'cod_accepted', 'packed'];
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
                <th scope="col">{t('order.batch')}</th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr key={line.id}>
                  <th scope="row">
                    {line.productName}
                    <span className="cell-note">{line.variantLabel}</span>
                  </th>
                  <td>{line.sku}</td>
                  <td className="number">{formatDong(line.unitPrice)}</td>
                  <td className="number">{line.quantity}</td>
                  <td className="number">{formatDong(line.lineTotal)}</td>
                  <td className="wrap">
                    <LineBatch order={order} line={line} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('order.goodsTotal')}
                </th>
                <td className="number">{formatDong(order.goodsTotal)}</td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('order.shippingFee')}
                </th>
                <td className="number">{formatDong(order.shippingFee)}</td>
                <td />
              </tr>
              <tr className="total-row">
                <th scope="row" colSpan={4}>
                  {t('order.total')}
                </th>
                <td className="number" data-testid="order-total">
                  {formatDong(order.total)}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </TableRegion>
        {BATCH_EDITABLE.includes(order.status) ? <p className="muted small">{t('order.batchHint')}</p> : null}
      </section>

      <div className="two-columns">
        {order.recipient ? <RecipientPanel recipient={order.recipient} /> : null}
        {order.payment !== undefined ? <PaymentPanel payment={order.payment} /> : null}
      </div>

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

function RecipientPanel({ recipient }: { recipient: Schemas['SellerOrderRecipientDto'] }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="recipient-title" data-testid="order-recipient">
      <h2 id="recipient-title">{t('order.recipient')}</h2>
      <p>
        <strong>{recipient.name}</strong>
      </p>
      <p>{t('order.recipientPhone', { phone: formatPhone(recipient.phone) })}</p>
      <p>{[recipient.streetAddress, recipient.communeName, recipient.provinceName].join(', ')}</p>
    </section>
  );
}

/** The buyer's money in plain words: what arrived, what is wrong with it and what the seller should do. */
function PaymentPanel({ payment }: { payment: Payment | null }) {
  const { t, language } = useI18n();
  const warning = (flag: PaymentFlag): string => {
    switch (flag) {
      case 'underpaid':
        return t('order.payment.flag.underpaid', { amount: formatDong(payment?.amountDue ?? 0) });
      case 'overpaid':
        return t('order.payment.flag.overpaid', { amount: formatDong(payment?.amountToRefund ?? 0) });
      default:
        return t(`order.payment.flag.${flag}`);
    }
  };
  return (
    <section className="card" aria-labelledby="payment-title" data-testid="order-payment">
      <h2 id="payment-title">{t('order.payment.title')}</h2>
      {payment === null ? (
        <p className="muted">{t('order.payment.none')}</p>
      ) : (
        <>
          {payment.flags.map((flag) => (
            <div
              key={flag}
              className={flag === 'overpaid' ? 'notice' : 'notice notice-danger'}
              data-testid={`payment-flag-${flag}`}
            >
              <p>
                <strong>{warning(flag)}</strong>
              </p>
              <p>{t(`order.payment.todo.${flag}`)}</p>
            </div>
          ))}
          {payment.amountToRefund > 0 ? (
            <p className="notice">{t('order.payment.toRefund', { amount: formatDong(payment.amountToRefund) })}</p>
          ) : null}
          <dl className="facts">
            <div>
              <dt>{t('order.payment.method')}</dt>
              <dd>{t(`paymentMethod.${payment.method}`)}</dd>
            </div>
            <div>
              <dt>{t('order.payment.status')}</dt>
              <dd>{t(`paymentStatus.${payment.status}`)}</dd>
            </div>
            {payment.amountExpected !== null ? (
              <div>
                <dt>{t('order.payment.expected')}</dt>
                <dd>{formatDong(payment.amountExpected)}</dd>
              </div>
            ) : null}
            {payment.amountReceived !== null ? (
              <div>
                <dt>{t('order.payment.received')}</dt>
                <dd data-testid="payment-received">{formatDong(payment.amountReceived)}</dd>
              </div>
            ) : null}
            {payment.amountDue > 0 && payment.method !== 'cod' ? (
              <div>
                <dt>{t('order.payment.due')}</dt>
                <dd>{formatDong(payment.amountDue)}</dd>
              </div>
            ) : null}
            {payment.paidAt ? (
              <div>
                <dt>{t('order.payment.paidAt')}</dt>
                <dd>
                  <time dateTime={payment.paidAt}>{formatDateTime(language, payment.paidAt)}</time>
                </dd>
              </div>
            ) : null}
          </dl>
          {payment.sharedWithOtherSellers ? <p className="muted small">{t('order.payment.shared')}</p> : null}
        </>
      )}
    </section>
  );
}

/**
 * The batch a line was packed from: chosen among the seller's batches of that product while the
 * order can still be packed, shown as recorded once the parcel has left.
 */
function LineBatch({ order, line }: { order: Order; line: Line }) {
  const { t, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const selectId = useId();
  const editable = BATCH_EDITABLE.includes(order.status);
  const [choice, setChoice] = useState(line.batchId ?? '');
  const batches = useQuery({
    queryKey: [...batchKeys.list(account.id), 'product', line.productId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/seller/batches', { params: { query: { productId: line.productId } }, signal })),
    enabled: editable,
  });
  const save = useMutation({
    mutationFn: (batchId: string | null) =>
      unwrap(
        api.PUT('/api/seller/orders/{sellerOrderId}/lines/{lineId}/batch', {
          params: { path: { sellerOrderId: order.id, lineId: line.id } },
          body: { batchId },
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData<Order>(sellerKeys.order(account.id, order.id), (current) =>
        current
          ? {
              ...current,
              lines: current.lines.map((other) =>
                other.id === saved.lineId
                  ? { ...other, batchId: saved.batchId, batchCode: saved.batchCode, batchLot: saved.lot }
                  : other,
              ),
            }
          : current,
      );
    },
  });

  const recorded = line.batchCode ? (
    <span data-testid="line-batch">{t('order.batchRecorded', { lot: line.batchLot ?? '', code: line.batchCode })}</span>
  ) : (
    <span className="muted" data-testid="line-batch">
      {t('order.batchNotRecorded')}
    </span>
  );
  if (!editable) return recorded;
  if (batches.isPending) return <span className="muted small">{t('order.batchLoading')}</span>;
  if (batches.isError) {
    return (
      <span className="field-error" role="alert">
        {t('order.batchLoadFailed')}{' '}
        <button type="button" className="button button-secondary button-small" onClick={() => void batches.refetch()}>
          {t('common.retry')}
        </button>
      </span>
    );
  }
  if (batches.data.length === 0) {
    return (
      <>
        {recorded}
        <span className="cell-note">
          {t('order.batchNoneYet')} <Link to="/batches/new">{t('order.batchCreate')}</Link>
        </span>
      </>
    );
  }

  const today = todayInVietnam();
  const errorId = `${selectId}-error`;
  const unchanged = choice === (line.batchId ?? '');
  return (
    <form
      className="line-batch"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(choice === '' ? null : choice);
      }}
    >
      <label htmlFor={selectId} className="visually-hidden">
        {t('order.batchFor', { product: line.productName })}
      </label>
      <select
        id={selectId}
        value={choice}
        data-testid="line-batch-select"
        aria-invalid={save.isError ? true : undefined}
        aria-describedby={save.isError ? errorId : undefined}
        onChange={(event) => {
          save.reset();
          setChoice(event.target.value);
        }}
      >
        <option value="">{t('order.batchNone')}</option>
        {batches.data.map((batch) => {
          const day = batch.producedOn ?? batch.harvestedOn;
          const date = day
            ? t(batch.producedOn ? 'order.batchProduced' : 'order.batchHarvested', {
                date: formatCalendarDate(language, day),
              })
            : '';
          const label = t('order.batchOption', { lot: batch.lot, code: batch.code, date });
          const expired = batch.expiresOn !== null && batch.expiresOn < today;
          return (
            <option key={batch.id} value={batch.id} disabled={expired && batch.id !== line.batchId}>
              {expired ? t('order.batchExpired', { label }) : label}
            </option>
          );
        })}
      </select>{' '}
      <button type="submit" className="button button-small" disabled={unchanged || save.isPending}>
        {save.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {t('order.batchSave')}
      </button>
      <span className="cell-note">{recorded}</span>
      {save.isError ? (
        <p id={errorId} className="field-error" role="alert">
          {t('order.batchFailed')} {t(errorMessageKey(save.error))}
        </p>
      ) : save.isSuccess && unchanged ? (
        <p className="muted small" role="status">
          {t('order.batchSaved')}
        </p>
      ) : null}
    </form>
  );
}
