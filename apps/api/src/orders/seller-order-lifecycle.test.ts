import { describe, expect, it } from 'vitest';
import { actionsAvailable, transition } from './seller-order-lifecycle.js';

describe('seller order lifecycle', () => {
  it('walks the happy path of an online payment', () => {
    expect(transition('awaiting_payment', 'pay', 'system')).toEqual({ ok: true, to: 'paid' });
    expect(transition('paid', 'pack', 'seller')).toEqual({ ok: true, to: 'packed' });
    expect(transition('packed', 'ship', 'seller')).toEqual({ ok: true, to: 'shipped' });
    expect(transition('shipped', 'deliver', 'seller')).toEqual({ ok: true, to: 'delivered' });
    expect(transition('delivered', 'complete', 'buyer')).toEqual({ ok: true, to: 'completed' });
  });

  it('lets only the seller accept cash on delivery', () => {
    expect(transition('awaiting_payment', 'accept_cod', 'seller')).toEqual({ ok: true, to: 'cod_accepted' });
    expect(transition('awaiting_payment', 'accept_cod', 'buyer')).toEqual({ ok: false, reason: 'not_your_step' });
  });

  it('never lets a person mark an order paid', () => {
    expect(transition('awaiting_payment', 'pay', 'seller')).toEqual({ ok: false, reason: 'not_your_step' });
    expect(transition('awaiting_payment', 'pay', 'buyer')).toEqual({ ok: false, reason: 'not_your_step' });
  });

  it('refunds a paid order when it is cancelled, and cancels an unpaid one', () => {
    expect(transition('paid', 'cancel', 'buyer')).toEqual({ ok: true, to: 'refunded' });
    expect(transition('cod_accepted', 'cancel', 'buyer')).toEqual({ ok: true, to: 'cancelled' });
    expect(transition('packed', 'cancel', 'seller', true)).toEqual({ ok: true, to: 'refunded' });
    expect(transition('packed', 'cancel', 'seller', false)).toEqual({ ok: true, to: 'cancelled' });
  });

  it('refuses skipping steps and leaving an end state', () => {
    expect(transition('paid', 'ship', 'seller')).toEqual({ ok: false, reason: 'not_allowed_now' });
    expect(transition('completed', 'cancel', 'seller')).toEqual({ ok: false, reason: 'not_allowed_now' });
    expect(transition('shipped', 'cancel', 'buyer')).toEqual({ ok: false, reason: 'not_allowed_now' });
  });

  it('lists what each side can do next', () => {
    expect(actionsAvailable('awaiting_payment', 'seller')).toEqual(['accept_cod', 'cancel']);
    expect(actionsAvailable('delivered', 'buyer')).toEqual(['complete']);
  });
});
