import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';

/**
 * The schema comes only from migrations, applied on start (`migrationsRun`); `synchronize` stays
 * off so that what runs in production is exactly what the tests ran.
 */
export function dataSourceOptions(url: string): DataSourceOptions & { type: 'postgres' } {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 20 },
  };
}
