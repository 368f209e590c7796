import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { CartOwner } from './cart.service.js';

export const CART_TOKEN_HEADER = 'x-cart-token';

/**
 * The cart a request speaks about: the signed-in buyer's own, otherwise the guest cart named by the
 * X-Cart-Token header, otherwise none yet.
 */
export const CurrentCart = createParamDecorator((_data: unknown, context: ExecutionContext): CartOwner | null => {
  const request = context
    .switchToHttp()
    .getRequest<{ user?: AuthenticatedUser; headers: Record<string, string | undefined> }>();
  if (request.user) return { userId: request.user.userId };
  const token = request.headers[CART_TOKEN_HEADER];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? { guestToken: token } : null;
});
