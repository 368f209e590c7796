import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { useI18n } from '../i18n/I18nProvider';
import { session } from './session';
import { useAuth } from './useAuth';

/** Renders the nested routes for a signed-in account; sends everyone else to the sign-in page. */
export function RequireAuth() {
  const { t } = useI18n();
  const state = useAuth();
  const location = useLocation();

  switch (state.status) {
    case 'signedIn':
      return <Outlet />;
    case 'restoring':
      return (
        <main className="centered">
          <PageStatus>{t('session.restoring')}</PageStatus>
        </main>
      );
    case 'unreachable':
      return (
        <main className="centered">
          <ErrorPanel title={t('session.unreachable')} error={state.error} onRetry={() => void session.restore()} />
        </main>
      );
    case 'signedOut':
      // After an explicit sign-out the next person starts from their own workspace, not this page.
      return (
        <Navigate
          to="/sign-in"
          replace
          state={state.reason === 'signedOut' ? null : { from: `${location.pathname}${location.search}` }}
        />
      );
  }
}
