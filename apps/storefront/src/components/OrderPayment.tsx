import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { fetchPaymentMethods, type PaymentMethod, type StartedPayment, startOrderPayment } from '../api/payments';
import { formatDateTime } from '../format';
import { errorMessageKey } from '../errors';
import { useI18n } from '../i18n/I18nProvider';
import { paymentAccesses, rememberPayment } from '../orders/paymentAccess';
import { useStoredValue } from '../storage';
import { CardPayment } from './CardPayment';
import { PaymentStatus } from './PaymentStatus';

type Order = Schemas['CustomerOrderDto'];

/** A card payment's secret for Stripe.js: handed over once by the API, kept in memory only. */
export interface CardAction {
  paymentId: string;
  clientSecret: string;
  publishableKey: string | null;
}

/**
 * After a payment attempt starts: remember how to follow it, and go where its method needs the
 * buyer to go. Returns the card form's data when the method is card, for the page to show.
 */
export function followStartedPayment(orderCode: string, payment: StartedPayment): CardAction | null {
  rememberPayment({ orderCode, paymentId: payment.id, accessToken: payment.accessToken, method: payment.method });
  const action = payment.action;
  if (action.type === 'redirect' && action.redirectUrl) {
    // VNPay's own page; it sends the buyer back to /thanh-toan/vnpay.
    window.location.assign(action.redirectUrl);
  } else if (action.type === 'card' && action.clientSecret) {
    return { paymentId: payment.id, clientSecret: action.clientSecret, publishableKey: action.publishableKey ?? null };
  }
  return null;
}

function orderUrl(order: Order, token: string | undefined): string {
  const path = `/don-hang/${encodeURIComponent(order.code)}`;
  return `${window.location.origin}${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** The payment part of the order page: follows the payment, and starts another when one failed. */
export function OrderPayment({
  order,
  token,
  initialCard,
  startError,
}: {
  order: Order;
  token: string | undefined;
  initialCard: CardAction | null;
  /** Why the payment did not start at checkout, when it did not. */
  startError: string | null;
}) {
  const { t, language } = useI18n();
  const accesses = useStoredValue(paymentAccesses);
  const access = accesses.find((entry) => entry.orderCode === order.code);
  const [card, setCard] = useState<CardAction | null>(initialCard);
  // The API cancels overdue orders itself, so a seller order still awaiting payment can be paid.
  const open = order.sellerOrders.some((sellerOrder) => sellerOrder.status === 'awaiting_payment');
  const payAgain = open ? (
    <PayAgain order={order} token={token} onCard={setCard} current={access?.method as PaymentMethod | undefined} />
  ) : null;

  return (
    <section className="section" aria-labelledby="payment-title">
      <h2 id="payment-title">{t('order.payment')}</h2>
      {startError && !access ? (
        <div className="form-error" role="alert">
          <p className="panel-title">{t('payment.notStarted')}</p>
          <p>{t(errorMessageKey(startError))}</p>
        </div>
      ) : null}
      {access ? (
        <PaymentStatus
          access={access}
          retry={payAgain}
          pendingForm={
            card && card.paymentId === access.paymentId ? (
              <CardPayment
                clientSecret={card.clientSecret}
                publishableKey={card.publishableKey}
                returnUrl={orderUrl(order, token)}
              />
            ) : null
          }
          alternatives={payAgain}
          deadline={order.paymentDueAt}
        />
      ) : open ? (
        <>
          <p>{t('order.payNow')}</p>
          {payAgain}
        </>
      ) : (
        <p className="muted">{t('order.paymentElsewhere')}</p>
      )}
      {open && order.paymentDueAt && !access ? (
        <p className="muted small">{t('order.payBy', { time: formatDateTime(language, order.paymentDueAt) })}</p>
      ) : null}
    </section>
  );
}

/** Starts a new payment attempt for what the order still owes; the API closes any open one first. */
function PayAgain({
  order,
  token,
  onCard,
  current,
}: {
  order: Order;
  token: string | undefined;
  onCard: (card: CardAction) => void;
  current: PaymentMethod | undefined;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const methods = useQuery({ queryKey: ['payment-methods'], queryFn: ({ signal }) => fetchPaymentMethods(signal) });
  // Cash on delivery is chosen at checkout only; the other methods can replace each other.
  const online = (methods.data ?? []).filter((option) => option.method !== 'cod');
  const [chosen, setChosen] = useState<PaymentMethod | null>(null);
  const method =
    chosen ?? online.find((option) => option.method === (current ?? order.paymentMethod))?.method ?? online[0]?.method;
  const start = useMutation({
    mutationFn: (selected: PaymentMethod) => startOrderPayment(order.code, token, selected, language),
    onSuccess: (payment) => {
      const card = followStartedPayment(order.code, payment);
      if (card) onCard(card);
    },
  });

  if (methods.isPending || online.length === 0) return null;
  return (
    <div className="pay-again" data-testid="pay-again">
      <p className="panel-title">{t('payment.retryTitle')}</p>
      <fieldset className="field">
        <legend id={id}>{t('payment.chooseMethod')}</legend>
        <div className="choice-list">
          {online.map((option) => (
            <label key={option.method} className="choice">
              <input
                type="radio"
                name={`${id}-method`}
                checked={method === option.method}
                onChange={() => setChosen(option.method)}
              />
              <span>{t(`payment.method.${option.method}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button
        type="button"
        className="button"
        disabled={!method || start.isPending}
        onClick={() => method && start.mutate(method)}
      >
        {start.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {t('payment.payAgain')}
      </button>
      {start.isError ? (
        <p className="field-error" role="alert">
          {t(errorMessageKey(start.error))}
        </p>
      ) : null}
    </div>
  );
}
