import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import { InvoiceSettingsDto, UpdateInvoiceSettingsDto, UploadCertificateDto } from './dto/invoice-settings.dto.js';
import { InvoiceSettingsService } from './invoice-settings.service.js';

/** The seller's e-invoice provider, symbol, trigger, credentials and signing certificate. */
@ApiTags('seller invoices')
@ApiBearerAuth()
@Roles('seller_member')
@Controller('seller/invoice-settings')
export class InvoiceSettingsController {
  constructor(private readonly settings: InvoiceSettingsService) {}

  @Get()
  @ApiOkResponse({ type: InvoiceSettingsDto })
  get(@CurrentUser() user: AuthenticatedUser): Promise<InvoiceSettingsDto> {
    return this.settings.get(user);
  }

  @Put()
  @ApiOkResponse({ type: InvoiceSettingsDto })
  update(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateInvoiceSettingsDto): Promise<InvoiceSettingsDto> {
    return this.settings.update(user, body);
  }

  @Put('certificate')
  @ApiOkResponse({
    type: InvoiceSettingsDto,
    description: 'The certificate is checked, then stored encrypted; the key is never returned',
  })
  uploadCertificate(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: UploadCertificateDto,
  ): Promise<InvoiceSettingsDto> {
    return this.settings.uploadCertificate(user, body);
  }

  @Delete('certificate')
  @ApiOkResponse({ type: InvoiceSettingsDto })
  removeCertificate(@CurrentUser() user: AuthenticatedUser): Promise<InvoiceSettingsDto> {
    return this.settings.removeCertificate(user);
  }
}
