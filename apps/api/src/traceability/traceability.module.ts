import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module.js';
import { PublicBatchesController } from './public-batches.controller.js';
import { PublicBatchesService } from './public-batches.service.js';
import { ProvinceTraceabilityController, PublicTraceController } from './public-trace.controller.js';
import { SellerBatchesController, SellerOrderLineBatchController } from './seller-batches.controller.js';
import { SellerBatchesService } from './seller-batches.service.js';
import { TracePageController } from './trace-page.controller.js';
import { TraceabilityService } from './traceability.service.js';

/**
 * Batches, their hash-chained events, QR codes and labels, the public trace page and scan counts.
 * The page routes (`/t/…`, `/01/…`) live outside the /api prefix: app.ts excludes them.
 */
@Module({
  imports: [StorageModule],
  controllers: [
    SellerBatchesController,
    SellerOrderLineBatchController,
    PublicBatchesController,
    PublicTraceController,
    ProvinceTraceabilityController,
    TracePageController,
  ],
  providers: [SellerBatchesService, TraceabilityService, PublicBatchesService],
  exports: [TraceabilityService],
})
export class TraceabilityModule {}
