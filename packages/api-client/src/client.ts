import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema.js';

export type ApiClient = Client<paths>;

/**
 * A client typed from the API's OpenAPI document (generated in `src/schema.ts` by `pnpm build`):
 * a renamed field or route in the API fails the apps' type check instead of a user's page.
 */
export function createApiClient(options: ClientOptions = {}): ApiClient {
  return createClient<paths>({ baseUrl: '', ...options });
}
