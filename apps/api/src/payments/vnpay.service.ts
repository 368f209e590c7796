import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import {
  InpOrderAlreadyConfirmed,
  IpnFailChecksum,
  IpnInvalidAmount,
  IpnOrderNotFound,
  IpnSuccess,
  IpnUnknownError,
} from 'vnpay';
import { DomainError } from '../core/http/domain-error.js';
import type { VnpayIpnReplyDto, VnpayReturnDto } from './dto/callbacks.dto.js';
import { Payment } from './payment.entity.js';
import { PaymentLedger, withFlags } from './payment-ledger.js';
import { MalformedVnpayCallback, type VnpayNotification, VnpayProvider } from './providers/vnpay.provider.js';

export interface VnpayReconciliation {
  checked: number;
  captured: number;
  failed: number;
  expired: number;
  unchanged: number;
  errors: number;
}

type IpnReply = { RspCode: string; Message: string };

/** Only `vnp_` parameters with a single string value; a repeated parameter makes the query unusable. */
function vnpParameters(query: Record<string, unknown>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('vnp_')) continue;
    if (typeof value !== 'string') return null;
    out[key] = value;
  }
  return out;
}

/**
 * VNPay's callbacks. The IPN (server to server) is the only thing that moves a VNPay payment; the
 * return URL only tells the buyer's browser what VNPay said; QueryDR catches IPNs that never came.
 */
