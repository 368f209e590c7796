import type { components } from './schema.js';

export type { components, paths } from './schema.js';
export { type ApiClient, createApiClient } from './client.js';
export { type ApiError, isApiError } from './errors.js';
export { ApiRequestError, isRetryable, unwrap } from './request.js';
export { type Account, type AuthState, SessionStore, type SessionStoreOptions } from './session.js';
export type Schemas = components['schemas'];
