import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { isRetryable } from './api/request';
import { useAuth } from './auth/useAuth';
import { Layout } from './components/Layout';
import { ScrollToTop } from './components/ScrollToTop';
import { I18nProvider } from './i18n/I18nProvider';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';

// The home page is in the first bundle (it is where most visits start); every other page is a
// chunk of its own, fetched on first visit, so the first load stays small on a phone.
const SearchPage = lazy(() => import('./pages/SearchPage'));
const ProductPage = lazy(() => import('./pages/ProductPage'));
const ShopPage = lazy(() => import('./pages/ShopPage'));
const CartPage = lazy(() => import('./pages/CartPage'));
const CheckoutPage = lazy(() => import('./pages/CheckoutPage'));
const VnpayReturnPage = lazy(() => import('./pages/VnpayReturnPage'));
const OrderPage = lazy(() => import('./pages/OrderPage'));
const AccountOrdersPage = lazy(() => import('./pages/AccountOrdersPage'));
const AddressesPage = lazy(() => import('./pages/AddressesPage'));
const SignInPage = lazy(() => import('./pages/SignInPage'));
const InvoicePage = lazy(() => import('./pages/InvoicePage'));

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; show it at once instead of after the back-off.
      retry: (failureCount, error) => failureCount < 2 && isRetryable(error),
      refetchOnWindowFocus: false,
    },
  },
});

/** Orders and carts of one account must never show for the next person on this device. */
function ForgetAccountDataOnSignOut() {
  const status = useAuth().status;
  const client = useQueryClient();
  useEffect(() => {
    if (status === 'signedOut') {
      client.removeQueries({ queryKey: ['orders'] });
      client.removeQueries({ queryKey: ['cart'], predicate: (query) => String(query.queryKey[1]).startsWith('user:') });
    }
  }, [status, client]);
  return null;
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ForgetAccountDataOnSignOut />
        <BrowserRouter>
          <ScrollToTop />
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="tim-kiem" element={<SearchPage />} />
              <Route path="san-pham/:slug" element={<ProductPage />} />
              <Route path="cua-hang/:slug" element={<ShopPage />} />
              <Route path="gio-hang" element={<CartPage />} />
              <Route path="thanh-toan" element={<CheckoutPage />} />
              <Route path="thanh-toan/vnpay" element={<VnpayReturnPage />} />
              <Route path="don-hang/:code" element={<OrderPage />} />
              <Route path="tai-khoan" element={<Navigate to="/tai-khoan/don-hang" replace />} />
              <Route path="tai-khoan/don-hang" element={<AccountOrdersPage />} />
              <Route path="tai-khoan/dia-chi" element={<AddressesPage />} />
              <Route path="hoa-don" element={<InvoicePage />} />
              <Route path="hoa-don/:code" element={<InvoicePage />} />
              <Route path="dang-nhap" element={<SignInPage mode="signIn" />} />
              <Route path="dang-ky" element={<SignInPage mode="signUp" />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}
