import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankTransferService } from './bank-transfer.service.js';
import { BankWebhookGuard } from './bank-webhook.guard.js';
import { Payment } from './payment.entity.js';
import { PaymentCallback } from './payment-callback.entity.js';
import { PaymentRefund } from './payment-refund.entity.js';
import { PaymentRefundsService } from './payment-refunds.service.js';
import { PaymentCallbacksController } from './payment-callbacks.controller.js';
import { PaymentJobsScheduler } from './payment-jobs.scheduler.js';
import { PaymentLedger } from './payment-ledger.js';
import { LoggingPaymentOutcomeListener } from './payment-outcome-listener.js';
import { PAYMENT_PROVIDERS, type PaymentProvider } from './payment-provider.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsService } from './payments.service.js';
import { CashOnDeliveryProvider } from './providers/cash-on-delivery.provider.js';
import { StripeCardProvider } from './providers/stripe-card.provider.js';
import { VietQrProvider } from './providers/vietqr.provider.js';
import { VnpayProvider } from './providers/vnpay.provider.js';
import { StripeRawBodyParser } from './stripe-raw-body.js';
import { StripeWebhookService } from './stripe-webhook.service.js';
import { VnpayService } from './vnpay.service.js';

/**
 * Payments behind the PaymentProvider port: VNPay, VietQR bank transfer, card (Stripe), cash on
 * delivery. Orders call PaymentsService and receive outcomes through PAYMENT_OUTCOME_LISTENER.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Payment, PaymentCallback, PaymentRefund])],
  // The callbacks controller first: its static paths must win over `payments/:id`.
  controllers: [PaymentCallbacksController, PaymentsController],
  providers: [
    StripeRawBodyParser,
    VnpayProvider,
    VietQrProvider,
    StripeCardProvider,
    CashOnDeliveryProvider,
    {
      provide: PAYMENT_PROVIDERS,
      inject: [VnpayProvider, VietQrProvider, StripeCardProvider, CashOnDeliveryProvider],
      useFactory: (...providers: PaymentProvider[]) => providers,
    },
    LoggingPaymentOutcomeListener,
    PaymentLedger,
    PaymentsService,
    PaymentRefundsService,
    VnpayService,
    BankTransferService,
    StripeWebhookService,
    BankWebhookGuard,
    PaymentJobsScheduler,
  ],
  exports: [PaymentsService, PaymentRefundsService, VnpayService],
})
export class PaymentsModule {}
