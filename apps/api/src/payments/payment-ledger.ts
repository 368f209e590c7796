import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Payment } from './payment.entity.js';
import { PaymentCallback } from './payment-callback.entity.js';
import type { CallbackSource, PaymentFlag, PaymentMethod, PaymentStatus } from './payment-method.js';
import {
  LoggingPaymentOutcomeListener,
  PAYMENT_OUTCOME_LISTENER,
  type PaymentOutcomeEvent,
  type PaymentOutcomeListener,
} from './payment-outcome-listener.js';

export interface LockedPayment {
  payment: Payment;
  /** The other payments of the same order, locked too: a capture must know whether one already succeeded. */
  siblings: Payment[];
}

export interface CallbackEntry {
  source: CallbackSource;
  payload: unknown;
  signatureValid: boolean;
  outcome: string;
  paymentId?: string | null;
  amount?: number | null;
  dedupeKey?: string | null;
}

export interface CaptureDetails {
  amountReceived: number;
  providerTransactionId: string | null;
  paidAt: Date;
  flags?: PaymentFlag[];
}

type Closing = Extract<PaymentStatus, 'failed' | 'expired' | 'cancelled'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and callers; PostgreSQL would answer a malformed uuid with an error, not "none". */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An amount as a callback reported it, or null when it is not a whole number of đồng. */
export function reportedDong(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

export function withFlags(current: PaymentFlag[], add: PaymentFlag[] = [], remove: PaymentFlag[] = []): PaymentFlag[] {
  return [...new Set([...current, ...add])].filter((flag) => !remove.includes(flag));
}

/**
 * The only code that changes a payment's status. Every change happens inside a transaction that
 * holds row locks on all payments of the order, moves only from `pending` (re-checked in the
 * UPDATE itself), and tells the outcome listener with the same EntityManager.
 */
@Injectable()
export class PaymentLedger implements OnModuleInit {
  private readonly logger = new Logger('Payments');
  private listener: PaymentOutcomeListener;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly fallbackListener: LoggingPaymentOutcomeListener,
  ) {}

  onModuleInit(): void {
    try {
      this.listener = this.moduleRef.get<PaymentOutcomeListener>(PAYMENT_OUTCOME_LISTENER, { strict: false });
    } catch {
      this.listener = this.fallbackListener;
    }
  }

  /** Runs `work` in the caller's transaction when given one, otherwise in a new one. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>, manager?: EntityManager): Promise<T> {
    return manager ? work(manager) : this.db.transaction(work);
  }

  /**
   * Locks a payment and its order's other payments, always in id order so that two transactions
   * on the same order queue up instead of deadlocking. Null when there is no such payment.
   */
  async lock(
    manager: EntityManager,
    where: { id: string } | { method: PaymentMethod; providerReference: string },
  ): Promise<LockedPayment | null> {
    if ('id' in where && !isUuid(where.id)) return null;
    const found = await manager.getRepository(Payment).findOne({ where, select: { id: true, customerOrderId: true } });
    if (!found) return null;
    const all = await manager.getRepository(Payment).find({
      where: { customerOrderId: found.customerOrderId },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const payment = all.find((candidate) => candidate.id === found.id);
    return payment ? { payment, siblings: all.filter((candidate) => candidate.id !== found.id) } : null;
  }

  /** pending → succeeded, exactly once, then the listener in the same transaction. */
  async capture(manager: EntityManager, locked: LockedPayment, details: CaptureDetails): Promise<Payment> {
    const { payment, siblings } = locked;
    const duplicate = siblings.some((sibling) => sibling.status === 'succeeded');
    const changes = {
      status: 'succeeded' as const,
      amountReceived: details.amountReceived,
      providerTransactionId: details.providerTransactionId,
      paidAt: details.paidAt,
      flags: withFlags(
        payment.flags,
        [...(details.flags ?? []), ...(duplicate ? ['duplicate_order_payment' as const] : [])],
        ['underpaid'],
      ),
      failureCode: null,
      failureMessage: null,
    };
    await this.transition(manager, payment, changes);
    const captured = { ...payment, ...changes };
    await this.listener.paymentSucceeded(outcomeEvent(captured), manager);
    return captured;
  }

  /** pending → failed, expired or cancelled, then the listener in the same transaction. */
  async close(
    manager: EntityManager,
    payment: Payment,
    status: Closing,
    failure: { code?: string | null; message?: string | null } = {},
  ): Promise<Payment> {
    const changes = {
      status,
      closedAt: new Date(),
      ...(failure.code !== undefined ? { failureCode: failure.code } : {}),
      ...(failure.message !== undefined ? { failureMessage: failure.message } : {}),
    };
    await this.transition(manager, payment, changes);
    const closed = { ...payment, ...changes };
    await this.listener.paymentClosed(outcomeEvent(closed), manager);
    return closed;
  }

  /** Changes that are not a transition: money received so far, flags, the last failure. */
  async amend(
    manager: EntityManager,
    payment: Payment,
    changes: Partial<
      Pick<Payment, 'amountReceived' | 'flags' | 'providerTransactionId' | 'failureCode' | 'failureMessage'>
    >,
  ): Promise<Payment> {
    await manager.update(Payment, { id: payment.id }, { ...changes, updatedAt: () => 'now()' });
    return { ...payment, ...changes };
  }

  private async transition(manager: EntityManager, payment: Payment, changes: Partial<Payment>): Promise<void> {
    // The status condition is the last line of defence: under the lock it always holds.
    const result = await manager.update(
      Payment,
      { id: payment.id, status: 'pending' },
      { ...changes, updatedAt: () => 'now()' },
    );
    if (result.affected !== 1) throw new Error(`Payment ${payment.id} was no longer pending`);
  }

  async record(manager: EntityManager, entry: CallbackEntry): Promise<void> {
    await manager.insert(PaymentCallback, {
      source: entry.source,
      payload: entry.payload as object,
      signatureValid: entry.signatureValid,
      outcome: entry.outcome,
      paymentId: entry.paymentId ?? null,
      amount: reportedDong(entry.amount),
      dedupeKey: entry.dedupeKey ?? null,
      receivedAt: new Date(),
    });
  }

  /**
   * Records a callback outside any business transaction (rejected or failed ones). Never throws:
   * the answer to the provider matters more than the audit row.
   */
  async recordAlone(entry: CallbackEntry): Promise<void> {
    await this.record(this.db.manager, entry).catch((error: unknown) =>
      this.logger.error(
        { err: error, source: entry.source, outcome: entry.outcome },
        'Could not record a payment callback',
      ),
    );
  }

  /**
   * Claims a provider event for processing. Returns false when another notification already
   * claimed it: a concurrent one waits on the unique index until the first commits, then sees it.
   */
  async claim(
    manager: EntityManager,
    dedupeKey: string,
    entry: Omit<CallbackEntry, 'dedupeKey'>,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO payment_callbacks (source, payload, signature_valid, outcome, payment_id, amount, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        entry.source,
        JSON.stringify(entry.payload),
        entry.signatureValid,
        entry.outcome,
        entry.paymentId ?? null,
        reportedDong(entry.amount),
        dedupeKey,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async settleClaim(
    manager: EntityManager,
    callbackId: string,
    outcome: string,
    paymentId: string | null,
  ): Promise<void> {
    await manager.update(PaymentCallback, { id: callbackId }, { outcome, paymentId });
  }
}

export function outcomeEvent(payment: Payment): PaymentOutcomeEvent {
  return {
    paymentId: payment.id,
    customerOrderId: payment.customerOrderId,
    method: payment.method,
    isCash: payment.isCash,
    status: payment.status,
    amount: payment.amount,
    amountReceived: payment.amountReceived,
    reference: payment.reference,
    providerTransactionId: payment.providerTransactionId,
    paidAt: payment.paidAt,
    flags: payment.flags,
  };
}
