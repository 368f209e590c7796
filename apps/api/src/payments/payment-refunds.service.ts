import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { PaymentRefundDto } from './dto/payment.dto.js';
import { Payment } from './payment.entity.js';
import { isUuid, PaymentLedger, withFlags } from './payment-ledger.js';
import type { PaymentMethod } from './payment-method.js';
import { PAYMENT_PROVIDERS, type PaymentProvider, type RefundAtProvider } from './payment-provider.js';
import { PaymentRefund } from './payment-refund.entity.js';

/** After this many failed calls a refund is `failed` and left to a person; it stays owed and flagged. */
export const MAX_REFUND_ATTEMPTS = 5;
/** How long one process may hold a refund while it calls the provider (longer than any client timeout). */
const SEND_LEASE_SECONDS = 120;
const ERROR_TEXT_LIMIT = 500;
const REFUND_NOT_FOUND = () => new DomainError('refund_not_found', 'No such refund', HttpStatus.NOT_FOUND);

export interface SellerOrderRefund {
  customerOrderId: string;
  sellerOrderId: string;
  /** The seller order's total, đồng. */
  amount: number;
}

export function toRefundDto(refund: PaymentRefund): PaymentRefundDto {
  return {
    id: refund.id,
    paymentId: refund.paymentId,
    sellerOrderId: refund.sellerOrderId,
    amount: refund.amount,
    status: refund.status,
    providerReference: refund.providerReference,
    attempts: refund.attempts,
    lastError: refund.lastError,
    requestedAt: refund.requestedAt.toISOString(),
    completedAt: refund.completedAt?.toISOString() ?? null,
  };
}

/**
 * Gives back the money of refunded seller orders. Recording happens in the orders transaction (so
 * the order cannot be refunded without the debt being written); the provider is called after the
 * commit, and again by the payment sweep while it fails. The amount owed sits on the payment
 * (`refund_owed`, flag `refund_due`) until the provider confirms it, so the admin's attention list
 * shows it.
 */
