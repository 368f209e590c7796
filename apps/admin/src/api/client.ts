import { createApiClient } from '@ocop/api-client';
import { session } from '../auth/session';

/**
 * Adds the access token to every call; when the API answers 401 (the token expired), trades the
 * refresh token for a new one once and repeats the call, so pages never see a routine expiry.
 */
async function authenticatedFetch(request: Request): Promise<Response> {
  // A body can be read only once, so the copy for a possible retry is taken before sending.
  const retry = request.clone();
  const used = session.getAccessToken();
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

export const api = createApiClient({ fetch: authenticatedFetch });
