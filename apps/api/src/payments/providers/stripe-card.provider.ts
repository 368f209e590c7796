import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import type { Payment } from '../payment.entity.js';
import type {
  CancelAtProvider,
  PaymentProvider,
  PaymentStartContext,
  RefundAtProvider,
  RefundRequest,
  StartedPayment,
} from '../payment-provider.js';

/** Where the Stripe client sends requests: Stripe itself, or the in-repo mock under tests. */
function apiBase(url: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!url) return {};
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port || (parsed.protocol === 'http:' ? 80 : 443),
    protocol: parsed.protocol === 'http:' ? 'http' : 'https',
  };
}

/**
 * Cards through Stripe PaymentIntents, for buyers abroad. The buyer's browser confirms the card
 * with the client secret (Stripe.js); we learn the outcome only from signed webhooks.
 */
@Injectable()
export class StripeCardProvider implements PaymentProvider {
  readonly method = 'card' as const;
  readonly available: boolean;
  readonly expiryMinutes: number;
  private readonly client: Stripe | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.expiryMinutes = config.PAYMENT_EXPIRY_MINUTES;
    this.available = Boolean(config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET);
    this.client = config.STRIPE_SECRET_KEY
      ? new Stripe(config.STRIPE_SECRET_KEY, {
          maxNetworkRetries: 1,
          timeout: 20_000,
          ...apiBase(config.STRIPE_API_BASE),
        })
      : null;
  }

  private get stripe(): Stripe {
    if (!this.client) throw new Error('Stripe is not configured');
    return this.client;
  }

  async start(payment: Payment, context: PaymentStartContext): Promise<StartedPayment> {
    const intent = await this.stripe.paymentIntents.create(
      {
        // VND is a zero-decimal currency for Stripe: the amount is in đồng, as stored.
        amount: payment.amount,
        currency: 'vnd',
        description: context.orderInfo.slice(0, 1000),
        allowed_payment_method_types: ['card'],
        metadata: { paymentId: payment.id, customerOrderId: payment.customerOrderId, reference: payment.reference },
      },
      // A retried start (network error, crash between the call and our commit) reuses the same intent.
      { idempotencyKey: `payment-${payment.id}` },
    );
    if (!intent.client_secret) throw new Error('Stripe returned a PaymentIntent without a client secret');
    return {
      providerReference: intent.id,
      // The client secret goes to the buyer once and is never stored: it lets its holder confirm the payment.
      action: {
        type: 'card',
        clientSecret: intent.client_secret,
        publishableKey: this.config.STRIPE_PUBLISHABLE_KEY ?? null,
      },
      instructions: null,
    };
  }

  async cancel(payment: Payment): Promise<CancelAtProvider> {
    if (!payment.providerReference) return 'cancelled';
    const intent = await this.stripe.paymentIntents.retrieve(payment.providerReference);
    if (intent.status === 'canceled') return 'cancelled';
    // Money taken or on its way: the webhook will capture it, so the payment must stay open.
    if (intent.status === 'succeeded' || intent.status === 'processing' || intent.status === 'requires_capture') {
      return 'already_paid';
    }
    await this.stripe.paymentIntents.cancel(payment.providerReference, { cancellation_reason: 'abandoned' });
    return 'cancelled';
  }

  async refund(payment: Payment, request: RefundRequest): Promise<RefundAtProvider> {
    if (!payment.providerReference) throw new Error('The card payment has no PaymentIntent to refund');
    const refund = await this.stripe.refunds.create(
      // VND is zero-decimal for Stripe: the amount is in đồng.
      { payment_intent: payment.providerReference, amount: request.amount, metadata: { refundId: request.refundId } },
      // The same refund id on a retry makes Stripe answer with the refund it already made.
      { idempotencyKey: `refund-${request.refundId}` },
    );
    // `pending` is accepted: Stripe owns it from here and completes it without us.
    if (refund.status === 'failed' || refund.status === 'canceled') {
      throw new Error(`Stripe refund ${refund.id} is ${refund.status}: ${refund.failure_reason ?? 'no reason given'}`);
    }
    return { outcome: 'succeeded', providerReference: refund.id };
  }

  /** Verifies the `Stripe-Signature` header over the exact bytes received; throws when it does not match. */
  constructEvent(rawBody: Buffer, signature: string | undefined): Stripe.Event {
    if (!this.config.STRIPE_WEBHOOK_SECRET) throw new Error('Stripe webhooks are not configured');
    return this.stripe.webhooks.constructEvent(rawBody, signature ?? '', this.config.STRIPE_WEBHOOK_SECRET);
  }
}
