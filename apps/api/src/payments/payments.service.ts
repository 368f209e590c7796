import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { DataSource, type EntityManager, In, LessThan } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type {
  AttentionPaymentDto,
  AvailableMethodDto,
  PaymentCallbackDto,
  PaymentDetailDto,
  PaymentDto,
  PaymentMixDto,
} from './dto/payment.dto.js';
import { accessTokenMatches, newAccessToken } from './payment-access-token.js';
import { Payment } from './payment.entity.js';
import { PaymentCallback } from './payment-callback.entity.js';
import { PaymentRefund } from './payment-refund.entity.js';
import { toRefundDto } from './payment-refunds.service.js';
import { isUuid, PaymentLedger } from './payment-ledger.js';
import { toCallbackDto, toPaymentDto } from './payment-mapper.js';
import { isCashMethod, PAYMENT_METHODS, type PaymentMethod } from './payment-method.js';
import {
  PAYMENT_PROVIDERS,
  type PaymentAction,
  type PaymentProvider,
  type PaymentStartContext,
} from './payment-provider.js';
import { newPaymentReference } from './payment-reference.js';

export interface CreatePaymentInput extends PaymentStartContext {
  customerOrderId: string;
  /** Đồng, a positive whole number. */
  amount: number;
  method: PaymentMethod;
}

export interface CreatedPayment {
  payment: PaymentDto;
  /**
   * Hand it to the buyer: it reads this payment at `GET /api/payments/:id` (header
   * `X-Payment-Token`, or `?token=` for the QR image). Only its hash is stored; it cannot be shown again.
   */
  accessToken: string;
  /** What the buyer's device does next: follow a redirect, show the VietQR, run Stripe.js, or nothing. */
  action: PaymentAction;
}

/** A cash payment's row, written by the statement that places its order (see `cashPaymentRow`). */
export interface CashPaymentRow {
  method: PaymentMethod;
  amount: number;
  reference: string;
  accessTokenHash: string;
  accessToken: string;
  createdAt: Date;
  action: PaymentAction;
}

export const PAYMENT_NOT_FOUND = () =>
  new DomainError('payment_not_found', 'Không tìm thấy thanh toán', HttpStatus.NOT_FOUND);

