// The seller workspace, loaded as one chunk only by the accounts that use it.
export { BatchDetailPage } from './BatchDetailPage';
export { BatchesPage, NewBatchPage } from './BatchesPage';
export { DashboardPage } from './DashboardPage';
export { InvoiceSettingsPage } from './InvoiceSettingsPage';
export { InvoicesPage } from './InvoicesPage';
export { MembersPage } from './MembersPage';
export { EditMyOrganisationPage, MyOrganisationPage } from './MyOrganisationPage';
export { OrderDetailPage } from './OrderDetailPage';
export { OrdersPage } from './OrdersPage';
export { PackingSlipPage } from './PackingSlipPage';
export { NewProductPage, ProductEditorPage } from './ProductEditorPage';
export { ProductsPage } from './ProductsPage';
export { SettingsLayout } from './SettingsLayout';
export { ShippingRulePage } from './ShippingRulePage';
