import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import { ListInvoicesQueryDto, SellerInvoiceDto, SellerInvoicePageDto } from './dto/invoice.dto.js';
import { InvoicesService } from './invoices.service.js';

/** The seller's own invoices, scoped by its organisation; another seller's ids answer 404. */
@ApiTags('seller invoices')
@ApiBearerAuth()
@Roles('seller_member')
@Controller('seller/invoices')
export class SellerInvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @ApiOkResponse({ type: SellerInvoicePageDto })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListInvoicesQueryDto): Promise<SellerInvoicePageDto> {
    return this.invoices.listForSeller(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SellerInvoiceDto })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SellerInvoiceDto> {
    return this.invoices.getForSeller(user, id);
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SellerInvoiceDto, description: 'A failed invoice goes back to the queue' })
  retry(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SellerInvoiceDto> {
    return this.invoices.retry(user, id);
  }
}
