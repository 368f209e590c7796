import { createApiClient, SessionStore, unwrap } from '@ocop/api-client';
import { cartToken } from '../cart/cartToken';

export type { Account, AuthState } from '@ocop/api-client';

// Not the app's client: this call must not go through its refresh-on-401 retry.
const mergeApi = createApiClient();

/**
 * What a guest put in the cart before signing in joins the account's cart. Done before the session
 * starts, so the first cart the signed-in pages read already holds it. A failure keeps the guest
 * token: signing in matters more, and the next sign-in tries again.
 */
async function mergeGuestCart(accessToken: string): Promise<void> {
  const guestCartToken = cartToken.get();
  if (!guestCartToken) return;
  try {
    await unwrap(
      mergeApi.POST('/api/cart/merge', {
        body: { guestCartToken },
        headers: { Authorization: `Bearer ${accessToken}` },
      }),
    );
    cartToken.set(null);
  } catch {
    // See above.
  }
}

/** Who is signed in to the storefront; kept apart from the admin app's session. */
export const session = new SessionStore({
  storageKey: 'ocop.storefront.refreshToken',
  lockName: 'ocop.storefront.refresh',
  beforeStart: mergeGuestCart,
});
