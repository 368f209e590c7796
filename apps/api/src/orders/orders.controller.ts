import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../core/http/domain-error.js';
import { type AuthenticatedUser, CurrentUser, OptionalUser, Public } from '../identity/authenticated-user.js';
import { CurrentCart } from './cart-owner.js';
import type { CartOwner } from './cart.service.js';
import { type BuyerRequestContext, CheckoutService } from './checkout.service.js';
import {
  CheckoutDto,
  CheckoutResultDto,
  CustomerOrderDto,
  OrderAccessQueryDto,
  SellerOrderActionDto,
  StartedPaymentDto,
  StartPaymentDto,
} from './dto/checkout.dto.js';
import { OrdersService } from './orders.service.js';

const BUYER_ACTIONS = ['cancel', 'complete'] as const;

function buyerContext(request: Request): BuyerRequestContext {
  const language = request.headers['accept-language'] ?? '';
  return { ip: request.ip ?? '127.0.0.1', locale: language.toLowerCase().startsWith('en') ? 'en' : 'vi' };
}

@ApiTags('orders')
@Controller()
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly checkoutService: CheckoutService,
  ) {}

  @Public()
  @Post('checkout')
  @ApiCreatedResponse({ type: CheckoutResultDto })
  checkout(
    @CurrentCart() owner: CartOwner | null,
    @OptionalUser() user: AuthenticatedUser | null,
    @Body() body: CheckoutDto,
    @Req() request: Request,
  ): Promise<CheckoutResultDto> {
    if (!owner) throw new DomainError('cart_empty', 'The cart is empty', HttpStatus.CONFLICT);
    return this.checkoutService.checkout(owner, user, body, buyerContext(request));
  }

  @Public()
  @Post('orders/:code/payments')
  @ApiCreatedResponse({ type: StartedPaymentDto, description: 'A new payment attempt for what the order still owes' })
  startPayment(
    @Param('code') code: string,
    @OptionalUser() user: AuthenticatedUser | null,
    @Query() query: OrderAccessQueryDto,
    @Body() body: StartPaymentDto,
    @Req() request: Request,
  ): Promise<StartedPaymentDto> {
    return this.checkoutService.startPayment(code, user, query.token, body.method, buyerContext(request));
  }

  @Get('orders')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [CustomerOrderDto] })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<CustomerOrderDto[]> {
    return this.orders.listForBuyer(user);
  }

  @Public()
  @Get('orders/:code')
  @ApiOkResponse({ type: CustomerOrderDto, description: 'The buyer’s own order, or a guest’s with ?token=' })
  get(
    @Param('code') code: string,
    @OptionalUser() user: AuthenticatedUser | null,
    @Query() query: OrderAccessQueryDto,
  ) {
    return this.orders.getForBuyer(code, user, query.token);
  }

  @Public()
  @Post('orders/:code/seller-orders/:sellerOrderId/:action')
  @ApiOkResponse({ type: CustomerOrderDto, description: 'action: cancel (before packing) or complete (received)' })
  act(
    @Param('code') code: string,
    @Param('sellerOrderId', new ParseUUIDPipe({ version: '4' })) sellerOrderId: string,
    @Param('action') action: string,
    @OptionalUser() user: AuthenticatedUser | null,
    @Query() query: OrderAccessQueryDto,
    @Body() body: SellerOrderActionDto,
  ): Promise<CustomerOrderDto> {
    if (!(BUYER_ACTIONS as readonly string[]).includes(action)) {
      throw new DomainError(
        'unknown_action',
        `Buyers can ${BUYER_ACTIONS.join(' or ')} an order`,
        HttpStatus.NOT_FOUND,
      );
    }
    return this.orders.actAsBuyer(
      code,
      sellerOrderId,
      action as (typeof BUYER_ACTIONS)[number],
      user,
      query.token,
      body.note,
    );
  }
}
