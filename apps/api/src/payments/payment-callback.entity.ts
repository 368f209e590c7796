import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dongColumn } from '../core/database/dong-column.js';
import type { CallbackSource } from './payment-method.js';

/**
 * Every notification a provider sent us, valid or not, and what we answered. Append-only: it is the
 * evidence when a buyer, a seller or a provider disputes what happened.
 */
@Entity({ name: 'payment_callbacks' })
export class PaymentCallback {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  source: CallbackSource;

  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  /** The notification as received, with anything secret removed before it was stored. */
  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'signature_valid', type: 'boolean' })
  signatureValid: boolean;

  /** VNPay's RspCode for IPNs, otherwise a word such as `captured`, `underpaid`, `duplicate`. */
  @Column({ type: 'text' })
  outcome: string;

  /** The amount the notification reported, in đồng. */
  @Column({ type: 'bigint', nullable: true, transformer: dongColumn })
  amount: number | null;

  /** Set on the first notification of a provider event; a repeat finds it taken and is recognised. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
