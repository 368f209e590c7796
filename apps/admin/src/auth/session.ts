import { createApiClient, type Schemas } from '@ocop/api-client';
import { ApiRequestError, unwrap } from '../api/request';

export type Account = Schemas['AccountDto'];
type Session = Schemas['SessionDto'];

export type AuthState =
  | { status: 'restoring' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'signedOut'; reason?: 'expired' | 'signedOut' }
  | { status: 'signedIn'; account: Account };

// Only the refresh token is stored: it survives a reload, while the short-lived access token stays
// in memory where other scripts reading storage cannot take it.
const REFRESH_TOKEN_KEY = 'ocop.admin.refreshToken';
const REFRESH_LOCK = 'ocop.admin.refresh';

// The auth routes use a client of their own: they must not go through the refresh-on-401 retry.
const authApi = createApiClient();

function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeRefreshToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(REFRESH_TOKEN_KEY, token);
    else localStorage.removeItem(REFRESH_TOKEN_KEY);
  } catch {
    // Without storage the session simply does not survive a reload.
  }
}

/**
 * Holds who is signed in. The API rotates refresh tokens and revokes the whole session when one
 * is used twice, so refreshes are single-flight within a tab and serialised across tabs with a
 * Web Lock, always reading the newest token from storage.
 */
class SessionStore {
  private state: AuthState = readRefreshToken() ? { status: 'restoring' } : { status: 'signedOut' };
  private accessToken: string | null = null;
  private refreshing: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        // Signed out in another tab: follow it here too.
        if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && this.state.status === 'signedIn') {
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

  /** Called once on load: a stored refresh token becomes a session again. */
  async restore(): Promise<void> {
    if (!readRefreshToken()) {
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
    const session = await unwrap(authApi.POST('/api/auth/sign-in', { body: { login, password } }));
    this.start(session);
    return session.account;
  }

  async signOut(): Promise<void> {
    const refreshToken = readRefreshToken();
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
   * made them a seller, an accepted invitation joined them to an organisation), so that the
   * workspace follows. A refresh answers with the account as it is now.
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
    if (!readRefreshToken()) return null;
    return this.refresh();
  }

  private refresh(): Promise<string | null> {
    this.refreshing ??= this.exchangeRefreshToken().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async exchangeRefreshToken(): Promise<string | null> {
    const exchange = async (): Promise<string | null> => {
      const refreshToken = readRefreshToken();
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
      ? navigator.locks.request(REFRESH_LOCK, exchange)
      : exchange();
  }

  private start(session: Session): void {
    writeRefreshToken(session.refreshToken);
    this.accessToken = session.accessToken;
    this.setState({ status: 'signedIn', account: session.account });
  }

  private end(reason: 'expired' | 'signedOut'): void {
    writeRefreshToken(null);
    this.accessToken = null;
    this.setState({ status: 'signedOut', reason });
  }

  private setState(state: AuthState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export const session = new SessionStore();
