import { useSyncExternalStore } from 'react';
import { type Account, type AuthState, session } from './session';

export function useAuth(): AuthState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in account; only for components rendered inside `<RequireAuth>`. */
export function useAccount(): Account {
  const state = useAuth();
  if (state.status !== 'signedIn') throw new Error('useAccount used outside a signed-in route');
  return state.account;
}