@Injectable()
export class PaymentRefundsService {
  private readonly logger = new Logger('Payments');
  private readonly providers: Map<PaymentMethod, PaymentProvider>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: PaymentLedger,
    @Inject(PAYMENT_PROVIDERS) providers: PaymentProvider[],
  ) {
    this.providers = new Map(providers.map((provider) => [provider.method, provider]));
  }

  /**
   * Records the refund of a seller order against its order's succeeded payment, in the caller's
   * transaction. Idempotent (one refund per seller order). Capped at what the payment captured and
   * has not already promised back. Returns the refund id to send after the commit, or null when
   * there is nothing to give back (no captured payment, nothing left).
   */
  async recordForSellerOrder(manager: EntityManager, input: SellerOrderRefund): Promise<string | null> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return null;
    const captured = await manager
      .getRepository(Payment)
      .findOne({ where: { customerOrderId: input.customerOrderId, status: 'succeeded' }, order: { paidAt: 'ASC' } });
    if (!captured) return null;
    // Under the lock of all the order's payments (the orders service already holds it; taking it again is free).
    const locked = await this.ledger.lock(manager, { id: captured.id });
    if (!locked || locked.payment.status !== 'succeeded') return null;
    const payment = locked.payment;
    const existing = await manager.getRepository(PaymentRefund).findOneBy({ sellerOrderId: input.sellerOrderId });
    if (existing) return existing.status === 'requested' ? existing.id : null;
    const left = payment.amountReceived - payment.refundOwed - payment.amountRefunded;
    const amount = Math.min(input.amount, left);
    if (amount <= 0) {
      this.logger.warn(
        { paymentId: payment.id, sellerOrderId: input.sellerOrderId },
        'Refunded seller order finds nothing left to give back on its payment',
      );
      return null;
    }
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO payment_refunds (payment_id, seller_order_id, amount) VALUES ($1, $2, $3)
       ON CONFLICT (seller_order_id) DO NOTHING RETURNING id`,
      [payment.id, input.sellerOrderId, amount],
    );
    if (!rows[0]) return null;
    await manager.query('UPDATE payments SET refund_owed = refund_owed + $2 WHERE id = $1', [payment.id, amount]);
    await this.ledger.amend(manager, payment, { flags: withFlags(payment.flags, ['refund_due']) });
    return rows[0].id;
  }

  /**
   * Calls the provider for one requested refund, outside any transaction. Never throws: a failure
   * is written on the refund and the sweep tries again. A lease keeps two processes from sending
   * the same refund at once; Stripe also gets the refund id as idempotency key.
   */
  async send(refundId: string): Promise<PaymentRefund['status'] | null> {
    if (!isUuid(refundId)) return null;
    const claimed: { id: string }[] = await this.db.query(
      `UPDATE payment_refunds SET attempts = attempts + 1, locked_until = now() + make_interval(secs => $2)
       WHERE id = $1 AND status = 'requested' AND (locked_until IS NULL OR locked_until < now())
       RETURNING id`,
      [refundId, SEND_LEASE_SECONDS],
    );
    if (!claimed[0]) return null;
    const refund = await this.db.getRepository(PaymentRefund).findOneByOrFail({ id: refundId });
    const payment = await this.db.getRepository(Payment).findOneByOrFail({ id: refund.paymentId });
    let outcome: RefundAtProvider | null = null;
    let error: string | null = null;
    try {
      const provider = this.providers.get(payment.method);
      if (!provider?.available) throw new Error(`The ${payment.method} provider is not configured`);
      outcome = await provider.refund(payment, { refundId: refund.id, amount: refund.amount });
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      this.logger.warn({ refundId, paymentId: payment.id, error }, 'A refund call failed; will retry');
    }
    return this.settle(refundId, outcome, error);
  }

  private async settle(
    refundId: string,
    outcome: RefundAtProvider | null,
    error: string | null,
  ): Promise<PaymentRefund['status'] | null> {
    return this.db.transaction(async (manager) => {
      const held = await this.lockWithPayment(manager, refundId);
      if (!held) throw REFUND_NOT_FOUND();
      const { payment, refund } = held;
      if (!payment || !refund || refund.status !== 'requested') return refund?.status ?? null;
      const refunds = manager.getRepository(PaymentRefund);
      if (!outcome) {
        const exhausted = refund.attempts >= MAX_REFUND_ATTEMPTS;
        // Backs off a little more after each failure; the sweep picks it up when it is due.
        const delayMinutes = Math.min(60, refund.attempts * refund.attempts);
        await refunds.update(
          { id: refundId },
          {
            status: exhausted ? 'failed' : 'requested',
            lastError: (error ?? 'unknown error').slice(0, ERROR_TEXT_LIMIT),
            lockedUntil: null,
            nextAttemptAt: new Date(Date.now() + delayMinutes * 60_000),
          },
        );
        return exhausted ? 'failed' : 'requested';
      }
      if (outcome.outcome === 'manual') {
        // Still owed until a person sends it back: the payment keeps its flag and amount.
        await refunds.update({ id: refundId }, { status: 'manual', lockedUntil: null, lastError: null });
        return 'manual';
      }
      await this.complete(manager, payment, refund, outcome.providerReference);
      return 'succeeded';
    });
  }

  /**
   * A person sent back by hand the money of a refund the provider could not (a VietQR transfer, cash)
   * or would not take (`failed` after its retries): it stops being owed. `reference` is the bank
   * transfer's reference, kept as proof.
   */
  async markSentByHand(refundId: string, reference: string): Promise<PaymentRefundDto> {
    if (!isUuid(refundId)) throw REFUND_NOT_FOUND();
    return this.db.transaction(async (manager) => {
      const { payment, refund } = (await this.lockWithPayment(manager, refundId)) ?? {};
      if (!payment || !refund) throw REFUND_NOT_FOUND();
      if (refund.status !== 'manual' && refund.status !== 'failed') {
        throw new DomainError(
          'refund_not_manual',
          refund.status === 'succeeded'
            ? 'This refund has already been given back'
            : 'The provider is still handling this refund',
          HttpStatus.CONFLICT,
        );
      }
      await this.complete(manager, payment, refund, reference);
      return toRefundDto(await manager.getRepository(PaymentRefund).findOneByOrFail({ id: refundId }));
    });
  }

  /** Refunds a person has to send back: nothing the provider can still do. */
  async listAwaitingHand(limit = 200): Promise<PaymentRefundDto[]> {
    const refunds = await this.db.getRepository(PaymentRefund).find({
      where: { status: In(['manual', 'failed']) },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
    return refunds.map(toRefundDto);
  }

  /**
   * Locks a refund's payment, then the refund itself: payments before refunds, as everywhere, since
   * the payment lock serialises every change of what is owed. Null when there is no such refund.
   */
  private async lockWithPayment(
    manager: EntityManager,
    refundId: string,
  ): Promise<{ payment: Payment | null; refund: PaymentRefund | null } | null> {
    const found = await manager.getRepository(PaymentRefund).findOneBy({ id: refundId });
    if (!found) return null;
    const locked = await this.ledger.lock(manager, { id: found.paymentId });
    const refund = await manager
      .getRepository(PaymentRefund)
      .findOne({ where: { id: refundId }, lock: { mode: 'pessimistic_write' } });
    return { payment: locked?.payment ?? null, refund };
  }

  private async complete(
    manager: EntityManager,
    payment: Payment,
    refund: PaymentRefund,
    reference: string | null,
  ): Promise<void> {
    await manager.getRepository(PaymentRefund).update(
      { id: refund.id },
      {
        status: 'succeeded',
        providerReference: reference,
        completedAt: new Date(),
        lockedUntil: null,
        lastError: null,
      },
    );
    await manager.query(
      'UPDATE payments SET refund_owed = refund_owed - $2, amount_refunded = amount_refunded + $2 WHERE id = $1',
      [payment.id, refund.amount],
    );
    if (payment.refundOwed - refund.amount <= 0) {
      await this.ledger.amend(manager, payment, { flags: withFlags(payment.flags, [], ['refund_due']) });
    }
  }

  /** For the sweep: sends every requested refund that is due. Returns how many the provider accepted. */
  async retryDue(now: Date = new Date(), limit = 50): Promise<{ tried: number; succeeded: number }> {
    const due: { id: string }[] = await this.db.query(
      `SELECT id FROM payment_refunds
       WHERE status = 'requested' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until < now())
       ORDER BY next_attempt_at LIMIT $2`,
      [now, limit],
    );
    let succeeded = 0;
    for (const { id } of due) {
      if ((await this.send(id)) === 'succeeded') succeeded += 1;
    }
    return { tried: due.length, succeeded };
  }

  async listForSellerOrder(sellerOrderId: string): Promise<PaymentRefundDto[]> {
    if (!isUuid(sellerOrderId)) return [];
    const refunds = await this.db.getRepository(PaymentRefund).find({ where: { sellerOrderId } });
    return refunds.map(toRefundDto);
  }

  async listForPayment(paymentId: string): Promise<PaymentRefundDto[]> {
    if (!isUuid(paymentId)) return [];
    const refunds = await this.db
      .getRepository(PaymentRefund)
      .find({ where: { paymentId }, order: { requestedAt: 'ASC', id: 'ASC' } });
    return refunds.map(toRefundDto);
  }
}
