import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PaymentOutcomeEvent, PaymentOutcomeListener } from '../payments/payment-outcome-listener.js';
import { OrdersService } from './orders.service.js';

/**
 * Payments tell orders what happened, inside the transaction that changed the payment (the payment
 * row is already locked, so orders rows are locked second, as everywhere else).
 */
@Injectable()
export class OrdersPaymentListener implements PaymentOutcomeListener {
  constructor(private readonly orders: OrdersService) {}

  async paymentSucceeded(event: PaymentOutcomeEvent, manager: EntityManager): Promise<void> {
    // Cash is captured when the goods are delivered, by which time the orders have moved on.
    if (event.isCash) return;
    await this.orders.markPaid(manager, event.customerOrderId);
  }

  /**
   * An expired payment ends the order's time to pay. A failed or cancelled one does not: the buyer
   * may still pay another way until the payment window closes.
   */
  async paymentClosed(event: PaymentOutcomeEvent, manager: EntityManager): Promise<void> {
    if (event.status === 'expired') await this.orders.expireAwaitingPayment(manager, event.customerOrderId);
  }
}
