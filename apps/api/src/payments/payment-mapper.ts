import type { PaymentCallbackDto, PaymentDto } from './dto/payment.dto.js';
import type { Payment } from './payment.entity.js';
import type { PaymentCallback } from './payment-callback.entity.js';

export function toPaymentDto(payment: Payment): PaymentDto {
  const pending = payment.status === 'pending';
  return {
    id: payment.id,
    customerOrderId: payment.customerOrderId,
    method: payment.method,
    isCash: payment.isCash,
    amount: payment.amount,
    currency: payment.currency,
    status: payment.status,
    reference: payment.reference,
    amountReceived: payment.amountReceived,
    amountDue: pending ? Math.max(0, payment.amount - payment.amountReceived) : 0,
    // While pending, money received counts towards the payment; once closed, all of it goes back.
    // A succeeded payment owes back any excess plus the refunds of its seller orders not yet done.
    amountToRefund: pending
      ? 0
      : payment.status === 'succeeded'
        ? Math.max(0, payment.amountReceived - payment.amount) + (payment.refundOwed ?? 0)
        : payment.amountReceived,
    amountRefunded: payment.amountRefunded ?? 0,
    flags: payment.flags,
    failureCode: payment.failureCode,
    failureMessage: payment.failureMessage,
    instructions: pending ? payment.instructions : null,
    paidAt: payment.paidAt?.toISOString() ?? null,
    expiresAt: payment.expiresAt?.toISOString() ?? null,
    createdAt: payment.createdAt.toISOString(),
  };
}

export function toCallbackDto(callback: PaymentCallback): PaymentCallbackDto {
  return {
    id: callback.id,
    source: callback.source,
    paymentId: callback.paymentId,
    signatureValid: callback.signatureValid,
    outcome: callback.outcome,
    amount: callback.amount,
    payload: callback.payload,
    receivedAt: callback.receivedAt.toISOString(),
  };
}
