import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Invoice } from './invoice.entity.js';
import { InvoiceIssuer } from './invoice-issuer.js';
import { InvoiceLookupController } from './invoice-lookup.controller.js';
import { SellerInvoicesController } from './seller-invoices.controller.js';
import { InvoiceSettings } from './invoice-settings.entity.js';
import { InvoiceSettingsController } from './invoice-settings.controller.js';
import { InvoiceSettingsService } from './invoice-settings.service.js';
import { InvoicesService } from './invoices.service.js';
import { OutboxWorker } from './outbox/outbox-worker.js';
import { BuiltinInvoiceProvider } from './providers/builtin.provider.js';
import { EINVOICE_PROVIDERS, type ProviderRegistry } from './providers/invoice-provider.js';
import { ViettelInvoiceProvider } from './providers/viettel.provider.js';
import { VnptInvoiceProvider } from './providers/vnpt.provider.js';

/**
 * E-invoices for seller orders. Other modules use `InvoicesService` (request, adjust, replace,
 * cancel, coverage) and may register their own outbox topics on the exported `OutboxWorker`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Invoice, InvoiceSettings])],
  controllers: [InvoiceSettingsController, SellerInvoicesController, InvoiceLookupController],
  providers: [
    InvoiceSettingsService,
    InvoicesService,
    InvoiceIssuer,
    OutboxWorker,
    {
      provide: EINVOICE_PROVIDERS,
      useFactory: (): ProviderRegistry => ({
        builtin: new BuiltinInvoiceProvider(),
        viettel: new ViettelInvoiceProvider(),
        vnpt: new VnptInvoiceProvider(),
      }),
    },
  ],
  exports: [InvoicesService, OutboxWorker],
})
export class InvoicesModule {}
