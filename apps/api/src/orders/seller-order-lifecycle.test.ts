import { describe, expect, it } from 'vitest';
import { actionsAvailable, type PaymentFacts, transition } from './seller-order-lifecycle.js';

const ONLINE: PaymentFacts = { cashOnDelivery: false, paidOnline: false };
const PAID_ONLINE: PaymentFacts = { cashOnDelivery: false, paidOnline: true };
const COD: PaymentFacts = { cashOnDelivery: true, paidOnline: false };

describe('seller order lifecycle', () => {
  it('walks the happy path of an online payment', () => {
    expect(transition('awaiting_payment', 'pay', 'system', ONLINE)).toEqual({ ok: true, to: 'paid' });
    expect(transition('paid', 'pack', 'seller', PAID_ONLINE)).toEqual({ ok: true, to: 'packed' });
    expect(transition('packed', 'ship', 'seller', PAID_ONLINE)).toEqual({ ok: true, to: 'shipped' });
    expect(transition('shipped', 'deliver', 'seller', PAID_ONLINE)).toEqual({ ok: true, to: 'delivered' });
    expect(transition('delivered', 'complete', 'buyer', PAID_ONLINE)).toEqual({ ok: true, to: 'completed' });
  });

  it('lets only the seller accept cash on delivery', () => {
    expect(transition('awaiting_payment', 'accept_cod', 'seller', COD)).toEqual({ ok: true, to: 'cod_accepted' });
    expect(transition('awaiting_payment', 'accept_cod', 'buyer', COD)).toEqual({ ok: false, reason: 'not_your_step' });
  });

  it('accepts unpaid only an order the buyer chose to pay in cash', () => {
    expect(transition('awaiting_payment', 'accept_cod', 'seller', ONLINE)).toEqual({
      ok: false,
      reason: 'not_cash_on_delivery',
    });
    expect(actionsAvailable('awaiting_payment', 'seller', ONLINE)).toEqual(['cancel']);
  });

  it('never lets a person mark an order paid', () => {
    expect(transition('awaiting_payment', 'pay', 'seller', PAID_ONLINE)).toEqual({
      ok: false,
      reason: 'not_your_step',
    });
    expect(transition('awaiting_payment', 'pay', 'buyer', PAID_ONLINE)).toEqual({ ok: false, reason: 'not_your_step' });
  });

  it('refunds a paid order when it is cancelled, and cancels an unpaid one', () => {
    expect(transition('paid', 'cancel', 'buyer', PAID_ONLINE)).toEqual({ ok: true, to: 'refunded' });
    expect(transition('cod_accepted', 'cancel', 'buyer', COD)).toEqual({ ok: true, to: 'cancelled' });
    expect(transition('packed', 'cancel', 'seller', PAID_ONLINE)).toEqual({ ok: true, to: 'refunded' });
    expect(transition('packed', 'cancel', 'seller', COD)).toEqual({ ok: true, to: 'cancelled' });
  });

  it('refuses skipping steps and leaving an end state', () => {
    expect(transition('paid', 'ship', 'seller', PAID_ONLINE)).toEqual({ ok: false, reason: 'not_allowed_now' });
    expect(transition('completed', 'cancel', 'seller', PAID_ONLINE)).toEqual({ ok: false, reason: 'not_allowed_now' });
    expect(transition('shipped', 'cancel', 'buyer', PAID_ONLINE)).toEqual({ ok: false, reason: 'not_allowed_now' });
  });

  it('lists what each side can do next', () => {
    expect(actionsAvailable('awaiting_payment', 'seller', COD)).toEqual(['accept_cod', 'cancel']);
    expect(actionsAvailable('delivered', 'buyer', COD)).toEqual(['complete']);
  });
});
