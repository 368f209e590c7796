import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DomainError } from '../core/http/domain-error.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import { SellerOrderActionDto, SellerOrderDto } from './dto/checkout.dto.js';
import { OrdersService } from './orders.service.js';
import { SELLER_ORDER_STATUSES, type SellerOrderStatus } from './seller-order-lifecycle.js';

const uuid = new ParseUUIDPipe({ version: '4' });
const SELLER_ACTIONS = ['accept_cod', 'pack', 'ship', 'deliver', 'cancel', 'refund'] as const;

class SellerOrderQueryDto {
  @ApiPropertyOptional({ enum: SELLER_ORDER_STATUSES })
  @IsOptional()
  @IsIn(SELLER_ORDER_STATUSES)
  status?: SellerOrderStatus;
}

/** The seller's orders; ids of another organisation's orders are not found. */
@ApiTags('seller orders')
@ApiBearerAuth()
@Roles('seller_member')
@Controller('seller/orders')
export class SellerOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOkResponse({ type: [SellerOrderDto] })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: SellerOrderQueryDto): Promise<SellerOrderDto[]> {
    return this.orders.listForSeller(user, query.status);
  }

  @Get(':id')
  @ApiOkResponse({ type: SellerOrderDto })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string): Promise<SellerOrderDto> {
    return this.orders.getForSeller(user, id);
  }

  @Post(':id/:action')
  @ApiOkResponse({ type: SellerOrderDto, description: 'action: accept_cod, pack, ship, deliver, cancel or refund' })
  act(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('action') action: string,
    @Body() body: SellerOrderActionDto,
  ): Promise<SellerOrderDto> {
    if (!(SELLER_ACTIONS as readonly string[]).includes(action)) {
      throw new DomainError('unknown_action', `Unknown action ${action}`, HttpStatus.NOT_FOUND);
    }
    return this.orders.actAsSeller(user, id, action as (typeof SELLER_ACTIONS)[number], body.note);
  }
}
