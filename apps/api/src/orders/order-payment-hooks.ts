import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PaymentRefundsService } from '../payments/payment-refunds.service.js';
import { PaymentsService } from '../payments/payments.service.js';
import type { OrderTransitionHooks, SellerOrderTransition } from './order-transition-hooks.js';

/** Statuses in which a seller order no longer needs to be paid for. */
const GONE = ['cancelled', 'refunded'];
/** Statuses in which cash-on-delivery goods have reached the buyer. */
const HANDED_OVER = ['delivered', 'completed'];

/**
 * Keeps payments in step with the orders people move:
 * - cash on delivery is captured when the last parcel of the order is delivered;
 * - cancelling a part of an order closes its open payment (its amount is no longer right) and, for
 *   cash on delivery, opens a new one for what is still to be delivered;
 * - a refunded seller order (its money was captured) records a refund of its total against the
 *   captured payment, sent to the provider once the transition is committed.
 */
@Injectable()
export class OrderPaymentHooks implements OrderTransitionHooks {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: PaymentRefundsService,
  ) {}

  async afterTransition(manager: EntityManager, transition: SellerOrderTransition): Promise<void> {
    const [order] = (await manager.query('SELECT payment_method, code FROM customer_orders WHERE id = $1', [
      transition.customerOrderId,
    ])) as { payment_method: string; code: string }[];
    if (!order) return;
    const siblings: { id: string; status: string; total: string }[] = await manager.query(
      'SELECT id, status, total FROM seller_orders WHERE customer_order_id = $1',
      [transition.customerOrderId],
    );
    if (transition.to === 'refunded') {
      const sellerOrder = siblings.find((sibling) => sibling.id === transition.sellerOrderId);
      // Only this seller order's part: the payment may cover other sellers' orders too.
      if (sellerOrder) {
        await this.refunds.recordForSellerOrder(manager, {
          customerOrderId: transition.customerOrderId,
          sellerOrderId: transition.sellerOrderId,
          amount: Number(sellerOrder.total),
        });
      }
    }
    const live = siblings.filter((sibling) => !GONE.includes(sibling.status));
    const pending = (await this.payments.listForOrder(transition.customerOrderId, manager)).filter(
      (p) => p.status === 'pending',
    );

    if (order.payment_method === 'cod' && transition.to === 'delivered') {
      const cod = pending.find((payment) => payment.method === 'cod');
      if (cod && live.length > 0 && live.every((sibling) => HANDED_OVER.includes(sibling.status))) {
        await this.payments.confirmCashCollected(cod.id, manager);
      }
      return;
    }

    if (GONE.includes(transition.to) && pending.length > 0) {
      await this.payments.closePendingForOrder(transition.customerOrderId, 'cancelled', manager);
      const remaining = live.reduce((sum, sibling) => sum + Number(sibling.total), 0);
      if (order.payment_method === 'cod' && remaining > 0) {
        await this.payments.createPayment(
          {
            customerOrderId: transition.customerOrderId,
            amount: remaining,
            method: 'cod',
            buyerIp: '127.0.0.1',
            orderInfo: `Thanh toan don hang ${order.code}`,
          },
          manager,
        );
      }
    }
  }

  async afterCommit(transition: SellerOrderTransition): Promise<void> {
    if (transition.to !== 'refunded') return;
    try {
      const [refund] = (await this.refunds.listForSellerOrder(transition.sellerOrderId)).filter(
        (candidate) => candidate.status === 'requested',
      );
      if (refund) await this.refunds.send(refund.id);
    } catch (error) {
      this.logger.error(
        { err: error, sellerOrderId: transition.sellerOrderId },
        'Could not send a refund; the sweep will',
      );
    }
  }
}