/**
 * What the orders capability calls: start a payment for a customer order, read it, close it,
 * confirm cash collected. Provider callbacks live in their own services; all status changes go
 * through the ledger.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger('Payments');
  private readonly providers: Map<PaymentMethod, PaymentProvider>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: PaymentLedger,
    @Inject(PAYMENT_PROVIDERS) providers: PaymentProvider[],
  ) {
    this.providers = new Map(providers.map((provider) => [provider.method, provider]));
  }

  /** The methods a buyer can choose now; a method appears only when its credentials are configured. */
  availableMethods(): AvailableMethodDto[] {
    return PAYMENT_METHODS.filter((method) => this.providers.get(method)?.available).map((method) => ({
      method,
      isCash: isCashMethod(method),
    }));
  }

  private provider(method: PaymentMethod): PaymentProvider {
    const provider = this.providers.get(method);
    if (!provider?.available) {
      throw new DomainError(
        'payment_method_unavailable',
        'Phương thức thanh toán này hiện không khả dụng',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    return provider;
  }

  /**
   * Starts a payment. Pass the orders transaction's manager to create it atomically with the
   * order; the provider is called inside that transaction (Stripe is a network call). Refused with
   * 409 when the order already has a succeeded payment.
   */
  async createPayment(input: CreatePaymentInput, manager?: EntityManager): Promise<CreatedPayment> {
    if (!isUuid(input.customerOrderId)) throw new Error('customerOrderId must be a uuid');
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
      throw new DomainError(
        'invalid_payment_amount',
        'Số tiền thanh toán phải là số đồng nguyên dương',
        HttpStatus.BAD_REQUEST,
      );
    }
    const provider = this.provider(input.method);
    if (input.method === 'vnpay' && !/^https?:\/\/\S+$/.test(input.returnUrl ?? '')) {
      throw new DomainError('return_url_required', 'VNPay needs an http(s) return URL', HttpStatus.BAD_REQUEST);
    }

    return this.ledger.inTransaction(async (m) => {
      const payments = m.getRepository(Payment);
      // Locked so that a capture of another payment of this order cannot slip in between check and insert.
      const siblings = await payments.find({
        where: { customerOrderId: input.customerOrderId },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (siblings.some((sibling) => sibling.status === 'succeeded')) {
        throw new DomainError('order_already_paid', 'Đơn hàng đã được thanh toán', HttpStatus.CONFLICT);
      }
      const { token, hash } = newAccessToken();
      // Milliseconds from JS, not now() from the database: VNPay's vnp_CreateDate and QueryDR's
      // vnp_TransactionDate are both derived from this value and must agree to the second.
      const createdAt = new Date();
      const expiresAt =
        provider.expiryMinutes === null ? null : new Date(createdAt.getTime() + provider.expiryMinutes * 60_000);
      const payment = await this.insert(m, { ...input, createdAt, expiresAt, accessTokenHash: hash });

      let started;
      try {
        started = await provider.start(payment, input);
      } catch (error) {
        this.logger.error(
          { err: error, method: input.method, paymentId: payment.id },
          'The payment provider refused to start a payment',
        );
        throw new DomainError(
          'payment_provider_failed',
          'Không thể kết nối cổng thanh toán, vui lòng thử lại',
          HttpStatus.BAD_GATEWAY,
        );
      }
      await payments.update(
        { id: payment.id },
        { providerReference: started.providerReference, instructions: started.instructions },
      );
      const saved = { ...payment, providerReference: started.providerReference, instructions: started.instructions };
      return { payment: toPaymentDto(saved), accessToken: token, action: started.action };
    }, manager);
  }

  /**
   * For checkout: a cash payment needs nothing from a provider and no expiry, so the statement that
   * places the order writes its row as well (the order and its payment then commit together, in
   * one round trip). Null for every other method: those start with `createPayment` once the order
   * is committed, so that a slow gateway never holds stock locks. The checkout inserts these
   * values into `payments` with its new order's id; `accessToken` goes to the buyer, only its hash
   * is stored.
   */
  cashPaymentRow(method: PaymentMethod, amount: number): CashPaymentRow | null {
    const provider = this.providers.get(method);
    if (!isCashMethod(method) || !provider?.available || provider.expiryMinutes !== null) return null;
    if (!Number.isSafeInteger(amount) || amount <= 0) return null;
    const { token, hash } = newAccessToken();
    return {
      method,
      amount,
      reference: newPaymentReference(),
      accessTokenHash: hash,
      accessToken: token,
      createdAt: new Date(),
      // What the cash provider's start() answers: the buyer's device has nothing to do.
      action: { type: 'none' },
    };
  }

  private async insert(
    manager: EntityManager,
    input: CreatePaymentInput & { createdAt: Date; expiresAt: Date | null; accessTokenHash: string },
  ): Promise<Payment> {
    // A reference collision (40 random bits) is retried without aborting the caller's transaction.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO payments (customer_order_id, method, amount, reference, access_token_hash, expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (reference) DO NOTHING RETURNING id`,
        [
          input.customerOrderId,
          input.method,
          input.amount,
          newPaymentReference(),
          input.accessTokenHash,
          input.expiresAt,
          input.createdAt,
        ],
      );
      if (rows[0]) return manager.getRepository(Payment).findOneByOrFail({ id: rows[0].id });
    }
    throw new Error('Could not allocate a unique payment reference');
  }

  async getPayment(id: string, manager?: EntityManager): Promise<PaymentDto> {
    const payment = isUuid(id) ? await (manager ?? this.db.manager).getRepository(Payment).findOneBy({ id }) : null;
    if (!payment) throw PAYMENT_NOT_FOUND();
    return toPaymentDto(payment);
  }

  /** For the buyer: the same 404 whether the payment does not exist or the token is wrong. */
  async getPaymentForBuyer(id: string, accessToken: string | undefined): Promise<PaymentDto> {
    return toPaymentDto(await this.authorisedPayment(id, accessToken));
  }

  private async authorisedPayment(id: string, accessToken: string | undefined): Promise<Payment> {
    const payment = isUuid(id)
      ? await this.db
          .getRepository(Payment)
          .createQueryBuilder('p')
          .addSelect('p.accessTokenHash')
          .where('p.id = :id', { id })
          .getOne()
      : null;
    if (!payment || !accessTokenMatches(accessToken, payment.accessTokenHash)) throw PAYMENT_NOT_FOUND();
    return payment;
  }

  /** Every payment of an order, oldest first: what the seller and the buyer see on the order page. */
  async listForOrder(customerOrderId: string, manager?: EntityManager): Promise<PaymentDto[]> {
    if (!isUuid(customerOrderId)) return [];
    const payments = await (manager ?? this.db.manager).getRepository(Payment).find({
      where: { customerOrderId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return payments.map(toPaymentDto);
  }

  /** A payment with every notification received about it and its refunds: what happened, for support. */
  async getPaymentDetail(id: string): Promise<PaymentDetailDto> {
    const payment = await this.getPayment(id);
    const callbacks = await this.db
      .getRepository(PaymentCallback)
      .find({ where: { paymentId: id }, order: { receivedAt: 'ASC', id: 'ASC' } });
    const refunds = await this.db
      .getRepository(PaymentRefund)
      .find({ where: { paymentId: id }, order: { requestedAt: 'ASC', id: 'ASC' } });
    return { ...payment, callbacks: callbacks.map(toCallbackDto), refunds: refunds.map(toRefundDto) };
  }

  /** Payments with a flag or money to give back, most recently changed first. */
  async listNeedingAttention(limit = 200): Promise<AttentionPaymentDto[]> {
    const payments = await this.db
      .getRepository(Payment)
      .createQueryBuilder('p')
      .where("p.flags <> '{}'")
      .orWhere("p.status IN ('failed', 'expired', 'cancelled') AND p.amount_received > 0")
      .orderBy('p.updated_at', 'DESC')
      .limit(limit)
      .getMany();
    // Payments keep no foreign key to orders (a payment may outlive a purged order), hence the separate look-up.
    const orders: { id: string; code: string }[] = payments.length
      ? await this.db.query('SELECT id, code FROM customer_orders WHERE id = ANY($1)', [
          payments.map((payment) => payment.customerOrderId),
        ])
      : [];
    const codes = new Map(orders.map((order) => [order.id, order.code]));
    return payments.map((payment) => ({
      ...toPaymentDto(payment),
      orderCode: codes.get(payment.customerOrderId) ?? null,
    }));
  }

  /** Bank transfers that named no payment we know: someone has to match them by hand or send them back. */
  async listUnmatchedTransfers(limit = 200): Promise<PaymentCallbackDto[]> {
    const rows = await this.db.getRepository(PaymentCallback).find({
      where: { source: 'bank_transfer', outcome: 'unmatched' },
      order: { receivedAt: 'DESC' },
      take: limit,
    });
    return rows.map(toCallbackDto);
  }

  /**
   * Closes a pending payment as expired (the order's time to pay is over). The provider is asked
   * first to stop taking money (Stripe cancels the PaymentIntent); if it already took it, the
   * payment stays pending for its webhook. Returns the payment as it is now: check `status`.
   */
  async markExpired(paymentId: string, manager?: EntityManager): Promise<PaymentDto> {
    return this.closeUnpaid(paymentId, 'expired', manager);
  }

  /** Closes a pending payment as cancelled (the buyer or the order gave up). Same rules as markExpired. */
  async cancelPayment(paymentId: string, manager?: EntityManager): Promise<PaymentDto> {
    return this.closeUnpaid(paymentId, 'cancelled', manager);
  }

  private async closeUnpaid(
    paymentId: string,
    status: 'expired' | 'cancelled',
    manager?: EntityManager,
  ): Promise<PaymentDto> {
    const before = isUuid(paymentId)
      ? await (manager ?? this.db.manager).getRepository(Payment).findOneBy({ id: paymentId })
      : null;
    if (!before) throw PAYMENT_NOT_FOUND();
    if (before.status !== 'pending') return toPaymentDto(before);
    const provider = this.providers.get(before.method);
    if (provider?.available && (await provider.cancel(before)) === 'already_paid') return toPaymentDto(before);
    return this.ledger.inTransaction(async (m) => {
      const locked = await this.ledger.lock(m, { id: paymentId });
      if (!locked) throw PAYMENT_NOT_FOUND();
      if (locked.payment.status !== 'pending') return toPaymentDto(locked.payment);
      return toPaymentDto(await this.ledger.close(m, locked.payment, status));
    }, manager);
  }

  /**
   * Closes every pending payment of an order, e.g. when the order is cancelled or its time to pay
   * is over, so that money arriving later is flagged for a refund instead of captured.
   */
  async closePendingForOrder(
    customerOrderId: string,
    status: 'expired' | 'cancelled',
    manager?: EntityManager,
  ): Promise<PaymentDto[]> {
    if (!isUuid(customerOrderId)) return [];
    const pending = await (manager ?? this.db.manager)
      .getRepository(Payment)
      .find({ where: { customerOrderId, status: 'pending' }, order: { id: 'ASC' }, select: { id: true } });
    const closed: PaymentDto[] = [];
    for (const { id } of pending) closed.push(await this.closeUnpaid(id, status, manager));
    return closed;
  }

  /**
   * Expires pending payments past their time. VNPay payments are left to the reconciliation, which
   * asks VNPay first, unless VNPay is not configured any more. Returns how many were expired.
   */
  async expireOverdue(now: Date = new Date(), limit = 200): Promise<number> {
    const vnpay = this.providers.get('vnpay');
    const methods = PAYMENT_METHODS.filter((method) => method !== 'vnpay' || !vnpay?.available);
    const due = await this.db.getRepository(Payment).find({
      where: { status: 'pending', expiresAt: LessThan(now), method: In(methods) },
      order: { expiresAt: 'ASC' },
      take: limit,
      select: { id: true },
    });
    let expired = 0;
    for (const { id } of due) {
      try {
        if ((await this.markExpired(id)).status === 'expired') expired += 1;
      } catch (error) {
        this.logger.warn({ err: error, paymentId: id }, 'Could not expire a payment; will retry');
      }
    }
    return expired;
  }

  /**
   * Cash on delivery: the courier collected the money. Call it inside the orders transaction that
   * marks the delivery, so the payment and the order change together.
   */
  async confirmCashCollected(paymentId: string, manager?: EntityManager): Promise<PaymentDto> {
    return this.ledger.inTransaction(async (m) => {
      const locked = await this.ledger.lock(m, { id: paymentId });
      if (!locked) throw PAYMENT_NOT_FOUND();
      if (locked.payment.method !== 'cod') {
        throw new DomainError(
          'not_cash_on_delivery',
          'Only a cash-on-delivery payment is collected by hand',
          HttpStatus.CONFLICT,
        );
      }
      if (locked.payment.status === 'succeeded') return toPaymentDto(locked.payment);
      if (locked.payment.status !== 'pending') {
        throw new DomainError('payment_not_pending', `The payment is ${locked.payment.status}`, HttpStatus.CONFLICT);
      }
      const captured = await this.ledger.capture(m, locked, {
        amountReceived: locked.payment.amount,
        providerTransactionId: null,
        paidAt: new Date(),
      });
      return toPaymentDto(captured);
    }, manager);
  }

  /**
   * Succeeded payments by method between two instants (paid_at), for the non-cash share. A
   * second payment of an already-paid order is left out so that one order counts once.
   */
  async paymentMix(from: Date, to: Date): Promise<PaymentMixDto> {
    const rows: { method: PaymentMethod; is_cash: boolean; count: number; amount: string }[] = await this.db.query(
      `SELECT method, is_cash, count(*)::int AS count, sum(amount)::text AS amount
       FROM payments
       WHERE status = 'succeeded' AND paid_at >= $1 AND paid_at < $2 AND NOT ('duplicate_order_payment' = ANY (flags))
       GROUP BY method, is_cash ORDER BY method`,
      [from, to],
    );
    const byMethod = rows.map((row) => ({
      method: row.method,
      isCash: row.is_cash,
      count: row.count,
      amount: Number(row.amount),
    }));
    const total = (pick: (line: (typeof byMethod)[number]) => number, nonCashOnly: boolean) =>
      byMethod.filter((line) => !nonCashOnly || !line.isCash).reduce((sum, line) => sum + pick(line), 0);
    const share = (pick: (line: (typeof byMethod)[number]) => number) => {
      const all = total(pick, false);
      return all === 0 ? null : total(pick, true) / all;
    };
    return {
      byMethod,
      nonCashShareByCount: share((line) => line.count),
      nonCashShareByValue: share((line) => line.amount),
    };
  }

  /** The VietQR code of a pending bank-transfer payment, as an image the buyer scans. */
  async renderVietQr(id: string, accessToken: string | undefined, format: 'png' | 'svg'): Promise<Buffer | string> {
    const payment = await this.authorisedPayment(id, accessToken);
    const payload = payment.instructions?.vietqr?.payload;
    if (!payload) throw PAYMENT_NOT_FOUND();
    if (payment.status !== 'pending') {
      throw new DomainError('payment_not_pending', 'Thanh toán này không còn chờ chuyển khoản', HttpStatus.CONFLICT);
    }
    const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
    return format === 'png'
      ? QRCode.toBuffer(payload, { ...options, type: 'png', width: 360 })
      : QRCode.toString(payload, { ...options, type: 'svg' });
  }
}
