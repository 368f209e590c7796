import { useSyncExternalStore } from 'react';
import { type AuthState, session } from './session';

export function useAuth(): AuthState {
  return useSyncExternalStore(session.subscribe, session.getState);
}
