import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { AppConfig } from './core/config/app-config.js';
import { ConfigModule } from './core/config/config.module.js';
import { DatabaseModule } from './core/database/database.module.js';
import { AllExceptionsFilter } from './core/http/all-exceptions.filter.js';
import { LoggingModule } from './core/logging/logging.module.js';
import { DemoModule } from './demo/demo.module.js';
import { GeoModule } from './geo/geo.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { InvoicesModule } from './invoices/invoices.module.js';
import { SellersModule } from './sellers/sellers.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { ShippingModule } from './shipping/shipping.module.js';
import { PlanModule } from './plan/plan.module.js';
import { TrainingModule } from './training/training.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { TraceabilityModule } from './traceability/traceability.module.js';
import { SearchModule } from './search/search.module.js';
import { KpisModule } from './kpis/kpis.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        HealthModule,
        IdentityModule,
        GeoModule,
        SellersModule,
        CatalogModule,
        ShippingModule,
        OrdersModule,
        PaymentsModule,
        InvoicesModule,
        PlanModule,
        TrainingModule,
        ComplaintsModule,
        TraceabilityModule,
        SearchModule,
        KpisModule,
        DemoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
