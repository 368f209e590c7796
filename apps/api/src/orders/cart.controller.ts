import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Public } from '../identity/authenticated-user.js';
import { CART_TOKEN_HEADER, CurrentCart } from './cart-owner.js';
import { type CartOwner, CartService } from './cart.service.js';
import { AddCartLineDto, CartDto, CartQueryDto, MergeCartDto, SetCartLineDto } from './dto/cart.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('cart')
@ApiHeader({
  name: CART_TOKEN_HEADER,
  required: false,
  description: 'Token of a guest cart (not needed when signed in)',
})
@Controller('cart')
export class CartController {
  constructor(private readonly carts: CartService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: CartDto })
  view(@CurrentCart() owner: CartOwner | null, @Query() query: CartQueryDto): Promise<CartDto> {
    return this.carts.view(owner, query.provinceCode);
  }

  @Public()
  @Post('lines')
  @ApiOkResponse({ type: CartDto, description: 'A guest without a cart gets one; its token is in cartToken' })
  add(@CurrentCart() owner: CartOwner | null, @Body() body: AddCartLineDto): Promise<CartDto> {
    return this.carts.addLine(owner, body.variantId, body.quantity);
  }

  @Public()
  @Put('lines/:variantId')
  @ApiOkResponse({ type: CartDto })
  set(
    @CurrentCart() owner: CartOwner | null,
    @Param('variantId', uuid) variantId: string,
    @Body() body: SetCartLineDto,
  ) {
    return this.carts.setLine(owner, variantId, body.quantity);
  }

  @Public()
  @Delete('lines/:variantId')
  @ApiOkResponse({ type: CartDto })
  remove(@CurrentCart() owner: CartOwner | null, @Param('variantId', uuid) variantId: string): Promise<CartDto> {
    return this.carts.removeLine(owner, variantId);
  }

  @Post('merge')
  @ApiBearerAuth()
  @ApiOkResponse({ type: CartDto, description: 'Moves the guest cart into the signed-in buyer’s cart' })
  merge(@CurrentUser() user: AuthenticatedUser, @Body() body: MergeCartDto): Promise<CartDto> {
    return this.carts.merge(user.userId, body.guestCartToken);
  }
}
