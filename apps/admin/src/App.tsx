import type { Role } from '@ocop/shared';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, type ReactNode, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { isRetryable } from './api/request';
import { RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import { useAuth } from './auth/useAuth';
import { Layout } from './components/Layout';
import { I18nProvider } from './i18n/I18nProvider';
import { AccountsPage } from './pages/AccountsPage';
import { ApplyPage } from './pages/buyer/ApplyPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { WorkspaceHome } from './pages/WorkspaceHome';

const sellerWorkspace = () => import('./pages/seller');
const provinceWorkspace = () => import('./pages/province');

/** A page of a workspace chunk: a seller never downloads the province's pages, nor the reverse. */
function fromWorkspace<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const BatchDetailPage = fromWorkspace(sellerWorkspace, 'BatchDetailPage');
const BatchesPage = fromWorkspace(sellerWorkspace, 'BatchesPage');
const DashboardPage = fromWorkspace(sellerWorkspace, 'DashboardPage');
const EditMyOrganisationPage = fromWorkspace(sellerWorkspace, 'EditMyOrganisationPage');
const InvoiceSettingsPage = fromWorkspace(sellerWorkspace, 'InvoiceSettingsPage');
const InvoicesPage = fromWorkspace(sellerWorkspace, 'InvoicesPage');
const MembersPage = fromWorkspace(sellerWorkspace, 'MembersPage');
const MyOrganisationPage = fromWorkspace(sellerWorkspace, 'MyOrganisationPage');
const NewBatchPage = fromWorkspace(sellerWorkspace, 'NewBatchPage');
const NewProductPage = fromWorkspace(sellerWorkspace, 'NewProductPage');
const OrderDetailPage = fromWorkspace(sellerWorkspace, 'OrderDetailPage');
const OrdersPage = fromWorkspace(sellerWorkspace, 'OrdersPage');
const PackingSlipPage = fromWorkspace(sellerWorkspace, 'PackingSlipPage');
const ProductEditorPage = fromWorkspace(sellerWorkspace, 'ProductEditorPage');
const ProductsPage = fromWorkspace(sellerWorkspace, 'ProductsPage');
const SettingsLayout = fromWorkspace(sellerWorkspace, 'SettingsLayout');
const ShippingRulePage = fromWorkspace(sellerWorkspace, 'ShippingRulePage');
const ComplaintPage = fromWorkspace(provinceWorkspace, 'ComplaintPage');
const ComplaintsPage = fromWorkspace(provinceWorkspace, 'ComplaintsPage');
const ExternalFiguresPage = fromWorkspace(provinceWorkspace, 'ExternalFiguresPage');
const KpiDashboardPage = fromWorkspace(provinceWorkspace, 'KpiDashboardPage');
const KpiRecordsPage = fromWorkspace(provinceWorkspace, 'KpiRecordsPage');
const NewTrainingEventPage = fromWorkspace(provinceWorkspace, 'NewTrainingEventPage');
const OcopQueuePage = fromWorkspace(provinceWorkspace, 'OcopQueuePage');
const OrganisationReviewPage = fromWorkspace(provinceWorkspace, 'OrganisationReviewPage');
const OrganisationsPage = fromWorkspace(provinceWorkspace, 'OrganisationsPage');
const PlanPage = fromWorkspace(provinceWorkspace, 'PlanPage');
const PlansPage = fromWorkspace(provinceWorkspace, 'PlansPage');
const RecordComplaintPage = fromWorkspace(provinceWorkspace, 'RecordComplaintPage');
const TrainingEventPage = fromWorkspace(provinceWorkspace, 'TrainingEventPage');
const TrainingEventsPage = fromWorkspace(provinceWorkspace, 'TrainingEventsPage');
const YearlyReportPage = fromWorkspace(provinceWorkspace, 'YearlyReportPage');
const PaymentsPage = fromWorkspace(() => import('./pages/admin/PaymentsPage'), 'PaymentsPage');

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

const SELLER: readonly Role[] = ['seller_member'];
const OFFICER: readonly Role[] = ['province_officer'];
/** Pages an administrator may read; the API lets only officers act on them. */
const PROVINCE_READERS: readonly Role[] = ['province_officer', 'platform_admin'];

function only(roles: readonly Role[], page: ReactNode) {
  return <RequireRole roles={roles}>{page}</RequireRole>;
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
                <Route path="apply" element={only(['buyer'], <ApplyPage />)} />

                {/* Seller workspace */}
                <Route path="dashboard" element={only(SELLER, <DashboardPage />)} />
                <Route path="products" element={only(SELLER, <ProductsPage />)} />
                <Route path="products/new" element={only(SELLER, <NewProductPage />)} />
                <Route path="products/:id" element={only(SELLER, <ProductEditorPage />)} />
                <Route path="batches" element={only(SELLER, <BatchesPage />)} />
                <Route path="batches/new" element={only(SELLER, <NewBatchPage />)} />
                <Route path="batches/:id" element={only(SELLER, <BatchDetailPage />)} />
                <Route path="orders" element={only(SELLER, <OrdersPage />)} />
                <Route path="orders/:id" element={only(SELLER, <OrderDetailPage />)} />
                <Route path="orders/:id/packing-slip" element={only(SELLER, <PackingSlipPage />)} />
                <Route path="my-organisation" element={only(SELLER, <MyOrganisationPage />)} />
                <Route path="my-organisation/edit" element={only(SELLER, <EditMyOrganisationPage />)} />
                <Route path="members" element={only(SELLER, <MembersPage />)} />
                <Route path="invoices" element={only(SELLER, <InvoicesPage />)} />
                <Route path="settings" element={only(SELLER, <SettingsLayout />)}>
                  <Route index element={<Navigate to="shipping" replace />} />
                  <Route path="shipping" element={<ShippingRulePage />} />
                  <Route path="invoices" element={<InvoiceSettingsPage />} />
                </Route>

                {/* Province workspace */}
                <Route path="organisations" element={only(PROVINCE_READERS, <OrganisationsPage />)} />
                <Route path="organisations/:id" element={only(PROVINCE_READERS, <OrganisationReviewPage />)} />
                <Route path="ocop-certificates" element={only(OFFICER, <OcopQueuePage />)} />
                <Route path="kpi" element={only(PROVINCE_READERS, <KpiDashboardPage />)} />
                <Route path="kpi/:kpiId" element={only(PROVINCE_READERS, <KpiRecordsPage />)} />
                <Route path="plans" element={only(PROVINCE_READERS, <PlansPage />)} />
                <Route path="plans/:id" element={only(PROVINCE_READERS, <PlanPage />)} />
                <Route path="reports" element={only(PROVINCE_READERS, <YearlyReportPage />)} />
                <Route path="external-figures" element={only(PROVINCE_READERS, <ExternalFiguresPage />)} />
                <Route path="training" element={only(PROVINCE_READERS, <TrainingEventsPage />)} />
                <Route path="training/new" element={only(OFFICER, <NewTrainingEventPage />)} />
                <Route path="training/:id" element={only(PROVINCE_READERS, <TrainingEventPage />)} />
                <Route path="complaints" element={only(PROVINCE_READERS, <ComplaintsPage />)} />
                <Route path="complaints/new" element={only(OFFICER, <RecordComplaintPage />)} />
                <Route path="complaints/:id" element={only(PROVINCE_READERS, <ComplaintPage />)} />

                <Route path="accounts" element={only(['platform_admin'], <AccountsPage />)} />
                <Route path="payments" element={only(['platform_admin'], <PaymentsPage />)} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}
