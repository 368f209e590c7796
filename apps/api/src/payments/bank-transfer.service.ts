import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { BankTransferNotification, BankWebhookReplyDto } from './dto/callbacks.dto.js';
import { Payment } from './payment.entity.js';
import { PaymentLedger, withFlags } from './payment-ledger.js';
import { findPaymentReferences } from './payment-reference.js';
import { VietQrProvider } from './providers/vietqr.provider.js';
import { fromVnpayDate } from './vnpay-dates.js';

/** `2026-11-23 14:02:37` on the bank's (Vietnamese) clock. */
function bankTime(text: string | undefined): Date | null {
  return text ? fromVnpayDate(text.replace(/\D/g, '')) : null;
}

/**
 * Incoming bank transfers reported by a bank-feed provider (SePay style). A transfer is matched to
 * a VietQR payment by the reference in its note; the amounts of several transfers for one payment
 * add up, so a buyer who paid too little can send the rest.
 */
@Injectable()
export class BankTransferService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: PaymentLedger,
    private readonly vietqr: VietQrProvider,
  ) {}

  /** Records a notification whose API key was wrong or missing; the caller answers 401. */
  recordUnauthorised(payload: unknown): Promise<void> {
    return this.ledger.recordAlone({
      source: 'bank_transfer',
      payload,
      signatureValid: false,
      outcome: 'unauthorised',
    });
  }

  /**
   * Applies one bank transaction. The feed's transaction id is claimed first: a repeated
   * notification, even a concurrent one, finds it claimed and changes nothing.
   */
  async handleNotification(notification: BankTransferNotification, payload: unknown): Promise<BankWebhookReplyDto> {
    return this.db.transaction(async (manager) => {
      const amount = notification.transferAmount;
      const claimed = await this.ledger.claim(manager, `bank:${notification.id}`, {
        source: 'bank_transfer',
        payload,
        signatureValid: true,
        outcome: 'processing',
        amount,
      });
      if (!claimed) {
        const first = await manager.query(`SELECT payment_id FROM payment_callbacks WHERE dedupe_key = $1`, [
          `bank:${notification.id}`,
        ]);
        const paymentId: string | null = first[0]?.payment_id ?? null;
        await this.ledger.record(manager, {
          source: 'bank_transfer',
          payload,
          signatureValid: true,
          outcome: 'duplicate',
          paymentId,
          amount,
        });
        return { success: true, outcome: 'duplicate', paymentId };
      }
      const reply = (outcome: string, paymentId: string | null) =>
        this.ledger
          .settleClaim(manager, claimed, outcome, paymentId)
          .then(() => ({ success: true, outcome, paymentId }));

      // Money going out, or into an account that is not the collection account, is none of ours.
      if (
        notification.transferType !== 'in' ||
        !this.vietqr.isCollectionAccount(notification.accountNumber, notification.subAccount)
      ) {
        return reply('ignored', null);
      }
      const references = findPaymentReferences(notification.code, notification.content, notification.description);
      const candidates = references.length
        ? await manager.getRepository(Payment).find({
            where: { method: 'vietqr', providerReference: In(references) },
            select: { id: true, providerReference: true },
          })
        : [];
      // When a note names several of our payments, the first one written is the one meant.
      const target = candidates.sort(
        (a, b) => references.indexOf(a.providerReference!) - references.indexOf(b.providerReference!),
      )[0];
      const locked = target ? await this.ledger.lock(manager, { id: target.id }) : null;
      if (!locked) return reply('unmatched', null);

      const { payment } = locked;
      const received = payment.amountReceived + amount;
      if (payment.status === 'succeeded') {
        // A second transfer for a paid order: all of it is excess.
        await this.ledger.amend(manager, payment, {
          amountReceived: received,
          flags: withFlags(payment.flags, ['overpaid']),
        });
        return reply('overpaid', payment.id);
      }
      if (payment.status !== 'pending') {
        await this.ledger.amend(manager, payment, {
          amountReceived: received,
          flags: withFlags(payment.flags, ['late_payment']),
        });
        return reply('late_payment', payment.id);
      }
      if (received < payment.amount) {
        await this.ledger.amend(manager, payment, {
          amountReceived: received,
          providerTransactionId: notification.id,
          flags: withFlags(payment.flags, ['underpaid']),
        });
        return reply('underpaid', payment.id);
      }
      const overpaid = received > payment.amount;
      await this.ledger.capture(manager, locked, {
        amountReceived: received,
        providerTransactionId: notification.id,
        paidAt: bankTime(notification.transactionDate) ?? new Date(),
        flags: overpaid ? ['overpaid'] : [],
      });
      return reply(overpaid ? 'overpaid' : 'captured', payment.id);
    });
  }
}
