import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { todayInVietnam } from '../catalog/vietnam-date.js';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { EXTENSIONS_BY_CONTENT_TYPE, FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { sniffFileType } from '../storage/sniff-file-type.js';
import type { UploadedFileData } from '../storage/upload.interceptor.js';
import { toGtin14 } from './digital-link.js';
import type { CreateBatchDto, CreateTraceEventDto, LabelSize } from './dto/batch.dto.js';
import type {
  OrderLineBatchDto,
  PhotoDto,
  SellerBatchDto,
  SellerBatchSummaryDto,
  TraceEventDto,
} from './dto/trace.dto.js';
import { sha256Hex } from './hash-chain.js';
import { qrPng, qrSvg, renderLabelSheet } from './qr-labels.js';
import { BATCH_RECORDABLE_ORDER_STATUSES, MAX_EVENTS_PER_BATCH, MAX_PHOTOS_PER_BATCH } from './trace.constants.js';
import {
  BATCH_COLUMNS,
  type BatchRow,
  buildTraceRecord,
  findBatch,
  type StoredEvidence,
  traceLinks,
} from './trace-record.js';
import { appendEvent, insertBatch } from './trace-writer.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** A phone's clock may run a little ahead; anything later than this is a typo, not an event. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

export const batchNotFound = () =>
  new DomainError('batch_not_found', 'No such batch in your organisation', HttpStatus.NOT_FOUND);
const productNotFound = () =>
  new DomainError('product_not_found', 'No such product in your organisation', HttpStatus.NOT_FOUND);

function invalidField(field: string, message: string): DomainError {
  return new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
    { field, messages: [message] },
  ]);
}

/** The organisation a seller acts for; it comes from the account, never from the request. */
function organisationOf(caller: AuthenticatedUser): string {
  if (!caller.organisationId) {
    throw new DomainError(
      'organisation_required',
      'Your account does not belong to an organisation',
      HttpStatus.FORBIDDEN,
    );
  }
  return caller.organisationId;
}

/** dd/mm/yyyy, as Vietnamese labels print dates. */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

export function publicBaseUrl(config: AppConfig): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

