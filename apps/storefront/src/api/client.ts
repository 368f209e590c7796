import { createApiClient } from '@ocop/api-client';
import { session } from '../auth/session';

/**
 * Adds the access token to every call. Public routes treat an expired token as no token at all
 * (the cart would silently become an empty guest cart), so a token close to its expiry is renewed
 * before the call; a 401 on a protected route still gets one refresh and one retry.
 */
async function authenticatedFetch(request: Request): Promise<Response> {
  // A body can be read only once, so the copy for a possible retry is taken before sending.
  const retry = request.clone();
  let used: string | null;
  try {
    used = await session.freshAccessToken();
  } catch {
    used = session.getAccessToken();
  }
  if (used) request.headers.set('Authorization', `Bearer ${used}`);
  const response = await fetch(request);
  if (response.status !== 401) return response;

  let fresh: string | null;
  try {
    fresh = await session.accessTokenAfterRefusal(used);
  } catch {
    return response;
  }
  if (!fresh) return response;
  retry.headers.set('Authorization', `Bearer ${fresh}`);
  return fetch(retry);
}

/** The one client of the storefront; same origin, so paths stay relative. */
export const api = createApiClient({ fetch: authenticatedFetch });
