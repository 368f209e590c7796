import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { SEARCH_ENGINE, type SearchEngine, type SqlRunner } from './search-engine.js';
import { INDEX_LOCK_SQL, rebuildSearchIndex } from './search-rebuild.js';

const BATCH = 500;
const DEFAULT_INTERVAL_MS = 1_000;

interface BatchReport {
  /** Queue rows taken (the larger of the outbox and the copy queue). */
  claimed: number;
  /** Distinct products whose documents were rebuilt. */
  refreshed: number;
}
const NOTHING: BatchReport = { claimed: 0, refreshed: 0 };

/**
 * Applies `search_outbox`: the products whose documents changed. A batch claims the rows and
 * rebuilds the documents in SQL (`search_refresh_documents`) in one transaction, then, for an
 * engine with its own index (Meilisearch), copies them in another (`search_copy_queue`); if either
 * fails its claim rolls back and the next tick retries. Documents whose certificates expire are refreshed too (`refresh_at`), so a lapsed
 * OCOP rating leaves the stars facet without any write to the catalog.
 *
 * Several app instances may run this at once: the advisory lock lets one apply batches while the
 * others skip the tick.
 */
@Injectable()
export class SearchIndexer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SearchIndexer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BatchReport> | null = null;
  private prepared = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get intervalMs(): number {
    return this.config.SEARCH_SYNC_INTERVAL_MS ?? (this.config.NODE_ENV === 'test' ? 0 : DEFAULT_INTERVAL_MS);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.prepare().catch((error: unknown) =>
      this.logger.error(`Search engine ${this.engine.name} is not ready: ${String(error)}`),
    );
    if (this.intervalMs === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.drain().catch((error: unknown) => this.logger.warn(`Search sync failed, will retry: ${String(error)}`));
    }, this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Applies one batch; returns how many products it refreshed. Calls made together run one after another. */
  async runOnce(): Promise<number> {
    return (await this.runBatch()).refreshed;
  }

  private runBatch(): Promise<BatchReport> {
    const previous = this.running ?? Promise.resolve(NOTHING);
    const next = previous.catch(() => NOTHING).then(() => this.applyBatch());
    this.running = next;
    next
      .finally(() => {
        if (this.running === next) this.running = null;
      })
      .catch(() => undefined);
    return next;
  }

  /** Applies batches until the outbox is empty (or another instance holds it). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const report = await this.runBatch();
      total += report.refreshed;
      // A full batch means more may be waiting; a batch that refreshed nothing (every product locked
      // by a long transaction, or the lock held elsewhere) means waiting for the next tick.
      if (report.claimed < BATCH || report.refreshed === 0) return total;
    }
  }

  private async prepare(): Promise<void> {
    if (this.prepared) return;
    await this.engine.prepare();
    this.prepared = true;
    // A new, empty Meilisearch next to an existing catalogue (switching engines, a lost volume) is
    // filled from scratch once instead of waiting for every product to change.
    const indexed = await this.engine.indexedCount();
    if (indexed === 0) {
      const [row] = (await this.db.query('SELECT EXISTS (SELECT 1 FROM search_documents) AS any')) as {
        any: boolean;
      }[];
      if (row?.any) {
        this.logger.log(`The ${this.engine.name} index is empty: rebuilding it from the catalogue`);
        const report = await rebuildSearchIndex(this.db, this.engine);
        this.logger.log(`Search index rebuilt: ${report.documents} documents in ${report.seconds.toFixed(1)} s`);
      }
    }
  }

  /**
   * Two short transactions: the first rebuilds documents in SQL while holding the product and
   * organisation locks; the second copies them to the engine (Meilisearch) holding no catalogue
   * locks, so a slow or absent engine never makes a checkout or a product save wait.
   */
  private async applyBatch(): Promise<BatchReport> {
    await this.prepare();
    const report = await this.refreshBatch();
    const copied = this.engine.copiesDocuments ? await this.copyBatch() : 0;
    return { claimed: Math.max(report.claimed, copied), refreshed: report.refreshed + copied };
  }

  private refreshBatch(): Promise<BatchReport> {
    return this.db.transaction(async (manager) => {
      const db: SqlRunner = manager;
      if (!(await this.lockIndex(db))) return NOTHING;
      const claimed = await this.claim(db, 'search_outbox');
      const due = (await db.query(
        'SELECT product_id FROM search_documents WHERE refresh_at <= now() ORDER BY refresh_at LIMIT $1',
        [BATCH],
      )) as {
        product_id: string;
      }[];
      const ids = [...new Set([...claimed, ...due.map((row) => row.product_id)])];
      if (ids.length === 0) return NOTHING;

      const [result] = (await db.query('SELECT search_refresh_documents($1::uuid[]) AS skipped', [ids])) as {
        skipped: string[];
      }[];
      const skipped = new Set(result?.skipped ?? []);
      if (skipped.size > 0)
        await db.query('INSERT INTO search_outbox (product_id) SELECT unnest($1::uuid[])', [[...skipped]]);
      const refreshed = ids.filter((id) => !skipped.has(id));
      if (this.engine.copiesDocuments && refreshed.length > 0) {
        await db.query('INSERT INTO search_copy_queue (product_id) SELECT unnest($1::uuid[])', [refreshed]);
      }
      return { claimed: claimed.length, refreshed: refreshed.length };
    });
  }

  /** A failed copy rolls back, leaving its rows queued for the next tick. */
  private copyBatch(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const db: SqlRunner = manager;
      if (!(await this.lockIndex(db))) return 0;
      const claimed = await this.claim(db, 'search_copy_queue');
      if (claimed.length > 0) await this.engine.sync([...new Set(claimed)], db);
      return claimed.length;
    });
  }

  /** Serialises batches with each other and with a rebuild, across instances. */
  private async lockIndex(db: SqlRunner): Promise<boolean> {
    const [lock] = (await db.query(`SELECT pg_try_advisory_xact_lock(${INDEX_LOCK_SQL}) AS locked`)) as {
      locked: boolean;
    }[];
    return lock?.locked === true;
  }

  private async claim(db: SqlRunner, table: 'search_outbox' | 'search_copy_queue'): Promise<string[]> {
    const rows = (await db.query(
      `WITH claimed AS (
         DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING product_id)
       SELECT product_id FROM claimed`,
      [BATCH],
    )) as { product_id: string }[];
    return rows.map((row) => row.product_id);
  }
}
