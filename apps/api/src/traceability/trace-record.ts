import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '../catalog/vietnam-date.js';
import type { FileStorage } from '../storage/file-storage.js';
import { digitalLinkUri, shortTraceUri, trimBase } from './digital-link.js';
import type { PhotoDto, PlaceDto, StandardViewDto, TraceEventDto, TraceRecordDto } from './dto/trace.dto.js';
import { type CanonicalValue, type ChainVerification, verifyChain } from './hash-chain.js';
import {
  QUALITY_CERTIFICATE_LABELS,
  TRACE_EVENT_LABELS,
  TRACE_STANDARD_LABELS,
  TRACE_UNIT_LABELS,
  type TraceEventKind,
  type TraceStandard,
  type TraceUnit,
} from './trace.constants.js';

/** Where the storefront shows a product and a seller's shop; the trace page links to both. */
export const PRODUCT_PAGE_PATH = '/san-pham/';
export const SHOP_PAGE_PATH = '/cua-hang/';

export const LEGAL_TYPE_LABELS: Record<string, string> = {
  cooperative: 'Hợp tác xã',
  enterprise: 'Doanh nghiệp',
  household_business: 'Hộ kinh doanh',
  cooperative_group: 'Tổ hợp tác',
  individual_business: 'Cá nhân kinh doanh',
};

export interface StoredMaterial {
  name: string;
  quantity: number;
  unit: TraceUnit;
}

export interface StoredEvidence {
  photoId: string;
  storageKey: string;
  sha256: string;
  contentType: string;
}

export interface StoredStandard {
  code: TraceStandard;
  reference: string | null;
}

/** A batch as the database holds it; dates and the quantity come back as text (see BATCH_COLUMNS). */
export interface BatchRow {
  id: string;
  product_id: string;
  organisation_id: string;
  variant_id: string | null;
  code: string;
  lot: string;
  gtin: string | null;
  harvested_on: string | null;
  produced_on: string | null;
  expires_on: string | null;
  quantity: string;
  unit: TraceUnit;
  origin_commune_code: string;
  growing_area_code: string | null;
  standards: StoredStandard[];
  notes: string;
  record_hash: string;
  head_hash: string;
  event_count: number;
  created_by: string | null;
  created_at: Date;
}

export const BATCH_COLUMNS = `
  b.id, b.product_id, b.organisation_id, b.variant_id, b.code, b.lot, b.gtin,
  b.harvested_on::text AS harvested_on, b.produced_on::text AS produced_on, b.expires_on::text AS expires_on,
  b.quantity::text AS quantity, b.unit, b.origin_commune_code, b.growing_area_code, b.standards, b.notes,
  b.record_hash, b.head_hash, b.event_count, b.created_by, b.created_at`;

