import type { DataSource } from 'typeorm';
import type { SearchEngine } from './search-engine.js';

/** One advisory lock key for everything that rewrites the index: worker batches and rebuilds. */
export const INDEX_LOCK_SQL = "hashtext('ocop.search_index')";

export interface RebuildReport {
  documents: number;
  engine: string;
  seconds: number;
}

/**
 * Rebuilds the search index from the catalog: every document in SQL (one transaction, so searches
 * keep the old index until the new one is complete), then the engine's copy. The session-level
 * advisory lock keeps the outbox worker off until both are done; what changes meanwhile waits in
 * the outbox and is applied after.
 */
export async function rebuildSearchIndex(db: DataSource, engine: SearchEngine): Promise<RebuildReport> {
  const started = performance.now();
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(${INDEX_LOCK_SQL})`);
    try {
      await runner.startTransaction();
      try {
        await runner.query('SELECT search_rebuild_documents()');
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      // VACUUM too: a new table's pages are not yet marked all-visible, and index-only scans need that.
      await runner.query('VACUUM ANALYZE search_documents');
      await runner.query('ANALYZE search_terms, search_term_variants');
      await engine.prepare();
      const documents = await engine.rebuild(runner);
      return { documents, engine: engine.name, seconds: (performance.now() - started) / 1000 };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${INDEX_LOCK_SQL})`);
    }
  } finally {
    await runner.release();
  }
}
