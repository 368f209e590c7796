import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { PAYMENT_OUTCOME_LISTENER } from '../payments/payment-outcome-listener.js';
import { ShippingModule } from '../shipping/shipping.module.js';
import { CartController } from './cart.controller.js';
import { CartService } from './cart.service.js';
import { CheckoutService } from './checkout.service.js';
import { EmailNotificationSender } from './email-notification-sender.js';
import { LogNotificationSender, NOTIFICATION_SENDER } from './notifications.js';
import { OrderExpiryScheduler } from './order-expiry.scheduler.js';
import { OrderInvoicing } from './order-invoicing.js';
import { OrderPaymentHooks } from './order-payment-hooks.js';
import { ORDER_TRANSITION_HOOKS } from './order-transition-hooks.js';
import { OrdersPaymentListener } from './orders-payment-listener.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { SellerOrdersController } from './seller-orders.controller.js';

@Module({
  imports: [ShippingModule, PaymentsModule, InvoicesModule],
  controllers: [CartController, OrdersController, SellerOrdersController],
  providers: [
    CartService,
    OrdersService,
    CheckoutService,
    OrderExpiryScheduler,
    OrdersPaymentListener,
    { provide: PAYMENT_OUTCOME_LISTENER, useExisting: OrdersPaymentListener },
    OrderPaymentHooks,
    OrderInvoicing,
    { provide: ORDER_TRANSITION_HOOKS, useExisting: OrderPaymentHooks },
    {
      // Email when an SMTP server is configured, the log otherwise.
      provide: NOTIFICATION_SENDER,
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, db: DataSource) =>
        config.SMTP_URL
          ? new EmailNotificationSender(config.SMTP_URL, config.MAIL_FROM, db)
          : new LogNotificationSender(),
    },
  ],
  exports: [OrdersService],
})
export class OrdersModule {}
