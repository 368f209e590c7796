import { isRecord, isString, storedValue } from '../storage';

/**
 * A guest can open an order only with the access token handed out at checkout. The tokens of the
 * orders placed on this device are kept so that "my orders" and the order page work without the
 * link; the link with `?token=` works on any device.
 */
export interface GuestOrder {
  code: string;
  token: string;
  placedAt: string;
}

const MAX_REMEMBERED = 20;

const isGuestOrder = (value: unknown): value is GuestOrder =>
  isRecord(value) && isString(value.code) && isString(value.token) && isString(value.placedAt);

export const guestOrders = storedValue<GuestOrder[]>(
  'ocop.guestOrders',
  [],
  (value): value is GuestOrder[] => Array.isArray(value) && value.every(isGuestOrder),
);

export function rememberGuestOrder(code: string, token: string): void {
  const others = guestOrders.get().filter((order) => order.code !== code);
  guestOrders.set([{ code, token, placedAt: new Date().toISOString() }, ...others].slice(0, MAX_REMEMBERED));
}

export function guestOrderToken(code: string): string | undefined {
  return guestOrders.get().find((order) => order.code === code)?.token;
}
