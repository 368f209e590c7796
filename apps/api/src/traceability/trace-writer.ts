import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { newTraceCode } from './digital-link.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';
import type { TraceEventKind, TraceUnit } from './trace.constants.js';
import {
  batchContent,
  type BatchRow,
  canonicalDecimal,
  eventContent,
  type EventRow,
  findBatch,
  type StoredEvidence,
  type StoredMaterial,
  type StoredStandard,
} from './trace-record.js';

/**
 * The two writes of the traceability record, without permission checks: the seller service calls
 * them after its checks, the demo seed directly. Both compute the hash from exactly the values they
 * insert, in the shape the database gives back, so verification recomputes the same bytes.
 */

const nfc = (text: string) => text.normalize('NFC').trim();

export interface NewBatch {
  organisationId: string;
  productId: string;
  variantId: string | null;
  gtin14: string | null;
  lot: string;
  harvestedOn: string | null;
  producedOn: string | null;
  expiresOn: string | null;
  quantity: number;
  unit: TraceUnit;
  originCommuneCode: string;
  growingAreaCode: string | null;
  standards: StoredStandard[];
  notes: string;
  createdBy: string | null;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return (e.code ?? e.driverError?.code) === '23505' && (e.constraint ?? e.driverError?.constraint) === constraint;
}

export async function insertBatch(manager: EntityManager, input: NewBatch): Promise<BatchRow> {
  for (let attempt = 1; ; attempt++) {
    const row: BatchRow = {
      id: randomUUID(),
      product_id: input.productId,
      organisation_id: input.organisationId,
      variant_id: input.variantId,
      code: newTraceCode(),
      lot: input.lot,
      gtin: input.gtin14,
      harvested_on: input.harvestedOn,
      produced_on: input.producedOn,
      expires_on: input.expiresOn,
      quantity: canonicalDecimal(input.quantity),
      unit: input.unit,
      origin_commune_code: input.originCommuneCode,
      growing_area_code: input.growingAreaCode ? nfc(input.growingAreaCode) : null,
      standards: input.standards.map((s) => ({ code: s.code, reference: s.reference ? nfc(s.reference) : null })),
      notes: nfc(input.notes),
      record_hash: '',
      head_hash: '',
      event_count: 0,
      created_by: input.createdBy,
      // Milliseconds only: what a JS Date can carry back out of timestamptz unchanged.
      created_at: new Date(),
    };
    row.record_hash = chainHash(batchContent(row), GENESIS_HASH);
    row.head_hash = row.record_hash;
    try {
      // A savepoint, so that a rare trace-code collision can be retried inside the caller's transaction.
      await manager.query('SAVEPOINT trace_batch_insert');
      await manager.query(
        `INSERT INTO trace_batches (id, product_id, organisation_id, variant_id, code, lot, gtin, harvested_on, produced_on,
           expires_on, quantity, unit, origin_commune_code, growing_area_code, standards, notes, record_hash, head_hash,
           event_count, created_by, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15::jsonb,$16,$17,$18,0,$19,$20)`,
        [
          row.id,
          row.product_id,
          row.organisation_id,
          row.variant_id,
          row.code,
          row.lot,
          row.gtin,
          row.harvested_on,
          row.produced_on,
          row.expires_on,
          row.quantity,
          row.unit,
          row.origin_commune_code,
          row.growing_area_code,
          JSON.stringify(row.standards),
          row.notes,
          row.record_hash,
          row.head_hash,
          row.created_by,
          row.created_at,
        ],
      );
      await manager.query('RELEASE SAVEPOINT trace_batch_insert');
      return (await findBatch(manager, { id: row.id }))!;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT trace_batch_insert');
      if (attempt < 5 && isUniqueViolation(error, 'trace_batches_code_key')) continue;
      throw error;
    }
  }
}

export interface NewTraceEvent {
  kind: TraceEventKind;
  occurredAt: Date;
  communeCode: string | null;
  placeName: string;
  actorName: string;
  inputs: StoredMaterial[];
  outputs: StoredMaterial[];
  notes: string;
  evidence: StoredEvidence[];
  correctsEventId: string | null;
  recordedBy: string | null;
}

/** Appends one event to a batch the caller has locked (FOR UPDATE), extending its chain. */
export async function appendEvent(manager: EntityManager, batch: BatchRow, input: NewTraceEvent): Promise<EventRow> {
  const material = (m: StoredMaterial): StoredMaterial => ({ name: nfc(m.name), quantity: m.quantity, unit: m.unit });
  const row: Omit<EventRow, 'hash'> = {
    id: randomUUID(),
    batch_id: batch.id,
    organisation_id: batch.organisation_id,
    seq: batch.event_count + 1,
    kind: input.kind,
    occurred_at: new Date(input.occurredAt.getTime()),
    commune_code: input.communeCode,
    place_name: nfc(input.placeName),
    actor_name: nfc(input.actorName),
    inputs: input.inputs.map(material),
    outputs: input.outputs.map(material),
    notes: nfc(input.notes),
    evidence: input.evidence,
    corrects_event_id: input.correctsEventId,
    recorded_by: input.recordedBy,
    recorded_at: new Date(),
    prev_hash: batch.head_hash,
  };
  const hash = chainHash(eventContent(row), row.prev_hash);
  await manager.query(
    `INSERT INTO trace_events (id, batch_id, organisation_id, seq, kind, occurred_at, commune_code, place_name, actor_name,
       inputs, outputs, notes, evidence, corrects_event_id, recorded_by, recorded_at, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11::jsonb,$12,$13::jsonb,$14,$15,$16,$17,$18)`,
    [
      row.id,
      row.batch_id,
      row.organisation_id,
      row.seq,
      row.kind,
      row.occurred_at,
      row.commune_code,
      row.place_name,
      row.actor_name,
      JSON.stringify(row.inputs),
      JSON.stringify(row.outputs),
      row.notes,
      JSON.stringify(row.evidence),
      row.corrects_event_id,
      row.recorded_by,
      row.recorded_at,
      row.prev_hash,
      hash,
    ],
  );
  // The caller may append again in the same transaction: move its copy of the head along.
  batch.event_count = row.seq;
  batch.head_hash = hash;
  return { ...row, hash };
}
