import type { EntityManager } from 'typeorm';
import type { SellerOrderStatus } from './seller-order-lifecycle.js';

export interface SellerOrderTransition {
  customerOrderId: string;
  sellerOrderId: string;
  from: SellerOrderStatus;
  to: SellerOrderStatus;
}

/**
 * What else must change, in the same transaction, when a person moves a seller order: the payment
 * (cash collected on delivery, an open payment closed when nothing is left to pay) and the invoice.
 */
export interface OrderTransitionHooks {
  afterTransition(manager: EntityManager, transition: SellerOrderTransition): Promise<void>;
  /** Work that must not hold the transaction open (a provider call), once the transition is committed. Never throws. */
  afterCommit?(transition: SellerOrderTransition): Promise<void>;
}

export const ORDER_TRANSITION_HOOKS = Symbol('ORDER_TRANSITION_HOOKS');
