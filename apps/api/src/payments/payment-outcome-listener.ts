import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PaymentFlag, PaymentMethod, PaymentStatus } from './payment-method.js';

export interface PaymentOutcomeEvent {
  paymentId: string;
  customerOrderId: string;
  method: PaymentMethod;
  isCash: boolean;
  status: PaymentStatus;
  /** What the order asked for, in đồng. */
  amount: number;
  /** What actually arrived, in đồng (more than `amount` when the buyer over-paid). */
  amountReceived: number;
  reference: string;
  providerTransactionId: string | null;
  paidAt: Date | null;
  flags: PaymentFlag[];
}

/**
 * How the orders capability learns about payments. Both methods run inside the transaction that
 * changed the payment, with its EntityManager: whatever the listener writes commits or rolls back
 * with the payment, and if it throws the payment stays unchanged and the provider is told to retry
 * (VNPay gets 99). Each is called once per transition of a payment.
 *
 * Lock order: payments rows are locked before the listener runs, so a transaction that touches both
 * must lock payments first and orders second, or the two can deadlock.
 */
export interface PaymentOutcomeListener {
  /** The money arrived: pending → succeeded. */
  paymentSucceeded(event: PaymentOutcomeEvent, manager: EntityManager): Promise<void>;
  /** The payment can no longer succeed: pending → failed, expired or cancelled. */
  paymentClosed(event: PaymentOutcomeEvent, manager: EntityManager): Promise<void>;
}

/**
 * Provide this token in exactly one module (the orders module) to receive payment outcomes. The
 * payments module looks it up application-wide, so providing it needs no import of payments and
 * makes no dependency cycle; without a provider the logging listener below is used.
 */
export const PAYMENT_OUTCOME_LISTENER = Symbol('PAYMENT_OUTCOME_LISTENER');

/** Used until the orders capability provides its own listener: it only writes a log line. */
@Injectable()
export class LoggingPaymentOutcomeListener implements PaymentOutcomeListener {
  private readonly logger = new Logger('Payments');

  async paymentSucceeded(event: PaymentOutcomeEvent, _manager: EntityManager): Promise<void> {
    this.logger.log(
      { paymentId: event.paymentId, customerOrderId: event.customerOrderId, method: event.method },
      'Payment succeeded',
    );
  }

  async paymentClosed(event: PaymentOutcomeEvent, _manager: EntityManager): Promise<void> {
    this.logger.log(
      { paymentId: event.paymentId, customerOrderId: event.customerOrderId, status: event.status },
      'Payment closed unpaid',
    );
  }
}
