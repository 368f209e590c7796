import { isString, storedValue } from '../storage';

/**
 * The guest cart's token, handed out by the API with the first line added. Kept in localStorage so a
 * guest's cart survives closing the tab; a signed-in buyer's cart is found by their account instead,
 * and the guest cart is merged into it at sign-in.
 */
export const cartToken = storedValue<string | null>(
  'ocop.cartToken',
  null,
  (value): value is string | null => value === null || (isString(value) && /^[A-Za-z0-9_-]{20,100}$/.test(value)),
);

export function cartTokenHeaders(): Record<string, string> {
  const token = cartToken.get();
  return token ? { 'X-Cart-Token': token } : {};
}
