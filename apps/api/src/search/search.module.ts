import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { StorageModule } from '../storage/storage.module.js';
import { createSearchEngine } from './search-engine.factory.js';
import { SEARCH_ENGINE } from './search-engine.js';
import { SearchIndexer } from './search-indexer.js';
import { SearchReference } from './search-reference.js';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';

@Module({
  imports: [StorageModule],
  controllers: [SearchController],
  providers: [
    {
      provide: SEARCH_ENGINE,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: (config: AppConfig, db: DataSource) => createSearchEngine(config, db),
    },
    SearchReference,
    SearchService,
    SearchIndexer,
  ],
  exports: [SEARCH_ENGINE, SearchService, SearchIndexer],
})
export class SearchModule {}
