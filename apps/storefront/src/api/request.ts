import { createApiClient } from '@ocop/api-client';

// One definition of an API failure for both apps, in the API client package.
export { ApiRequestError, isRetryable, unwrap } from '@ocop/api-client';

/** The one client of the storefront; same origin, so paths stay relative. */
export const api = createApiClient();
