import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { StripeWebhookReplyDto } from './dto/callbacks.dto.js';
import { PaymentLedger, withFlags } from './payment-ledger.js';
import { StripeCardProvider } from './providers/stripe-card.provider.js';

/** Keys whose values are credentials; a PaymentIntent in an event carries its client secret. */
const SECRET_KEYS = new Set(['client_secret', 'secret']);

/** A copy of a payload without credentials, for storing. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SECRET_KEYS.has(key) ? '[removed]' : withoutSecrets(inner)]),
    );
  }
  return value;
}

function parseLoosely(raw: Buffer | undefined): unknown {
  try {
    return raw ? JSON.parse(raw.toString('utf8')) : null;
  } catch {
    return { unparsable: raw?.toString('utf8').slice(0, 2000) };
  }
}

/**
 * Stripe's webhooks for card payments. The signature is checked over the raw bytes; the event id
 * is claimed so that Stripe's retries and replays of an event change nothing the second time.
 */
@Injectable()
export class StripeWebhookService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: PaymentLedger,
    private readonly stripe: StripeCardProvider,
  ) {}

  async handle(rawBody: Buffer | undefined, signature: string | undefined): Promise<StripeWebhookReplyDto> {
    let event: Stripe.Event;
    try {
      if (!this.stripe.available || !rawBody) throw new Error('unverifiable');
      event = this.stripe.constructEvent(rawBody, signature);
    } catch {
      await this.ledger.recordAlone({
        source: 'stripe',
        payload: withoutSecrets(parseLoosely(rawBody)),
        signatureValid: false,
        outcome: 'invalid_signature',
      });
      throw new DomainError(
        'invalid_signature',
        'The Stripe-Signature header does not match the payload',
        HttpStatus.BAD_REQUEST,
      );
    }

    const payload = withoutSecrets(event);
    return this.db.transaction(async (manager) => {
      const claimed = await this.ledger.claim(manager, `stripe:${event.id}`, {
        source: 'stripe',
        payload,
        signatureValid: true,
        outcome: 'processing',
      });
      if (!claimed) {
        await this.ledger.record(manager, { source: 'stripe', payload, signatureValid: true, outcome: 'duplicate' });
        return { received: true, outcome: 'duplicate' };
      }
      const reply = (outcome: string, paymentId: string | null) =>
        this.ledger.settleClaim(manager, claimed, outcome, paymentId).then(() => ({ received: true, outcome }));

      if (
        event.type !== 'payment_intent.succeeded' &&
        event.type !== 'payment_intent.payment_failed' &&
        event.type !== 'payment_intent.canceled'
      ) {
        return reply('ignored', null);
      }
      const intent = event.data.object;
      const locked = await this.ledger.lock(manager, { method: 'card', providerReference: intent.id });
      if (!locked) return reply('unmatched', null);
      const { payment } = locked;

      if (event.type === 'payment_intent.succeeded') {
        if (intent.currency !== 'vnd' || intent.amount_received !== payment.amount) {
          await this.ledger.amend(manager, payment, { flags: withFlags(payment.flags, ['amount_mismatch']) });
          return reply('amount_mismatch', payment.id);
        }
        if (payment.status === 'succeeded') return reply('already_settled', payment.id);
        if (payment.status !== 'pending') {
          await this.ledger.amend(manager, payment, {
            amountReceived: intent.amount_received,
            flags: withFlags(payment.flags, ['late_payment']),
          });
          return reply('late_payment', payment.id);
        }
        await this.ledger.capture(manager, locked, {
          amountReceived: intent.amount_received,
          providerTransactionId:
            typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? intent.id),
          paidAt: new Date(event.created * 1000),
        });
        return reply('captured', payment.id);
      }

      if (payment.status !== 'pending') return reply('already_settled', payment.id);
      if (event.type === 'payment_intent.canceled') {
        await this.ledger.close(manager, payment, 'cancelled', { code: intent.cancellation_reason ?? 'canceled' });
        return reply('cancelled', payment.id);
      }
      // A declined card does not end the payment: the PaymentIntent goes back to
      // requires_payment_method and the buyer may try another card on the same page.
      const error = intent.last_payment_error;
      await this.ledger.amend(manager, payment, {
        failureCode: error?.decline_code ?? error?.code ?? 'payment_failed',
        failureMessage: error?.message ?? null,
      });
      return reply('attempt_failed', payment.id);
    });
  }
}
