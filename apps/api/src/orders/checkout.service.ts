import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { CartOwner } from './cart.service.js';
import type { CheckoutDto, CheckoutResultDto } from './dto/checkout.dto.js';
import { OrdersService } from './orders.service.js';

/** Places the order, then starts its payment with the method the buyer chose. */
@Injectable()
export class CheckoutService {
  constructor(private readonly orders: OrdersService) {}

  async checkout(owner: CartOwner, buyer: AuthenticatedUser | null, input: CheckoutDto): Promise<CheckoutResultDto> {
    const placed = await this.orders.checkout(owner, buyer, input);
    const order = await this.orders.getForBuyer(placed.code, null, placed.orderAccessToken);
    return { order, orderAccessToken: placed.orderAccessToken };
  }
}
