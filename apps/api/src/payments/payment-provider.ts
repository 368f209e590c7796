import type { Payment, PaymentInstructions } from './payment.entity.js';
import type { PaymentMethod } from './payment-method.js';

/** What the checkout knows about the buyer and the order when a payment starts. */
export interface PaymentStartContext {
  /** The buyer's IP address; VNPay requires it. */
  buyerIp: string;
  /** A short description of what is paid for (shown by VNPay, Stripe and the bank app). */
  orderInfo: string;
  /** Where VNPay sends the buyer's browser back; required for `vnpay`. */
  returnUrl?: string;
  locale?: 'vi' | 'en';
}

/** What the buyer's device does next. Exactly one shape per method. */
export type PaymentAction =
  | { type: 'redirect'; redirectUrl: string }
  | { type: 'vietqr'; vietqr: NonNullable<PaymentInstructions['vietqr']> }
  | { type: 'card'; clientSecret: string; publishableKey: string | null }
  | { type: 'none' };

export interface StartedPayment {
  /** The provider's id of the payment, when it has one (for card, known only after the call). */
  providerReference: string | null;
  action: PaymentAction;
  /** Kept on the payment so that the buyer can see them again; must hold nothing secret. */
  instructions: PaymentInstructions | null;
}

/** Result of asking a provider to stop accepting money for a payment that we are closing. */
export type CancelAtProvider = 'cancelled' | 'already_paid' | 'not_supported';

/** One refund to send: its id is the idempotency key, so a retried call never refunds twice. */
export interface RefundRequest {
  refundId: string;
  /** Đồng, at most what the payment captured. */
  amount: number;
}

/**
 * `succeeded`: the provider accepted the refund. `manual`: it has no refund API (a bank transfer,
 * cash), a person must send the money back. A failed call throws, with a message free of secrets.
 */
export type RefundAtProvider = { outcome: 'succeeded'; providerReference: string | null } | { outcome: 'manual' };

/**
 * The port every payment method sits behind. The verification of callbacks is provider-specific
 * (a signed query, an API key, a signed raw body), so each adapter adds its own verify method and
 * the callbacks services use the adapter's concrete type.
 */
export interface PaymentProvider {
  readonly method: PaymentMethod;
  /** False when its credentials are not configured: the method is then not offered. */
  readonly available: boolean;
  /** Minutes the buyer has to pay before the payment expires, or null when it never expires. */
  readonly expiryMinutes: number | null;
  start(payment: Payment, context: PaymentStartContext): Promise<StartedPayment>;
  /** Stops the provider from taking money for this payment, where the provider can. */
  cancel(payment: Payment): Promise<CancelAtProvider>;
  /** Gives `request.amount` of a succeeded payment back to the buyer. Called outside any transaction. */
  refund(payment: Payment, request: RefundRequest): Promise<RefundAtProvider>;
}

/** All adapters, one per method. */
export const PAYMENT_PROVIDERS = Symbol('PAYMENT_PROVIDERS');