@Injectable()
export class VnpayService {
  private readonly logger = new Logger('Payments');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: PaymentLedger,
    private readonly vnpay: VnpayProvider,
  ) {}

  /**
   * Answers an IPN with VNPay's codes: 97 bad signature, 01 unknown TxnRef, 04 amount differs,
   * 02 already settled, 00 processed (paid or failed), 99 anything else (VNPay then retries).
   * Retries and concurrent duplicates serialise on the payment's row lock: one of them moves the
   * payment, the others find it settled and answer 02.
   */
  async handleIpn(query: Record<string, unknown>): Promise<VnpayIpnReplyDto> {
    const params = vnpParameters(query);
    const payload = params ?? query;
    if (!this.vnpay.available) {
      await this.ledger.recordAlone({
        source: 'vnpay_ipn',
        payload,
        signatureValid: false,
        outcome: IpnUnknownError.RspCode,
      });
      return { ...IpnUnknownError };
    }
    let notification: VnpayNotification | null = null;
    try {
      if (params) notification = this.vnpay.verifyNotification(params);
    } catch (error) {
      if (!(error instanceof MalformedVnpayCallback)) throw error;
    }
    if (!notification?.verified) {
      await this.ledger.recordAlone({
        source: 'vnpay_ipn',
        payload,
        signatureValid: false,
        outcome: IpnFailChecksum.RspCode,
      });
      return { ...IpnFailChecksum };
    }

    const verified = notification;
    try {
      return await this.db.transaction(async (manager): Promise<IpnReply> => {
        const record = (reply: IpnReply, paymentId: string | null, dedupeKey?: string) =>
          this.ledger
            .record(manager, {
              source: 'vnpay_ipn',
              payload,
              signatureValid: true,
              outcome: reply.RspCode,
              paymentId,
              amount: verified.amount,
              dedupeKey,
            })
            .then(() => ({ ...reply }));

        const locked = await this.ledger.lock(manager, { method: 'vnpay', providerReference: verified.txnRef });
        if (!locked) return record(IpnOrderNotFound, null);
        const { payment } = locked;

        if (verified.amount !== payment.amount) {
          if (verified.paid)
            await this.ledger.amend(manager, payment, { flags: withFlags(payment.flags, ['amount_mismatch']) });
          return record(IpnInvalidAmount, payment.id);
        }
        if (payment.status !== 'pending') {
          // VNPay took the money for a payment we had already closed: keep the evidence, flag it for a refund.
          if (verified.paid && payment.status !== 'succeeded' && !payment.flags.includes('late_payment')) {
            await this.ledger.amend(manager, payment, {
              amountReceived: verified.amount,
              providerTransactionId: verified.transactionNo,
              flags: withFlags(payment.flags, ['late_payment']),
            });
          }
          return record(InpOrderAlreadyConfirmed, payment.id);
        }

        if (verified.paid) {
          await this.ledger.capture(manager, locked, {
            amountReceived: verified.amount,
            providerTransactionId: verified.transactionNo,
            paidAt: verified.payDate ?? new Date(),
          });
        } else {
          await this.ledger.close(manager, payment, 'failed', {
            code: verified.responseCode,
            message: verified.message,
          });
        }
        // The unique key is a second guard: a second "processed" answer for the same VNPay transaction cannot be written.
        return record(IpnSuccess, payment.id, `vnpay:${verified.txnRef}:${verified.transactionNo ?? ''}`);
      });
    } catch (error) {
      this.logger.error({ err: error, txnRef: verified.txnRef }, 'VNPay IPN could not be processed; VNPay will retry');
      await this.ledger.recordAlone({
        source: 'vnpay_ipn',
        payload,
        signatureValid: true,
        outcome: IpnUnknownError.RspCode,
        amount: verified.amount,
      });
      return { ...IpnUnknownError };
    }
  }

  /**
   * What to show the buyer who came back from VNPay. Checks the signature and reads our record;
   * changes nothing, because the browser's query can be replayed or forged and the IPN decides.
   */
  async describeReturn(query: Record<string, unknown>): Promise<VnpayReturnDto> {
    const params = vnpParameters(query);
    let notification: VnpayNotification | null = null;
    try {
      if (params && this.vnpay.available) notification = this.vnpay.verifyNotification(params);
    } catch (error) {
      if (!(error instanceof MalformedVnpayCallback)) throw error;
    }
    if (!notification?.verified) {
      throw new DomainError('invalid_signature', 'Chữ ký của VNPay không hợp lệ', HttpStatus.BAD_REQUEST);
    }
    const payment = await this.db
      .getRepository(Payment)
      .findOneBy({ method: 'vnpay', providerReference: notification.txnRef });
    return {
      verified: true,
      paid: notification.paid,
      message: notification.message,
      reference: notification.txnRef,
      paymentId: payment?.id ?? null,
      status: payment?.status ?? null,
    };
  }

  /**
   * Asks VNPay (QueryDR) about VNPay payments still pending after `olderThanMinutes`, oldest first:
   * captures the ones VNPay says were paid, fails the ones it says failed, and expires the ones past
   * their time that VNPay never saw paid. A payment VNPay could not be asked about stays pending.
   */
  async reconcilePendingVnpay(
    olderThanMinutes: number,
    now: Date = new Date(),
    limit = 100,
  ): Promise<VnpayReconciliation> {
    const summary: VnpayReconciliation = { checked: 0, captured: 0, failed: 0, expired: 0, unchanged: 0, errors: 0 };
    if (!this.vnpay.available) return summary;
    const due = await this.db.getRepository(Payment).find({
      where: {
        method: 'vnpay',
        status: 'pending',
        createdAt: LessThan(new Date(now.getTime() - olderThanMinutes * 60_000)),
      },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    for (const candidate of due) {
      summary.checked += 1;
      let result;
      try {
        result = await this.vnpay.queryTransaction(candidate, now);
      } catch (error) {
        summary.errors += 1;
        this.logger.warn({ err: error, paymentId: candidate.id }, 'VNPay QueryDR failed; will retry');
        continue;
      }
      const answer = result;
      const settle = this.db.transaction(async (manager): Promise<keyof VnpayReconciliation> => {
        const record = (what: string, signatureValid = true) =>
          this.ledger.record(manager, {
            source: 'vnpay_querydr',
            payload: answer.raw,
            signatureValid,
            outcome: what,
            paymentId: candidate.id,
            amount: answer.amount,
          });
        if (!answer.verified) {
          await record('invalid_signature', false);
          return 'errors';
        }
        const locked = await this.ledger.lock(manager, { id: candidate.id });
        if (!locked || locked.payment.status !== 'pending') {
          await record('already_settled');
          return 'unchanged';
        }
        const { payment } = locked;
        const answered = answer.responseCode === '00';
        if (answered && answer.transactionStatus === '00') {
          if (answer.amount !== payment.amount) {
            await this.ledger.amend(manager, payment, { flags: withFlags(payment.flags, ['amount_mismatch']) });
            await record('amount_mismatch');
            return 'unchanged';
          }
          await this.ledger.capture(manager, locked, {
            amountReceived: payment.amount,
            providerTransactionId: answer.transactionNo,
            paidAt: answer.payDate ?? now,
          });
          await record('captured');
          return 'captured';
        }
        if (answered && answer.transactionStatus === '02') {
          await this.ledger.close(manager, payment, 'failed', {
            code: `status_${answer.transactionStatus}`,
            message: 'VNPay: giao dịch bị lỗi',
          });
          await record('failed');
          return 'failed';
        }
        // "Not finished" or "no such transaction": once past its time the buyer can no longer pay it.
        const neverPaid = answer.responseCode === '91' || (answered && answer.transactionStatus === '01');
        if (neverPaid && payment.expiresAt && payment.expiresAt <= now) {
          await this.ledger.close(manager, payment, 'expired');
          await record('expired');
          return 'expired';
        }
        await record(neverPaid ? 'not_paid_yet' : `unexpected_${answer.responseCode}`);
        return neverPaid ? 'unchanged' : 'errors';
      });
      const outcome = await settle.catch((error: unknown) => {
        this.logger.error(
          { err: error, paymentId: candidate.id },
          'Could not apply a VNPay QueryDR answer; will retry',
        );
        return 'errors' as const;
      });
      summary[outcome] += 1;
    }
    return summary;
  }
}
