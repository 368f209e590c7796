import { SessionStore } from '@ocop/api-client';

export type { Account, AuthState } from '@ocop/api-client';

/** Who is signed in to the admin app; kept apart from the storefront's session. */
export const session = new SessionStore({ storageKey: 'ocop.admin.refreshToken', lockName: 'ocop.admin.refresh' });
