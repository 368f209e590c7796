import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { PaymentsService } from '../payments/payments.service.js';
import type { CartOwner } from './cart.service.js';
import type { CheckoutDto, CheckoutResultDto, PaymentMethod, StartedPaymentDto } from './dto/checkout.dto.js';
import { OrdersService } from './orders.service.js';

export interface BuyerRequestContext {
  ip: string;
  locale: 'vi' | 'en';
}

/**
 * Places the order, then starts its payment. The payment starts after the order is committed, so
 * that a slow payment gateway never holds the stock locks; if it fails, the order waits for payment
 * and the buyer can try again (`startPayment`) until the payment window closes.
 */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkout(
    owner: CartOwner,
    buyer: AuthenticatedUser | null,
    input: CheckoutDto,
    context: BuyerRequestContext,
  ): Promise<CheckoutResultDto> {
    const placed = await this.orders.checkout(owner, buyer, input);
    let payment: StartedPaymentDto | null = null;
    let paymentError: string | null = null;
    try {
      payment = await this.start(placed.customerOrderId, placed.code, placed.grandTotal, input.paymentMethod, context);
    } catch (error) {
      this.logger.warn({ err: error, order: placed.code }, 'The order was placed but its payment could not start');
      paymentError = error instanceof DomainError ? error.code : 'payment_provider_failed';
    }
    const order = await this.orders.getForBuyer(placed.code, null, placed.orderAccessToken);
    return { order, orderAccessToken: placed.orderAccessToken, payment, paymentError };
  }

  /** A new payment attempt for what the order still owes (after a failed or abandoned one). */
  async startPayment(
    code: string,
    buyer: AuthenticatedUser | null,
    accessToken: string | undefined,
    method: PaymentMethod,
    context: BuyerRequestContext,
  ): Promise<StartedPaymentDto> {
    const order = await this.orders.getForBuyer(code, buyer, accessToken);
    const amount = await this.orders.amountAwaitingPayment(order.id);
    if (amount === 0)
      throw new DomainError('nothing_to_pay', 'Nothing in this order is waiting for payment', HttpStatus.CONFLICT);
    if (method === 'cod' && order.paymentMethod !== 'cod') {
      throw new DomainError(
        'payment_method_unavailable',
        'Cash on delivery must be chosen at checkout',
        HttpStatus.CONFLICT,
      );
    }
    // Only one attempt may be open, so that money cannot arrive twice for the same goods.
    await this.payments.closePendingForOrder(order.id, 'cancelled');
    return this.start(order.id, order.code, amount, method, context);
  }

  private async start(
    customerOrderId: string,
    code: string,
    amount: number,
    method: PaymentMethod,
    context: BuyerRequestContext,
  ): Promise<StartedPaymentDto> {
    const base = this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`;
    const created = await this.payments.createPayment({
      customerOrderId,
      amount,
      method,
      buyerIp: context.ip,
      // VNPay and bank apps show this; kept ASCII because some of them mangle diacritics.
      orderInfo: `Thanh toan don hang ${code}`,
      returnUrl: `${base}/thanh-toan/vnpay`,
      locale: context.locale,
    });
    return {
      id: created.payment.id,
      method,
      status: created.payment.status,
      accessToken: created.accessToken,
      action: created.action,
    };
  }
}
