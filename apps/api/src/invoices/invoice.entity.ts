import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { dongColumn } from '../core/database/dong-column.js';
import type {
  FormNumber,
  InvoiceBuyer,
  InvoiceKind,
  InvoiceLine,
  InvoiceProviderName,
  InvoiceRelation,
  InvoiceSourceType,
  InvoiceStatus,
  RateTotal,
  SellerParty,
} from './invoice-model.js';

/**
 * One e-invoice: an original for a seller order, or an adjustment / replacement linked to the
 * invoice it corrects. Form, symbol and number are set when it is issued, never before, so a
 * request that is cancelled or still waiting holds no number and leaves no gap.
 */
@Entity({ name: 'invoices' })
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'seller_organisation_id', type: 'uuid' })
  sellerOrganisationId: string;

  @Column({ name: 'source_type', type: 'text' })
  sourceType: InvoiceSourceType;

  /** The seller order's id; shared by the original and the invoices that correct it. */
  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ type: 'text' })
  kind: InvoiceKind;

  /** Idempotency key of the request that created the row. */
  @Column({ name: 'request_key', type: 'text' })
  requestKey: string;

  @Column({ type: 'text' })
  status: InvoiceStatus;

  @Column({ name: 'form_number', type: 'smallint', nullable: true })
  formNumber: FormNumber | null;

  @Column({ type: 'text', nullable: true })
  symbol: string | null;

  @Column({ type: 'integer', nullable: true })
  number: number | null;

  /** `NLap`, YYYY-MM-DD in Asia/Ho_Chi_Minh. */
  @Column({ name: 'issue_date', type: 'date', nullable: true })
  issueDate: string | null;

  /** When the sale happened, as the orders module reported it. */
  @Column({ name: 'transaction_at', type: 'timestamptz' })
  transactionAt: Date;

  /** The seller as it was when the invoice was issued: a later rename does not rewrite invoices. */
  @Column({ type: 'jsonb', nullable: true })
  seller: SellerParty | null;

  @Column({ type: 'jsonb' })
  buyer: InvoiceBuyer;

  @Column({ type: 'jsonb' })
  lines: InvoiceLine[];

  @Column({ name: 'payment_method', type: 'text' })
  paymentMethod: string;

  @Column({ name: 'totals_by_rate', type: 'jsonb' })
  totalsByRate: RateTotal[];

  @Column({ name: 'total_before_vat', type: 'bigint', transformer: dongColumn })
  totalBeforeVat: number;

  @Column({ name: 'total_vat', type: 'bigint', transformer: dongColumn })
  totalVat: number;

  @Column({ name: 'total_payable', type: 'bigint', transformer: dongColumn })
  totalPayable: number;

  @Column({ name: 'amount_in_words', type: 'text' })
  amountInWords: string;

  @Column({ name: 'lookup_code', type: 'text' })
  lookupCode: string;

  @Column({ type: 'text', nullable: true, select: false })
  xml: string | null;

  @Column({ type: 'boolean' })
  signed: boolean;

  @Column({ name: 'signed_by', type: 'text', nullable: true })
  signedBy: string | null;

  @Column({ type: 'text', nullable: true })
  provider: InvoiceProviderName | null;

  @Column({ name: 'provider_transaction_id', type: 'text', nullable: true })
  providerTransactionId: string | null;

  @Column({ name: 'provider_reference', type: 'text', nullable: true })
  providerReference: string | null;

  @Column({ name: 'related_invoice_id', type: 'uuid', nullable: true })
  relatedInvoiceId: string | null;

  @Column({ name: 'relation_type', type: 'text', nullable: true })
  relationType: InvoiceRelation | null;

  /** Why an adjustment, replacement or cancellation was made. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
