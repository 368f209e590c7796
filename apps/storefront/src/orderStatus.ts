import type { Schemas } from '@ocop/api-client';
import type { Translator } from './i18n/translator';

type SellerOrderStatus = Schemas['SellerOrderDto']['status'];
type PaymentMethod = Schemas['CustomerOrderDto']['paymentMethod'];

/**
 * A cash-on-delivery order starts in `awaiting_payment` too, but nothing is to be paid yet: the
 * seller has to confirm it, so the buyer is told that instead.
 */
export function orderStatusLabel(t: Translator['t'], status: SellerOrderStatus, paymentMethod: PaymentMethod): string {
  if (status === 'awaiting_payment' && paymentMethod === 'cod') return t('orderStatus.awaiting_confirmation');
  return t(`orderStatus.${status}`);
}
