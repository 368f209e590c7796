import { APPROVED_SELLER_CONDITION, PUBLIC_PRODUCT_CONDITION } from '../catalog/public-visibility.js';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { shortTraceUri } from './digital-link.js';
import type { CurrentBatchDto, ProductTraceDto, RecentBatchDto } from './dto/public-batches.dto.js';
import type { PlaceDto } from './dto/trace.dto.js';
import { publicBaseUrl } from './seller-batches.service.js';
import { TRACE_EVENT_KINDS, TRACE_EVENT_LABELS } from './trace.constants.js';
import { BATCH_COLUMNS, type BatchRow, EVENT_COLUMNS, type EventRow, verifyBatchChain } from './trace-record.js';

interface CurrentRow extends BatchRow {
  product_slug: string;
  origin_name: string | null;
  origin_province: string | null;
  org_name: string;
  org_slug: string | null;
  org_commune_code: string | null;
  org_commune_name: string | null;
  org_province_name: string | null;
}

interface EventWithPlace extends EventRow {
  place_commune_name: string | null;
  place_province_name: string | null;
}

interface RecentRow {
  code: string;
  created_at: Date;
  event_count: number;
  origin_commune_code: string;
  origin_name: string | null;
  origin_province: string | null;
  product_name: string;
  product_slug: string;
  image_key: string | null;
  org_name: string;
  org_slug: string | null;
  org_commune_code: string | null;
  org_commune_name: string | null;
  org_province_name: string | null;
}

const place = (code: string | null, name: string | null, provinceName: string | null): PlaceDto | null =>
  code ? { code, name: name ?? '', provinceName: provinceName ?? '' } : null;

const producer = (row: {
  org_name: string;
  org_slug: string | null;
  org_commune_code: string | null;
  org_commune_name: string | null;
  org_province_name: string | null;
}) => ({
  name: row.org_name,
  slug: row.org_slug,
  commune: place(row.org_commune_code, row.org_commune_name, row.org_province_name),
});

/** What the storefront shows of a product's traceability: short summaries, two queries at most. */
@Injectable()
export class PublicBatchesService {
  private readonly base: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.base = publicBaseUrl(config);
  }

  /**
   * A product's *current* batch is the one the seller recorded most recently among those with at
   * least one event: the lot most likely on the shelf now, and one whose trace page has a journey to
   * show (a batch just created, with no event yet, would be an empty page).
   */
  async currentBatch(slug: string): Promise<ProductTraceDto> {
    const [row] = (await this.db.query(
      `SELECT p.slug AS product_slug, o.name AS org_name, o.slug AS org_slug, o.commune_code AS org_commune_code,
              ocm.name AS org_commune_name, opr.name AS org_province_name, cur.*
       FROM products p
       JOIN organisations o ON ${APPROVED_SELLER_CONDITION}
       LEFT JOIN communes ocm ON ocm.code = o.commune_code
       LEFT JOIN provinces opr ON opr.code = ocm.province_code
       LEFT JOIN LATERAL (
         SELECT ${BATCH_COLUMNS}, cm.name AS origin_name, pr.name AS origin_province
         FROM trace_batches b
         LEFT JOIN communes cm ON cm.code = b.origin_commune_code
         LEFT JOIN provinces pr ON pr.code = cm.province_code
         WHERE b.product_id = p.id AND b.event_count > 0
         ORDER BY b.created_at DESC, b.id DESC LIMIT 1
       ) cur ON true
       WHERE p.slug = $1 AND ${PUBLIC_PRODUCT_CONDITION}`,
      [slug],
    )) as CurrentRow[];
    if (!row) throw new DomainError('product_not_found', 'No such product in the catalog', HttpStatus.NOT_FOUND);
    if (!row.id) return { productSlug: row.product_slug, batch: null };

    const events: EventWithPlace[] = await this.db.query(
      `SELECT ${EVENT_COLUMNS}, c.name AS place_commune_name, pr.name AS place_province_name
       FROM trace_events e
       LEFT JOIN communes c ON c.code = e.commune_code
       LEFT JOIN provinces pr ON pr.code = c.province_code
       WHERE e.batch_id = $1 ORDER BY e.seq`,
      [row.id],
    );
    return { productSlug: row.product_slug, batch: this.summary(row, events) };
  }

  private summary(row: CurrentRow, events: EventWithPlace[]): CurrentBatchDto {
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
    // The latest stage in time; events may be recorded after the fact, so not simply the highest seq.
    const last = events.reduce((latest, event) => (event.occurred_at >= latest.occurred_at ? event : latest));
    return {
      code: row.code,
      lot: row.lot,
      harvestedOn: row.harvested_on,
      producedOn: row.produced_on,
      expiresOn: row.expires_on,
      recordedAt: row.created_at.toISOString(),
      origin: place(row.origin_commune_code, row.origin_name, row.origin_province)!,
      producer: producer(row),
      eventCount: events.length,
      eventKinds: TRACE_EVENT_KINDS.filter((kind) => counts.has(kind)).map((kind) => ({
        kind,
        label: TRACE_EVENT_LABELS[kind],
        count: counts.get(kind)!,
      })),
      lastEvent: {
        kind: last.kind,
        kindLabel: TRACE_EVENT_LABELS[last.kind],
        occurredAt: last.occurred_at.toISOString(),
        place: place(last.commune_code, last.place_commune_name, last.place_province_name),
        placeName: last.place_name,
      },
      // Recomputed from the rows just read, like the trace page does: never a stored flag.
      chainVerified: verifyBatchChain(row, events).verified,
      tracePath: `/t/${row.code}`,
      traceUrl: shortTraceUri(this.base, row.code),
    };
  }

  /** The newest batches (with at least one event) of products the public may see, newest first. */
  async recentBatches(limit: number): Promise<RecentBatchDto[]> {
    const rows: RecentRow[] = await this.db.query(
      `SELECT b.code, b.created_at, b.event_count, b.origin_commune_code, cm.name AS origin_name,
              pr.name AS origin_province, p.name AS product_name, p.slug AS product_slug,
              (SELECT i.storage_key FROM product_images i WHERE i.product_id = p.id
               ORDER BY i.position, i.created_at LIMIT 1) AS image_key,
              o.name AS org_name, o.slug AS org_slug, o.commune_code AS org_commune_code,
              ocm.name AS org_commune_name, opr.name AS org_province_name
       FROM trace_batches b
       JOIN products p ON p.id = b.product_id
       JOIN organisations o ON ${APPROVED_SELLER_CONDITION}
       LEFT JOIN communes cm ON cm.code = b.origin_commune_code
       LEFT JOIN provinces pr ON pr.code = cm.province_code
       LEFT JOIN communes ocm ON ocm.code = o.commune_code
       LEFT JOIN provinces opr ON opr.code = ocm.province_code
       WHERE b.event_count > 0 AND ${PUBLIC_PRODUCT_CONDITION}
       ORDER BY b.created_at DESC, b.id DESC
       LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      code: row.code,
      product: {
        name: row.product_name,
        slug: row.product_slug,
        imageUrl: row.image_key ? this.storage.url(row.image_key) : null,
      },
      producer: producer(row),
      origin: place(row.origin_commune_code, row.origin_name, row.origin_province)!,
      recordedAt: row.created_at.toISOString(),
      eventCount: row.event_count,
      tracePath: `/t/${row.code}`,
    }));
  }
}
