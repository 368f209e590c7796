/** How a buyer pays. Only `cod` is cash: the plans' non-cash share (KPI K-30) is computed from this. */
export const PAYMENT_METHODS = ['vnpay', 'vietqr', 'card', 'cod'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export function isCashMethod(method: PaymentMethod): boolean {
  return method === 'cod';
}

/**
 * `pending` is the only state that moves; the others are final, so a late or repeated callback can
 * never undo a capture or resurrect a closed payment (it is recorded and flagged instead).
 */
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'expired', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * What a person has to look at: money that arrived in the wrong amount, too late, or twice for one
 * order. The callbacks table keeps the history; flags are the current state.
 */
export const PAYMENT_FLAGS = [
  'underpaid', // less than the amount arrived; the payment waits for the rest
  'overpaid', // more than the amount arrived; the excess is due back to the buyer
  'late_payment', // money arrived after the payment was closed; due back unless the seller accepts it
  'amount_mismatch', // a provider confirmed an amount other than the one asked for
  'duplicate_order_payment', // another payment of the same order had already succeeded
  'refund_due', // a seller order paid by it was refunded and the money is not back with the buyer yet
] as const;
export type PaymentFlag = (typeof PAYMENT_FLAGS)[number];

/** Where a recorded callback came from. `vnpay_querydr` rows are answers to our reconciliation queries. */
export const CALLBACK_SOURCES = ['vnpay_ipn', 'vnpay_querydr', 'bank_transfer', 'stripe'] as const;
export type CallbackSource = (typeof CALLBACK_SOURCES)[number];

/**
 * A refund of a seller order: `requested` until the provider confirms it (`succeeded`), `manual` when
 * the provider has no refund API and a person sends the money back, `failed` after the retries ran out.
 */
export const REFUND_STATUSES = ['requested', 'succeeded', 'failed', 'manual'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
