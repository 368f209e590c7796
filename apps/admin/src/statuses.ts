import type { Schemas } from '@ocop/api-client';
import type { Tone } from './components/StatusBadge';

export type OrganisationStatus = Schemas['OrganisationDto']['status'];
export type ProductStatus = Schemas['SellerProductDto']['status'];
export type SellerOrderStatus = Schemas['SellerOrderDto']['status'];
export type OcopStatus = Schemas['OcopCertificateDto']['status'];
export type InvoiceStatus = Schemas['SellerInvoiceDto']['status'];
export type ComplaintStatus = Schemas['ComplaintDto']['status'];

export const ORGANISATION_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'suspended',
] as const satisfies readonly OrganisationStatus[];
export const ORGANISATION_TONES: Record<OrganisationStatus, Tone> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  suspended: 'danger',
};

export const PRODUCT_STATUSES = ['draft', 'published', 'archived'] as const satisfies readonly ProductStatus[];
export const PRODUCT_TONES: Record<ProductStatus, Tone> = {
  draft: 'neutral',
  published: 'success',
  archived: 'warning',
};

export const SELLER_ORDER_STATUSES = [
  'awaiting_payment',
  'paid',
  'cod_accepted',
  'packed',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
] as const satisfies readonly SellerOrderStatus[];
export const ORDER_TONES: Record<SellerOrderStatus, Tone> = {
  awaiting_payment: 'warning',
  paid: 'info',
  cod_accepted: 'info',
  packed: 'info',
  shipped: 'info',
  delivered: 'success',
  completed: 'success',
  cancelled: 'neutral',
  refunded: 'neutral',
};
/**
 * Orders that still wait for the seller. Unpaid orders are included because a cash-on-delivery
 * order waits there for the seller to accept it, and the API does not tell the seller which
 * orders are cash on delivery.
 */
export const ORDERS_TO_HANDLE: readonly SellerOrderStatus[] = [
  'awaiting_payment',
  'paid',
  'cod_accepted',
  'packed',
  'shipped',
];
/** Orders whose money is, or will be, the seller's: not waiting for payment, not cancelled or refunded. */
export const ORDERS_COUNTING_AS_SALES: readonly SellerOrderStatus[] = [
  'paid',
  'cod_accepted',
  'packed',
  'shipped',
  'delivered',
  'completed',
];

export const OCOP_STATUSES = ['pending', 'verified', 'rejected', 'superseded'] as const satisfies readonly OcopStatus[];
export const OCOP_TONES: Record<OcopStatus, Tone> = {
  pending: 'warning',
  verified: 'success',
  rejected: 'danger',
  superseded: 'neutral',
};

export const INVOICE_STATUSES = [
  'queued',
  'issuing',
  'issued',
  'failed',
  'replaced',
  'adjusted',
  'cancelled',
] as const satisfies readonly InvoiceStatus[];
export const INVOICE_TONES: Record<InvoiceStatus, Tone> = {
  queued: 'neutral',
  issuing: 'info',
  issued: 'success',
  failed: 'danger',
  replaced: 'neutral',
  adjusted: 'neutral',
  cancelled: 'neutral',
};

export const COMPLAINT_STATUSES = [
  'received',
  'in_progress',
  'resolved',
  'rejected',
] as const satisfies readonly ComplaintStatus[];
export const COMPLAINT_TONES: Record<ComplaintStatus, Tone> = {
  received: 'warning',
  in_progress: 'info',
  resolved: 'success',
  rejected: 'neutral',
};
