import { isRecord, isString, storedValue } from '../storage';

/**
 * A payment is read with the access token returned when it started (guests have no account). The
 * tokens are kept per order so that the payment page survives a reload and VNPay's redirect back.
 */
export interface PaymentAccess {
  orderCode: string;
  paymentId: string;
  accessToken: string;
  method: string;
}

const MAX_REMEMBERED = 20;

const isPaymentAccess = (value: unknown): value is PaymentAccess =>
  isRecord(value) &&
  isString(value.orderCode) &&
  isString(value.paymentId) &&
  isString(value.accessToken) &&
  isString(value.method);

export const paymentAccesses = storedValue<PaymentAccess[]>(
  'ocop.payments',
  [],
  (value): value is PaymentAccess[] => Array.isArray(value) && value.every(isPaymentAccess),
);

export function rememberPayment(access: PaymentAccess): void {
  const others = paymentAccesses.get().filter((entry) => entry.paymentId !== access.paymentId);
  paymentAccesses.set([access, ...others].slice(0, MAX_REMEMBERED));
}

export function paymentById(paymentId: string): PaymentAccess | undefined {
  return paymentAccesses.get().find((entry) => entry.paymentId === paymentId);
}
