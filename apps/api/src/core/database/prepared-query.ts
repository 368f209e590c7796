import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a statement that PostgreSQL keeps prepared, under `name`, on each pooled connection: it is
 * parsed and planned once per connection instead of on every call. Only for the few hot statements
 * of add-to-cart and checkout, whose planning (many joins, several CTEs) cost about as much as
 * running them. `name` must always go with the same `text`. It uses TypeORM's own pool, so it
 * shares its connections and their limit.
 */
export async function preparedQuery<T>(db: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
