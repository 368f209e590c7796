import { createApiClient } from './client.js';
import { ApiRequestError, unwrap } from './request.js';
import type { components } from './schema.js';

export type Account = components['schemas']['AccountDto'];
type Session = components['schemas']['SessionDto'];

export type AuthState =
  | { status: 'restoring' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'signedOut'; reason?: 'expired' | 'signedOut' }
  | { status: 'signedIn'; account: Account };

export interface SessionStoreOptions {
  /**
   * Where the refresh token is kept. Each app has its own key, so signing in as a buyer in the
   * storefront never signs anyone in or out of the admin app.
   */
  storageKey: string;
  /** The Web Lock that serialises refreshes across the app's tabs. */
  lockName: string;
  /** Runs after a sign-in or sign-up, before the session starts (the storefront merges the guest cart). */
  beforeStart?: (accessToken: string) => Promise<void>;
}

// Renewed a little before it runs out, so that a call never arrives with a token that just expired.
const RENEW_MARGIN_MS = 30_000;

// The auth routes use a client of their own: they must not go through an app's refresh-on-401 retry.
const authApi = createApiClient();

/**
 * Holds who is signed in. Only the refresh token is stored: it survives a reload, while the
 * short-lived access token stays in memory where other scripts reading storage cannot take it.
 * The API rotates refresh tokens and revokes the whole session when one is used twice, so
 * refreshes are single-flight within a tab and serialised across tabs with a Web Lock, always
 * reading the newest token from storage.
 */
export class SessionStore {
  private state: AuthState;
  private accessToken: string | null = null;
  private accessTokenExpiresAt = 0;
  private refreshing: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: SessionStoreOptions) {
    this.state = this.readRefreshToken() ? { status: 'restoring' } : { status: 'signedOut' };
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        // Signed out in another tab: follow it here too.
        if (event.key === options.storageKey && event.newValue === null && this.state.status === 'signedIn') {
          this.end('signedOut');
        }
      });
    }
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): AuthState => this.state;

  getAccessToken(): string | null {
    return this.accessToken;
  }

  /** The access token, renewed first when it is about to expire; null for a guest. */
  async freshAccessToken(): Promise<string | null> {
    if (this.state.status === 'restoring' && this.refreshing) return this.refreshing;
    if (!this.accessToken) return null;
    if (Date.now() < this.accessTokenExpiresAt - RENEW_MARGIN_MS) return this.accessToken;
    return this.refresh();
  }

  /** Called once on load: a stored refresh token becomes a session again. */
  async restore(): Promise<void> {
    if (!this.readRefreshToken()) {
      this.setState({ status: 'signedOut' });
      return;
    }
    this.setState({ status: 'restoring' });
    try {
      await this.refresh();
    } catch (error) {
      this.setState({ status: 'unreachable', error });
    }
  }

  async signIn(login: string, password: string): Promise<Account> {
    return this.begin(await unwrap(authApi.POST('/api/auth/sign-in', { body: { login, password } })));
  }

  async signUp(body: components['schemas']['SignUpDto']): Promise<Account> {
    return this.begin(await unwrap(authApi.POST('/api/auth/sign-up', { body })));
  }

  async signOut(): Promise<void> {
    const refreshToken = this.readRefreshToken();
    try {
      if (refreshToken) await unwrap(authApi.POST('/api/auth/sign-out', { body: { refreshToken } }));
    } catch {
      // The token expires on its own; the person still gets signed out here.
    } finally {
      this.end('signedOut');
    }
  }

  /**
   * Reads the account again after something changed it on the API's side (a buyer's application
   * made them a seller, an accepted invitation joined them to an organisation), so that the app
   * follows. A refresh answers with the account as it is now.
   */
  async reloadAccount(): Promise<void> {
    await this.refresh();
  }

  /**
   * A fresh access token after a call was refused with 401 while using `used`, or null when the
   * session is over. Throws when the API could not be reached.
   */
  async accessTokenAfterRefusal(used: string | null): Promise<string | null> {
    if (this.accessToken && this.accessToken !== used) return this.accessToken;
    if (!this.readRefreshToken()) return null;
    return this.refresh();
  }

  private async begin(session: Session): Promise<Account> {
    await this.options.beforeStart?.(session.accessToken);
    this.start(session);
    return session.account;
  }

  private refresh(): Promise<string | null> {
    this.refreshing ??= this.exchangeRefreshToken().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async exchangeRefreshToken(): Promise<string | null> {
    const exchange = async (): Promise<string | null> => {
      const refreshToken = this.readRefreshToken();
      if (!refreshToken) {
        this.end('expired');
        return null;
      }
      try {
        const session = await unwrap(authApi.POST('/api/auth/refresh', { body: { refreshToken } }));
        this.start(session);
        return session.accessToken;
      } catch (error) {
        if (error instanceof ApiRequestError && (error.status === 401 || error.status === 400)) {
          this.end('expired');
          return null;
        }
        throw error;
      }
    };
    return typeof navigator !== 'undefined' && navigator.locks
      ? navigator.locks.request(this.options.lockName, exchange)
      : exchange();
  }

  private start(session: Session): void {
    this.writeRefreshToken(session.refreshToken);
    this.accessToken = session.accessToken;
    this.accessTokenExpiresAt = Date.now() + session.expiresIn * 1000;
    this.setState({ status: 'signedIn', account: session.account });
  }

  private end(reason: 'expired' | 'signedOut'): void {
    this.writeRefreshToken(null);
    this.accessToken = null;
    this.accessTokenExpiresAt = 0;
    this.setState({ status: 'signedOut', reason });
  }

  private setState(state: AuthState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private readRefreshToken(): string | null {
    try {
      return localStorage.getItem(this.options.storageKey);
    } catch {
      return null;
    }
  }

  private writeRefreshToken(token: string | null): void {
    try {
      if (token) localStorage.setItem(this.options.storageKey, token);
      else localStorage.removeItem(this.options.storageKey);
    } catch {
      // Without storage the session simply does not survive a reload.
    }
  }
}
