import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { isRetryable } from './api/request';
import { RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import { useAuth } from './auth/useAuth';
import { Layout } from './components/Layout';
import { I18nProvider } from './i18n/I18nProvider';
import { AccountsPage } from './pages/AccountsPage';
import { MyOrganisationPage } from './pages/MyOrganisationPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganisationsPage } from './pages/OrganisationsPage';
import { SignInPage } from './pages/SignInPage';
import { WorkspaceHome } from './pages/WorkspaceHome';

// Vite's `base` ('/admin/') is the single source of the mount path.
const BASENAME = import.meta.env.BASE_URL.replace(/\/$/, '');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; show it at once instead of after the back-off.
      retry: (failureCount, error) => failureCount < 2 && isRetryable(error),
      refetchOnWindowFocus: false,
    },
  },
});

/** Data of one account must never show for the next one who signs in on this device. */
function ForgetDataOnSignOut() {
  const status = useAuth().status;
  const client = useQueryClient();
  useEffect(() => {
    if (status === 'signedOut') client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'platform' });
  }, [status, client]);
  return null;
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ForgetDataOnSignOut />
        <BrowserRouter basename={BASENAME}>
          <Routes>
            <Route path="sign-in" element={<SignInPage />} />
            <Route element={<RequireAuth />}>
              <Route element={<Layout />}>
                <Route index element={<WorkspaceHome />} />
                <Route
                  path="my-organisation"
                  element={
                    <RequireRole roles={['seller_member']}>
                      <MyOrganisationPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="organisations"
                  element={
                    <RequireRole roles={['province_officer', 'platform_admin']}>
                      <OrganisationsPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="accounts"
                  element={
                    <RequireRole roles={['platform_admin']}>
                      <AccountsPage />
                    </RequireRole>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}
