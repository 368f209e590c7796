import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Public, Roles } from '../identity/authenticated-user.js';
import { ShippingQuoteDto, ShippingQuoteQueryDto, ShippingRuleDto, ShippingRuleInputDto } from './dto/shipping.dto.js';
import { ShippingService } from './shipping.service.js';

@ApiTags('shipping')
@Controller()
export class ShippingController {
  constructor(private readonly shipping: ShippingService) {}

  @Get('seller/shipping-rule')
  @ApiBearerAuth()
  @Roles('seller_member')
  @ApiOkResponse({ type: ShippingRuleDto })
  getRule(@CurrentUser() user: AuthenticatedUser): Promise<ShippingRuleDto> {
    return this.shipping.getRule(user.organisationId ?? '');
  }

  @Put('seller/shipping-rule')
  @ApiBearerAuth()
  @Roles('seller_member')
  @ApiOkResponse({ type: ShippingRuleDto })
  setRule(@CurrentUser() user: AuthenticatedUser, @Body() body: ShippingRuleInputDto): Promise<ShippingRuleDto> {
    return this.shipping.setRule(user.organisationId ?? '', user.userId, body);
  }

  @Get('shipping/quote')
  @Public()
  @ApiOkResponse({ type: ShippingQuoteDto })
  quote(@Query() query: ShippingQuoteQueryDto): Promise<ShippingQuoteDto> {
    return this.shipping.quote(query);
  }
}