@Injectable()
export class SellerBatchesService {
  private readonly logger = new Logger(SellerBatchesService.name);
  private readonly base: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.base = publicBaseUrl(config);
  }

  /** A batch of the caller's organisation; anything else (including a malformed id) is not found. */
  private async ownBatch(
    manager: EntityManager,
    caller: AuthenticatedUser,
    batchId: string,
    lock = false,
  ): Promise<BatchRow> {
    const organisationId = organisationOf(caller);
    if (!UUID.test(batchId)) throw batchNotFound();
    const batch = await findBatch(manager, { id: batchId, organisationId }, lock);
    if (!batch) throw batchNotFound();
    return batch;
  }

  async create(caller: AuthenticatedUser, input: CreateBatchDto): Promise<SellerBatchDto> {
    const organisationId = organisationOf(caller);
    const batch = await this.db.transaction(async (manager) => {
      const [product] = (await manager.query(
        'SELECT id, first_published_at FROM products WHERE id = $1 AND organisation_id = $2 FOR SHARE',
        [input.productId, organisationId],
      )) as { id: string; first_published_at: Date | null }[];
      if (!product) throw productNotFound();
      // The catalog deletes only never-published products; trace records must never lose theirs.
      if (!product.first_published_at) {
        throw new DomainError(
          'product_not_published',
          'Publish the product before recording its batches',
          HttpStatus.CONFLICT,
        );
      }

      const variants: { id: string; gtin: string | null; active: boolean }[] = await manager.query(
        'SELECT id, gtin, active FROM product_variants WHERE product_id = $1 ORDER BY position, created_at',
        [product.id],
      );
      let variantId: string | null = null;
      let gtin14: string | null = null;
      if (input.variantId) {
        const variant = variants.find((v) => v.id === input.variantId);
        if (!variant) throw invalidField('variantId', 'variantId is not a variant of this product');
        variantId = variant.id;
        gtin14 = variant.gtin ? toGtin14(variant.gtin) : null;
      } else {
        // Without a variant, a GTIN is used only when it is unambiguous for the whole product.
        const withGtin = variants.filter((v) => v.active && v.gtin);
        const distinct = new Set(withGtin.map((v) => toGtin14(v.gtin!)));
        if (distinct.size === 1) {
          variantId = withGtin[0]!.id;
          gtin14 = [...distinct][0] ?? null;
        }
      }

      const communes: { code: string }[] = await manager.query('SELECT code FROM communes WHERE code = $1', [
        input.originCommuneCode,
      ]);
      if (communes.length === 0)
        throw invalidField('originCommuneCode', `no commune has the code ${input.originCommuneCode}`);
      const firstDate = [input.harvestedOn, input.producedOn].filter((d): d is string => !!d).sort()[0]!;
      if (input.expiresOn && input.expiresOn < firstDate) {
        throw invalidField('expiresOn', 'expiresOn must not be before the harvest or production date');
      }
      if (input.harvestedOn && input.producedOn && input.producedOn < input.harvestedOn) {
        throw invalidField('producedOn', 'producedOn must not be before harvestedOn');
      }
      if (firstDate > todayInVietnam())
        throw invalidField(input.harvestedOn ? 'harvestedOn' : 'producedOn', 'the date is in the future');

      const lot = input.lot ?? (await this.freeLot(manager, product.id, gtin14, firstDate));
      const taken: { id: string }[] = await manager.query(
        `SELECT id FROM trace_batches WHERE (product_id = $1 AND lot = $2) OR ($3::text IS NOT NULL AND gtin = $3 AND lot = $2)`,
        [product.id, lot, gtin14],
      );
      if (taken.length > 0) {
        throw new DomainError('lot_taken', `Lot ${lot} is already recorded for this product`, HttpStatus.CONFLICT, [
          { field: 'lot', messages: ['lot must be unique for the product (and its GTIN)'] },
        ]);
      }

      return insertBatch(manager, {
        organisationId,
        productId: product.id,
        variantId,
        gtin14,
        lot,
        harvestedOn: input.harvestedOn ?? null,
        producedOn: input.producedOn ?? null,
        expiresOn: input.expiresOn ?? null,
        quantity: input.quantity,
        unit: input.unit,
        originCommuneCode: input.originCommuneCode,
        growingAreaCode: input.growingAreaCode ?? null,
        standards: (input.standards ?? []).map((s) => ({ code: s.code, reference: s.reference?.trim() || null })),
        notes: input.notes ?? '',
        createdBy: caller.userId,
      });
    });
    return this.detail(this.db.manager, batch);
  }

  /** L + the date as YYMMDD, then -2, -3… on the same day. */
  private async freeLot(
    manager: EntityManager,
    productId: string,
    gtin14: string | null,
    date: string,
  ): Promise<string> {
    const stem = `L${date.slice(2).replace(/-/g, '')}`;
    const rows: { lot: string }[] = await manager.query(
      `SELECT lot FROM trace_batches WHERE (product_id = $1 OR ($2::text IS NOT NULL AND gtin = $2)) AND (lot = $3 OR lot LIKE $3 || '-%')`,
      [productId, gtin14, stem],
    );
    const used = new Set(rows.map((r) => r.lot));
    if (!used.has(stem)) return stem;
    for (let n = 2; ; n++) if (!used.has(`${stem}-${n}`)) return `${stem}-${n}`;
  }

  async list(caller: AuthenticatedUser, productId?: string): Promise<SellerBatchSummaryDto[]> {
    const organisationId = organisationOf(caller);
    const rows: (BatchRow & { product_name: string; scan_count: number })[] = await this.db.query(
      `SELECT ${BATCH_COLUMNS}, p.name AS product_name,
              (SELECT count(*)::int FROM trace_scans s WHERE s.batch_id = b.id) AS scan_count
       FROM trace_batches b JOIN products p ON p.id = b.product_id
       WHERE b.organisation_id = $1 AND ($2::uuid IS NULL OR b.product_id = $2)
       ORDER BY b.created_at DESC, b.id
       LIMIT 500`,
      [organisationId, productId ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      lot: row.lot,
      productId: row.product_id,
      productName: row.product_name,
      gtin: row.gtin,
      harvestedOn: row.harvested_on,
      producedOn: row.produced_on,
      expiresOn: row.expires_on,
      quantity: Number(row.quantity),
      unit: row.unit,
      eventCount: row.event_count,
      scanCount: row.scan_count,
      qrUri: traceLinks(this.base, row).qrUri,
      createdAt: row.created_at.toISOString(),
    }));
  }

  async get(caller: AuthenticatedUser, batchId: string): Promise<SellerBatchDto> {
    return this.detail(this.db.manager, await this.ownBatch(this.db.manager, caller, batchId));
  }

  private async detail(manager: EntityManager, batch: BatchRow): Promise<SellerBatchDto> {
    const record = await buildTraceRecord(manager, this.storage, this.base, batch);
    const [{ count }] = (await manager.query('SELECT count(*)::int AS count FROM trace_scans WHERE batch_id = $1', [
      batch.id,
    ])) as [{ count: number }];
    return { ...record, id: batch.id, variantId: batch.variant_id, scanCount: count };
  }

  async addEvent(caller: AuthenticatedUser, batchId: string, input: CreateTraceEventDto): Promise<TraceEventDto> {
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS)
      throw invalidField('occurredAt', 'occurredAt is in the future');
    const eventId = await this.db.transaction(async (manager) => {
      // Locked: two events appended at once would otherwise both claim the same place in the chain.
      const batch = await this.ownBatch(manager, caller, batchId, true);
      if (batch.event_count >= MAX_EVENTS_PER_BATCH) {
        throw new DomainError(
          'too_many_events',
          `A batch can have at most ${MAX_EVENTS_PER_BATCH} events`,
          HttpStatus.CONFLICT,
        );
      }
      if (input.correctsEventId) {
        const corrected: { id: string }[] = await manager.query(
          'SELECT id FROM trace_events WHERE id = $1 AND batch_id = $2',
          [input.correctsEventId, batch.id],
        );
        if (corrected.length === 0)
          throw invalidField('correctsEventId', 'correctsEventId is not an event of this batch');
      }
      if (input.communeCode) {
        const communes: { code: string }[] = await manager.query('SELECT code FROM communes WHERE code = $1', [
          input.communeCode,
        ]);
        if (communes.length === 0) throw invalidField('communeCode', `no commune has the code ${input.communeCode}`);
      }
      const photoIds = [...new Set(input.evidencePhotoIds ?? [])];
      const photos: { id: string; storage_key: string; sha256: string; content_type: string }[] = photoIds.length
        ? await manager.query(
            `SELECT id, storage_key, sha256, content_type FROM trace_photos WHERE batch_id = $1 AND purpose = 'evidence' AND id = ANY($2)`,
            [batch.id, photoIds],
          )
        : [];
      if (photos.length !== photoIds.length) {
        throw invalidField('evidencePhotoIds', 'every evidence photo must be uploaded to this batch first');
      }
      const byId = new Map(photos.map((p) => [p.id, p]));
      const evidence: StoredEvidence[] = photoIds.map((id) => {
        const photo = byId.get(id)!;
        return {
          photoId: photo.id,
          storageKey: photo.storage_key,
          sha256: photo.sha256,
          contentType: photo.content_type,
        };
      });
      const event = await appendEvent(manager, batch, {
        kind: input.kind,
        occurredAt,
        communeCode: input.communeCode ?? null,
        placeName: input.placeName ?? '',
        actorName: input.actorName,
        inputs: input.inputs ?? [],
        outputs: input.outputs ?? [],
        notes: input.notes ?? '',
        evidence,
        correctsEventId: input.correctsEventId ?? null,
        recordedBy: caller.userId,
      });
      return event.id;
    });
    const record = await this.get(caller, batchId);
    return record.events.find((event) => event.id === eventId)!;
  }

  /** Events are evidence: the API has no way to change one, only to append a correction. */
  async refuseEventChange(caller: AuthenticatedUser, batchId: string, eventId: string): Promise<never> {
    const batch = await this.ownBatch(this.db.manager, caller, batchId);
    const found: { id: string }[] = UUID.test(eventId)
      ? await this.db.query('SELECT id FROM trace_events WHERE id = $1 AND batch_id = $2', [eventId, batch.id])
      : [];
    if (found.length === 0)
      throw new DomainError('event_not_found', 'No such event in this batch', HttpStatus.NOT_FOUND);
    throw new DomainError(
      'trace_event_immutable',
      'Trace events cannot be changed or deleted; record a new event that corrects this one (correctsEventId)',
      HttpStatus.METHOD_NOT_ALLOWED,
    );
  }

  async addPhoto(
    caller: AuthenticatedUser,
    batchId: string,
    file: UploadedFileData,
    purpose: 'batch' | 'evidence',
  ): Promise<PhotoDto> {
    const batch = await this.ownBatch(this.db.manager, caller, batchId);
    const contentType = sniffFileType(file.buffer);
    if (!contentType || !(PHOTO_TYPES as readonly string[]).includes(contentType)) {
      throw new DomainError('unsupported_file_type', 'The file must be JPEG, PNG or WEBP', HttpStatus.BAD_REQUEST, [
        { field: 'file', messages: ['file must be JPEG, PNG or WEBP (checked from its content, not its name)'] },
      ]);
    }
    if (purpose === 'batch') {
      const [{ count }] = (await this.db.query(
        "SELECT count(*)::int AS count FROM trace_photos WHERE batch_id = $1 AND purpose = 'batch'",
        [batch.id],
      )) as [{ count: number }];
      if (count >= MAX_PHOTOS_PER_BATCH) {
        throw new DomainError(
          'too_many_photos',
          `A batch can have at most ${MAX_PHOTOS_PER_BATCH} photos`,
          HttpStatus.CONFLICT,
        );
      }
    }
    const id = randomUUID();
    const key = `public/traceability/${batch.id}/${id}.${EXTENSIONS_BY_CONTENT_TYPE[contentType]}`;
    const sha256 = sha256Hex(file.buffer);
    await this.storage.put(key, file.buffer, contentType);
    try {
      await this.db.query(
        `INSERT INTO trace_photos (id, batch_id, organisation_id, purpose, storage_key, content_type, byte_size, sha256, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, batch.id, batch.organisation_id, purpose, key, contentType, file.buffer.length, sha256, caller.userId],
      );
    } catch (error) {
      await this.storage
        .delete(key)
        .catch((cause: unknown) => this.logger.warn({ err: cause, key }, 'Orphan photo left'));
      throw error;
    }
    return { id, url: this.storage.url(key), sha256 };
  }

  async removePhoto(caller: AuthenticatedUser, batchId: string, photoId: string): Promise<void> {
    const batch = await this.ownBatch(this.db.manager, caller, batchId);
    const [photo] = (
      UUID.test(photoId)
        ? await this.db.query('SELECT id, purpose, storage_key FROM trace_photos WHERE id = $1 AND batch_id = $2', [
            photoId,
            batch.id,
          ])
        : []
    ) as { id: string; purpose: string; storage_key: string }[];
    if (!photo) throw new DomainError('photo_not_found', 'No such photo on this batch', HttpStatus.NOT_FOUND);
    if (photo.purpose === 'evidence') {
      throw new DomainError(
        'evidence_is_kept',
        'Evidence photos are part of the record and cannot be removed',
        HttpStatus.CONFLICT,
      );
    }
    await this.db.query('DELETE FROM trace_photos WHERE id = $1', [photo.id]);
    await this.storage
      .delete(photo.storage_key)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Orphan photo left'));
  }

  async qr(
    caller: AuthenticatedUser,
    batchId: string,
    format: 'png' | 'svg',
    width?: number,
  ): Promise<Buffer | string> {
    const batch = await this.ownBatch(this.db.manager, caller, batchId);
    const uri = traceLinks(this.base, batch).qrUri;
    return format === 'png' ? qrPng(uri, width) : qrSvg(uri);
  }

  async labels(
    caller: AuthenticatedUser,
    batchId: string,
    size: LabelSize,
    count?: number,
  ): Promise<{ pdf: Buffer; filename: string }> {
    const batch = await this.ownBatch(this.db.manager, caller, batchId);
    const [product] = (await this.db.query(
      `SELECT p.name,
              (SELECT c.stars FROM ocop_certificates c
               WHERE c.product_id = p.id AND c.status = 'verified' AND c.expires_on >= $2::date) AS stars
       FROM products p WHERE p.id = $1`,
      [batch.product_id, todayInVietnam()],
    )) as { name: string; stars: number | null }[];
    const pdf = await renderLabelSheet(
      {
        productName: product!.name,
        ocopStars: product!.stars,
        lot: batch.lot,
        traceCode: batch.code,
        expiry: batch.expires_on ? vietnameseDate(batch.expires_on) : null,
        qrUri: traceLinks(this.base, batch).qrUri,
      },
      size,
      count,
    );
    return { pdf, filename: `tem-${batch.code}-${size}.pdf` };
  }

  /**
   * Records which batch an order line was packed from. The line, its order, the batch and the
   * batch's product must all be the caller's, and the batch must be of the line's product; anything
   * else is not found, so ids of other sellers reveal nothing.
   */
  async setOrderLineBatch(
    caller: AuthenticatedUser,
    sellerOrderId: string,
    lineId: string,
    batchId: string | null,
  ): Promise<OrderLineBatchDto> {
    const organisationId = organisationOf(caller);
    const lineNotFound = () =>
      new DomainError('order_line_not_found', 'No such order line in your orders', HttpStatus.NOT_FOUND);
    if (!UUID.test(sellerOrderId) || !UUID.test(lineId)) throw lineNotFound();
    return this.db.transaction(async (manager) => {
      const [line] = (await manager.query(
        `SELECT l.id, l.product_id, o.status FROM seller_order_lines l JOIN seller_orders o ON o.id = l.seller_order_id
         WHERE l.id = $1 AND o.id = $2 AND o.organisation_id = $3 FOR UPDATE OF l`,
        [lineId, sellerOrderId, organisationId],
      )) as { id: string; product_id: string; status: string }[];
      if (!line) throw lineNotFound();
      if (!(BATCH_RECORDABLE_ORDER_STATUSES as readonly string[]).includes(line.status)) {
        throw new DomainError(
          'order_line_batch_locked',
          'The batch can be recorded only while the order is paid and not yet shipped',
          HttpStatus.CONFLICT,
        );
      }
      let batch: BatchRow | null = null;
      if (batchId !== null) {
        batch = await this.ownBatch(manager, caller, batchId);
        const [product] = (await manager.query('SELECT id FROM products WHERE id = $1 AND organisation_id = $2', [
          batch.product_id,
          organisationId,
        ])) as { id: string }[];
        if (!product) throw batchNotFound();
        if (batch.product_id !== line.product_id) {
          throw new DomainError(
            'batch_product_mismatch',
            'The batch is of another product than the order line',
            HttpStatus.CONFLICT,
            [{ field: 'batchId', messages: ['batchId must be a batch of the line’s product'] }],
          );
        }
        if (batch.expires_on && batch.expires_on < todayInVietnam()) {
          throw new DomainError(
            'batch_expired',
            `Batch ${batch.lot} expired on ${batch.expires_on}`,
            HttpStatus.CONFLICT,
          );
        }
      }
      await manager.query('UPDATE seller_order_lines SET batch_id = $2 WHERE id = $1', [line.id, batch?.id ?? null]);
      return {
        lineId: line.id,
        sellerOrderId,
        batchId: batch?.id ?? null,
        batchCode: batch?.code ?? null,
        lot: batch?.lot ?? null,
      };
    });
  }
}
