import type { DataSource } from 'typeorm';
import type { AppConfig } from '../core/config/app-config.js';
import { MeilisearchSearchEngine } from './meilisearch/meilisearch-search-engine.js';
import { PostgresSearchEngine } from './postgres/postgres-search-engine.js';
import type { SearchEngine } from './search-engine.js';

type SearchSettings = Pick<AppConfig, 'SEARCH_ENGINE' | 'MEILI_URL' | 'MEILI_API_KEY' | 'MEILI_INDEX'>;

/** PostgreSQL unless Meilisearch is configured; SEARCH_ENGINE overrides the choice either way. */
export function createSearchEngine(config: SearchSettings, db: DataSource): SearchEngine {
  const engine = config.SEARCH_ENGINE ?? (config.MEILI_URL ? 'meilisearch' : 'postgres');
  if (engine === 'postgres') return new PostgresSearchEngine(db);
  if (!config.MEILI_URL) throw new Error('SEARCH_ENGINE=meilisearch needs MEILI_URL');
  return new MeilisearchSearchEngine({
    host: config.MEILI_URL,
    apiKey: config.MEILI_API_KEY,
    indexUid: config.MEILI_INDEX,
  });
}