export interface EventRow {
  id: string;
  batch_id: string;
  organisation_id: string;
  seq: number;
  kind: TraceEventKind;
  occurred_at: Date;
  commune_code: string | null;
  place_name: string;
  actor_name: string;
  inputs: StoredMaterial[];
  outputs: StoredMaterial[];
  notes: string;
  evidence: StoredEvidence[];
  corrects_event_id: string | null;
  recorded_by: string | null;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

export const EVENT_COLUMNS = `
  e.id, e.batch_id, e.organisation_id, e.seq, e.kind, e.occurred_at, e.commune_code, e.place_name, e.actor_name,
  e.inputs, e.outputs, e.notes, e.evidence, e.corrects_event_id, e.recorded_by, e.recorded_at, e.prev_hash, e.hash`;

/** numeric(14,3) as text ("120.500") and the number it came from (120.5) both become "120.5". */
export function canonicalDecimal(value: string | number): string {
  return String(Number(value));
}

const iso = (date: Date) => date.toISOString();

/**
 * What the batch's first link hashes: every recorded fact, and nothing that may legitimately change
 * (the variant link, cleared if the catalog deletes the variant; the chain head).
 */
export function batchContent(row: BatchRow): CanonicalValue {
  return {
    v: 1,
    id: row.id,
    code: row.code,
    organisationId: row.organisation_id,
    productId: row.product_id,
    gtin: row.gtin,
    lot: row.lot,
    harvestedOn: row.harvested_on,
    producedOn: row.produced_on,
    expiresOn: row.expires_on,
    quantity: canonicalDecimal(row.quantity),
    unit: row.unit,
    originCommuneCode: row.origin_commune_code,
    growingAreaCode: row.growing_area_code,
    standards: row.standards.map((s) => ({ code: s.code, reference: s.reference })),
    notes: row.notes,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
  };
}

const material = (m: StoredMaterial): CanonicalValue => ({ name: m.name, quantity: m.quantity, unit: m.unit });

/** What an event's hash covers: all of it except the two hashes themselves. */
export function eventContent(row: Omit<EventRow, 'prev_hash' | 'hash'>): CanonicalValue {
  return {
    v: 1,
    id: row.id,
    batchId: row.batch_id,
    organisationId: row.organisation_id,
    seq: row.seq,
    kind: row.kind,
    occurredAt: iso(row.occurred_at),
    communeCode: row.commune_code,
    placeName: row.place_name,
    actorName: row.actor_name,
    inputs: row.inputs.map(material),
    outputs: row.outputs.map(material),
    notes: row.notes,
    evidence: row.evidence.map((e) => ({
      photoId: e.photoId,
      storageKey: e.storageKey,
      sha256: e.sha256,
      contentType: e.contentType,
    })),
    correctsEventId: row.corrects_event_id,
    recordedBy: row.recorded_by,
    recordedAt: iso(row.recorded_at),
  };
}

export function verifyBatchChain(batch: BatchRow, events: EventRow[]): ChainVerification {
  return verifyChain(
    {
      content: batchContent(batch),
      recordHash: batch.record_hash,
      headHash: batch.head_hash,
      eventCount: batch.event_count,
    },
    events.map((event) => ({
      seq: event.seq,
      prevHash: event.prev_hash,
      hash: event.hash,
      content: eventContent(event),
    })),
  );
}

export interface TraceLinks {
  shortUri: string;
  digitalLink: string | null;
  qrUri: string;
  epcis: string;
}

export function traceLinks(base: string, batch: Pick<BatchRow, 'code' | 'gtin' | 'lot'>): TraceLinks {
  const shortUri = shortTraceUri(base, batch.code);
  const digitalLink = batch.gtin ? digitalLinkUri(base, batch.gtin, batch.lot) : null;
  return {
    shortUri,
    digitalLink,
    qrUri: digitalLink ?? shortUri,
    epcis: `${trimBase(base)}/api/trace/${batch.code}/epcis`,
  };
}

interface PlaceRow {
  code: string;
  name: string;
  province_name: string;
}

interface ContextRow {
  product_name: string;
  product_slug: string;
  category_name: string;
  buyable: boolean;
  shop_open: boolean;
  org_name: string;
  org_slug: string | null;
  legal_type: string;
  street_address: string;
  org_commune_code: string | null;
  org_commune_name: string | null;
  org_province_name: string | null;
  org_province_kind: string | null;
}

export type BatchLookup = { id: string; organisationId?: string } | { code: string } | { gtin14: string; lot: string };

export async function findBatch(manager: EntityManager, lookup: BatchLookup, lock = false): Promise<BatchRow | null> {
  let where: string;
  let params: unknown[];
  if ('code' in lookup) {
    where = 'b.code = $1';
    params = [lookup.code];
  } else if ('gtin14' in lookup) {
    where = 'b.gtin = $1 AND b.lot = $2';
    params = [lookup.gtin14, lookup.lot];
  } else if (lookup.organisationId) {
    where = 'b.id = $1 AND b.organisation_id = $2';
    params = [lookup.id, lookup.organisationId];
  } else {
    where = 'b.id = $1';
    params = [lookup.id];
  }
  const rows: BatchRow[] = await manager.query(
    `SELECT ${BATCH_COLUMNS} FROM trace_batches b WHERE ${where}${lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  return rows[0] ?? null;
}

export async function loadEvents(manager: EntityManager, batchId: string): Promise<EventRow[]> {
  return manager.query(`SELECT ${EVENT_COLUMNS} FROM trace_events e WHERE e.batch_id = $1 ORDER BY e.seq`, [batchId]);
}

function formatDecimal(value: string | number): number {
  return Number(value);
}

function materialView(m: StoredMaterial) {
  return { name: m.name, quantity: m.quantity, unit: m.unit, unitLabel: TRACE_UNIT_LABELS[m.unit] ?? m.unit };
}

export function standardView(s: StoredStandard): StandardViewDto {
  return { code: s.code, label: TRACE_STANDARD_LABELS[s.code] ?? s.code, reference: s.reference };
}

/** Circular 02/2024/TT-BKHCN, Art. 6: the minimum a product's traceability record carries. */
export function circular02Missing(record: Omit<TraceRecordDto, 'circular02Missing' | 'scanId'>): string[] {
  const missing: string[] = [];
  if (!record.product.name) missing.push('productName');
  if (record.product.imageUrls.length === 0 && record.batch.photos.length === 0) missing.push('images');
  if (!record.producer.name) missing.push('producerName');
  if (!record.producer.commune) missing.push('producerAddress');
  if (record.events.length === 0) missing.push('productionStages');
  if (!record.batch.harvestedOn && !record.batch.producedOn) missing.push('productionTime');
  if (!record.code) missing.push('traceCode');
  // Brand/code/serial and shelf life are required "if any": an absent GTIN or expiry is not a gap.
  const hasStandards = record.batch.standards.length > 0 || record.ocop !== null || record.certificates.length > 0;
  if (!hasStandards) missing.push('appliedStandards');
  return missing;
}

/**
 * Everything the trace page and the JSON endpoint show about one batch, with the chain verified
 * from what is stored right now (never from a cached flag).
 */
export async function buildTraceRecord(
  manager: EntityManager,
  storage: FileStorage,
  base: string,
  batch: BatchRow,
): Promise<TraceRecordDto> {
  const [context] = (await manager.query(
    `SELECT p.name AS product_name, p.slug AS product_slug, pc.name_vi AS category_name,
            (p.status = 'published' AND p.list_price IS NOT NULL AND o.status = 'approved') AS buyable,
            o.status = 'approved' AS shop_open,
            o.name AS org_name, o.slug AS org_slug, o.legal_type, o.street_address, o.commune_code AS org_commune_code,
            cm.name AS org_commune_name, pr.name AS org_province_name, pr.kind AS org_province_kind
     FROM products p
     JOIN product_categories pc ON pc.code = p.category_code
     JOIN organisations o ON o.id = p.organisation_id
     LEFT JOIN communes cm ON cm.code = o.commune_code
     LEFT JOIN provinces pr ON pr.code = cm.province_code
     WHERE p.id = $1`,
    [batch.product_id],
  )) as ContextRow[];
  const events = await loadEvents(manager, batch.id);
  const communeCodes = [
    ...new Set([batch.origin_commune_code, ...events.flatMap((e) => (e.commune_code ? [e.commune_code] : []))]),
  ];
  const places: PlaceRow[] = await manager.query(
    `SELECT c.code, c.name, p.name AS province_name FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = ANY($1)`,
    [communeCodes],
  );
  const placeOf = new Map<string, PlaceDto>(
    places.map((p) => [p.code, { code: p.code, name: p.name, provinceName: p.province_name }]),
  );
  const photos: { id: string; storage_key: string; sha256: string }[] = await manager.query(
    `SELECT id, storage_key, sha256 FROM trace_photos WHERE batch_id = $1 AND purpose = 'batch' ORDER BY created_at, id`,
    [batch.id],
  );
  const images: { storage_key: string }[] = await manager.query(
    'SELECT storage_key FROM product_images WHERE product_id = $1 ORDER BY position, created_at LIMIT 4',
    [batch.product_id],
  );
  const today = todayInVietnam();
  const [ocop] = (await manager.query(
    `SELECT stars, certificate_number, issuing_authority, issued_on::text AS issued_on, expires_on::text AS expires_on
     FROM ocop_certificates WHERE product_id = $1 AND status = 'verified'`,
    [batch.product_id],
  )) as {
    stars: number;
    certificate_number: string;
    issuing_authority: string;
    issued_on: string;
    expires_on: string;
  }[];
  const certificates: {
    kind: string;
    certificate_number: string;
    issuer: string;
    issued_on: string | null;
    expires_on: string;
  }[] = await manager.query(
    `SELECT kind, certificate_number, issuer, issued_on::text AS issued_on, expires_on::text AS expires_on
     FROM quality_certificates WHERE product_id = $1 ORDER BY expires_on DESC, kind`,
    [batch.product_id],
  );

  const chain = verifyBatchChain(batch, events);
  const correctedBy = new Map<string, string>();
  for (const event of events) if (event.corrects_event_id) correctedBy.set(event.corrects_event_id, event.id);
  const photoDto = (id: string, key: string, sha256: string): PhotoDto => ({ id, url: storage.url(key), sha256 });
  const ctx = context!;
  const producerCommune = ctx.org_commune_code
    ? { code: ctx.org_commune_code, name: ctx.org_commune_name ?? '', provinceName: ctx.org_province_name ?? '' }
    : null;
  const address = [
    ctx.street_address,
    ctx.org_commune_name,
    ctx.org_province_name
      ? `${(ctx.org_province_kind ?? 'tỉnh').toLocaleLowerCase('vi')} ${ctx.org_province_name}`
      : null,
  ]
    .filter((part) => part && part.trim())
    .join(', ');

  const eventDtos: TraceEventDto[] = events.map((event) => ({
    id: event.id,
    seq: event.seq,
    kind: event.kind,
    kindLabel: TRACE_EVENT_LABELS[event.kind],
    occurredAt: iso(event.occurred_at),
    place: event.commune_code ? (placeOf.get(event.commune_code) ?? null) : null,
    placeName: event.place_name,
    actorName: event.actor_name,
    inputs: event.inputs.map(materialView),
    outputs: event.outputs.map(materialView),
    notes: event.notes,
    evidence: event.evidence.map((e) => photoDto(e.photoId, e.storageKey, e.sha256)),
    correctsEventId: event.corrects_event_id,
    correctedByEventId: correctedBy.get(event.id) ?? null,
    recordedAt: iso(event.recorded_at),
    prevHash: event.prev_hash,
    hash: event.hash,
  }));

  const record: Omit<TraceRecordDto, 'circular02Missing'> = {
    code: batch.code,
    links: traceLinks(base, batch),
    product: {
      id: batch.product_id,
      name: ctx.product_name,
      slug: ctx.product_slug,
      categoryName: ctx.category_name,
      imageUrls: images.map((image) => storage.url(image.storage_key)),
      buyUrl: ctx.buyable ? `${trimBase(base)}${PRODUCT_PAGE_PATH}${ctx.product_slug}` : null,
    },
    producer: {
      name: ctx.org_name,
      slug: ctx.org_slug,
      shopUrl: ctx.shop_open && ctx.org_slug ? `${trimBase(base)}${SHOP_PAGE_PATH}${ctx.org_slug}` : null,
      legalType: ctx.legal_type,
      legalTypeLabel: LEGAL_TYPE_LABELS[ctx.legal_type] ?? ctx.legal_type,
      address,
      commune: producerCommune,
    },
    batch: {
      lot: batch.lot,
      gtin: batch.gtin,
      harvestedOn: batch.harvested_on,
      producedOn: batch.produced_on,
      expiresOn: batch.expires_on,
      quantity: formatDecimal(batch.quantity),
      unit: batch.unit,
      unitLabel: TRACE_UNIT_LABELS[batch.unit] ?? batch.unit,
      origin: placeOf.get(batch.origin_commune_code) ?? { code: batch.origin_commune_code, name: '', provinceName: '' },
      growingAreaCode: batch.growing_area_code,
      standards: batch.standards.map(standardView),
      notes: batch.notes,
      photos: photos.map((p) => photoDto(p.id, p.storage_key, p.sha256)),
      createdAt: iso(batch.created_at),
    },
    ocop: ocop
      ? {
          stars: ocop.stars,
          certificateNumber: ocop.certificate_number,
          issuingAuthority: ocop.issuing_authority,
          issuedOn: ocop.issued_on,
          expiresOn: ocop.expires_on,
          valid: ocop.expires_on >= today,
        }
      : null,
    certificates: certificates.map((c) => ({
      kind: c.kind,
      label: QUALITY_CERTIFICATE_LABELS[c.kind] ?? c.kind,
      certificateNumber: c.certificate_number,
      issuer: c.issuer,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      valid: c.expires_on >= today,
    })),
    events: eventDtos,
    chain: { ...chain, headHash: batch.head_hash },
  };
  return { ...record, circular02Missing: circular02Missing(record) };
}
