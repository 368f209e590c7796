/**
 * The life of one seller's part of an order. Each step names who may take it; anything not listed
 * here is refused, so a new status cannot be reached by accident.
 *
 *   awaiting_payment ──pay──▶ paid ──pack──▶ packed ──ship──▶ shipped ──deliver──▶ delivered ──complete──▶ completed
 *          │  └──accept_cod──▶ cod_accepted ──pack──┘                                     │
 *          └──cancel / expire──▶ cancelled          (paid or packed) ──cancel──▶ refunded ◀──refund──┘
 */
export const SELLER_ORDER_STATUSES = [
  'awaiting_payment',
  'paid',
  'cod_accepted',
  'packed',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
] as const;
export type SellerOrderStatus = (typeof SELLER_ORDER_STATUSES)[number];

export type OrderActor = 'buyer' | 'seller' | 'system';

export const ORDER_ACTIONS = [
  'pay',
  'accept_cod',
  'pack',
  'ship',
  'deliver',
  'complete',
  'cancel',
  'expire',
  'refund',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

interface Step {
  to: SellerOrderStatus;
  by: readonly OrderActor[];
}

const STEPS: Record<SellerOrderStatus, Partial<Record<OrderAction, Step>>> = {
  awaiting_payment: {
    pay: { to: 'paid', by: ['system'] },
    accept_cod: { to: 'cod_accepted', by: ['seller'] },
    cancel: { to: 'cancelled', by: ['buyer', 'seller'] },
    expire: { to: 'cancelled', by: ['system'] },
  },
  paid: {
    pack: { to: 'packed', by: ['seller'] },
    // Money was taken, so cancelling means giving it back.
    cancel: { to: 'refunded', by: ['buyer', 'seller'] },
  },
  cod_accepted: {
    pack: { to: 'packed', by: ['seller'] },
    cancel: { to: 'cancelled', by: ['buyer', 'seller'] },
  },
  packed: {
    ship: { to: 'shipped', by: ['seller'] },
    cancel: { to: 'cancelled', by: ['seller'] },
  },
  shipped: {
    deliver: { to: 'delivered', by: ['seller', 'system'] },
  },
  delivered: {
    complete: { to: 'completed', by: ['buyer', 'system'] },
    refund: { to: 'refunded', by: ['seller'] },
  },
  completed: {},
  cancelled: {},
  refunded: {},
};

/** How the order is paid: the statuses alone do not say, and two steps depend on it. */
export interface PaymentFacts {
  /**
   * The buyer chose cash on delivery. Only such an order may be accepted unpaid: accepting a VNPay
   * or transfer order that way would ship goods nobody paid for and count them as cash.
   */
  cashOnDelivery: boolean;
  /** Money was captured online, so cancelling a packed order means giving it back. */
  paidOnline: boolean;
}

export type TransitionResult =
  | { ok: true; to: SellerOrderStatus }
  | { ok: false; reason: 'not_allowed_now' | 'not_your_step' | 'not_cash_on_delivery' };

/** Where `action` by `actor` leads from `from`, for an order paid as `payment` says. */
export function transition(
  from: SellerOrderStatus,
  action: OrderAction,
  actor: OrderActor,
  payment: PaymentFacts,
): TransitionResult {
  const step = STEPS[from][action];
  if (!step) return { ok: false, reason: 'not_allowed_now' };
  if (!step.by.includes(actor)) return { ok: false, reason: 'not_your_step' };
  if (action === 'accept_cod' && !payment.cashOnDelivery) return { ok: false, reason: 'not_cash_on_delivery' };
  // `packed` is reached both from `paid` and from `cod_accepted`.
  if (from === 'packed' && action === 'cancel' && payment.paidOnline) return { ok: true, to: 'refunded' };
  return { ok: true, to: step.to };
}

/** Statuses in which the reserved stock is given back to the shelf. */
export function releasesStock(status: SellerOrderStatus): boolean {
  return status === 'cancelled' || status === 'refunded';
}

export function actionsAvailable(from: SellerOrderStatus, actor: OrderActor, payment: PaymentFacts): OrderAction[] {
  return (Object.keys(STEPS[from]) as OrderAction[]).filter((action) => transition(from, action, actor, payment).ok);
}
