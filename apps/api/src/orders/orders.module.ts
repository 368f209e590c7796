import { Module } from '@nestjs/common';
import { ShippingModule } from '../shipping/shipping.module.js';
import { CartController } from './cart.controller.js';
import { CartService } from './cart.service.js';
import { CheckoutService } from './checkout.service.js';
import { LogNotificationSender, NOTIFICATION_SENDER } from './notifications.js';
import { OrderExpiryScheduler } from './order-expiry.scheduler.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { SellerOrdersController } from './seller-orders.controller.js';

@Module({
  imports: [ShippingModule],
  controllers: [CartController, OrdersController, SellerOrdersController],
  providers: [
    CartService,
    OrdersService,
    CheckoutService,
    OrderExpiryScheduler,
    { provide: NOTIFICATION_SENDER, useClass: LogNotificationSender },
  ],
  exports: [OrdersService],
})
export class OrdersModule {}
