import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { DemoDataService } from './demo-data.service.js';

@Module({
  imports: [IdentityModule, StorageModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoModule {}
