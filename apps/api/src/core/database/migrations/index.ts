import { Extensions1764000000000 } from './1764000000000-extensions.js';
import { Identity1764000000100 } from './1764000000100-identity.js';
import { Geography1764000000200 } from './1764000000200-geography.js';
import { Organisations1764000000300 } from './1764000000300-organisations.js';
import { OrganisationInvitations1764000000350 } from './1764000000350-organisation-invitations.js';
import { Catalog1764000000400 } from './1764000000400-catalog.js';
import { CatalogListPriceGuard1764000000410 } from './1764000000410-catalog-list-price-guard.js';
import { Traceability1764000000450 } from './1764000000450-traceability.js';
import { ShippingRules1764000000500 } from './1764000000500-shipping-rules.js';
import { Orders1764000000550 } from './1764000000550-orders.js';
import { OrderLineBatch1764000000555 } from './1764000000555-order-line-batch.js';
import { Payments1764000000600 } from './1764000000600-payments.js';
import { Invoices1764000000700 } from './1764000000700-invoices.js';
import { Plans1764000000800 } from './1764000000800-plans.js';
import { Training1764000000810 } from './1764000000810-training.js';
import { Complaints1764000000820 } from './1764000000820-complaints.js';
import { Search1764000000900 } from './1764000000900-search.js';
import { ListPriceTriggerPriceColumns1764000001000 } from './1764000001000-list-price-trigger-price-columns.js';
import { KpiReportJobs1764000002000 } from './1764000002000-kpi-report-jobs.js';
import { KpiIndexes1764000002010 } from './1764000002010-kpi-indexes.js';
import { RecentTraceBatches1764000004000 } from './1764000004000-recent-trace-batches.js';
import { PaymentRefunds1764000005000 } from './1764000005000-payment-refunds.js';

/** Every migration, oldest first. New capabilities append theirs here. */
export const migrations = [
  Extensions1764000000000,
  Identity1764000000100,
  Geography1764000000200,
  Organisations1764000000300,
  OrganisationInvitations1764000000350,
  Catalog1764000000400,
  CatalogListPriceGuard1764000000410,
  Traceability1764000000450,
  ShippingRules1764000000500,
  Orders1764000000550,
  OrderLineBatch1764000000555,
  Payments1764000000600,
  Invoices1764000000700,
  Plans1764000000800,
  Training1764000000810,
  Complaints1764000000820,
  Search1764000000900,
  ListPriceTriggerPriceColumns1764000001000,
  KpiReportJobs1764000002000,
  KpiIndexes1764000002010,
  RecentTraceBatches1764000004000,
  PaymentRefunds1764000005000,
];
