import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dongColumn } from '../core/database/dong-column.js';
import type { RefundStatus } from './payment-method.js';

/** Money going back to the buyer for one refunded seller order, against the payment that captured it. */
@Entity({ name: 'payment_refunds' })
export class PaymentRefund {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ name: 'seller_order_id', type: 'uuid' })
  sellerOrderId: string;

  @Column({ type: 'bigint', transformer: dongColumn })
  amount: number;

  @Column({ type: 'text' })
  status: RefundStatus;

  @Column({ name: 'provider_reference', type: 'text', nullable: true })
  providerReference: string | null;

  @Column({ type: 'integer' })
  attempts: number;

  /** The provider's or the network's error text; never a credential. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  /** Set while one process is calling the provider, so that the sweep does not send it a second time. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
