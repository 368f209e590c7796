import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH, sha256Hex, verifyChain } from './hash-chain.js';
import {
  batchContent,
  type BatchRow,
  canonicalDecimal,
  eventContent,
  type EventRow,
  verifyBatchChain,
} from './trace-record.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: true, y: null }, 'x'], c: { e: 'é', d: 2.5 } })).toBe(
      '{"a":[{"y":null,"z":true},"x"],"b":1,"c":{"d":2.5,"e":"é"}}',
    );
  });

  it('gives the same text for the same content however the keys were ordered (as jsonb reorders them)', () => {
    expect(canonicalJson({ name: 'Hồi tươi', quantity: 520, unit: 'kg' })).toBe(
      canonicalJson({ unit: 'kg', quantity: 520, name: 'Hồi tươi' }),
    );
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ q: Number.NaN })).toThrow();
  });

  it('reads numeric(14,3) text and the number it came from as one decimal', () => {
    expect(canonicalDecimal('120.500')).toBe('120.5');
    expect(canonicalDecimal(120.5)).toBe('120.5');
    expect(canonicalDecimal('500.000')).toBe(canonicalDecimal(500));
  });
});

describe('hash chain', () => {
  const batch: BatchRow = {
    id: '5b0b2f5e-5d3c-4b87-9a52-0d1f3f9b7a11',
    product_id: '0f6b4a3e-1a8e-4c3b-8f0e-2b5c8d9e7f60',
    organisation_id: '8d0c1b2a-3e4f-4a5b-9c6d-7e8f9a0b1c2d',
    variant_id: null,
    code: '7K2M9QX4PB',
    lot: 'HOI-2026/03',
    gtin: '08934563138165',
    harvested_on: '2026-03-10',
    produced_on: null,
    expires_on: '2027-03-10',
    quantity: '500.000',
    unit: 'kg',
    origin_commune_code: '06253',
    growing_area_code: 'LS-VQ-0012',
    standards: [{ code: 'vietgap', reference: 'VG-0012' }],
    notes: 'Hồi vụ xuân',
    record_hash: '',
    head_hash: '',
    event_count: 0,
    created_by: null,
    created_at: new Date('2026-03-10T02:00:00.123Z'),
  };
  batch.record_hash = chainHash(batchContent(batch), GENESIS_HASH);

  function event(seq: number, prevHash: string, overrides: Partial<EventRow> = {}): EventRow {
    const row = {
      id: `00000000-0000-4000-8000-00000000000${seq}`,
      batch_id: batch.id,
      organisation_id: batch.organisation_id,
      seq,
      kind: seq === 1 ? 'harvesting' : 'processing',
      occurred_at: new Date(`2026-03-1${seq}T00:30:00Z`),
      commune_code: '06253',
      place_name: 'Vườn hồi thôn Nà Làng',
      actor_name: 'Tổ thu hái',
      inputs: [],
      outputs: [{ name: 'Hồi tươi', quantity: 520, unit: 'kg' }],
      notes: '',
      evidence: [],
      corrects_event_id: null,
      recorded_by: null,
      recorded_at: new Date('2026-03-12T01:00:00Z'),
      prev_hash: prevHash,
      ...overrides,
    } as Omit<EventRow, 'hash'>;
    return {
      ...row,
      hash: chainHash(eventContent(row), prevHash),
      ...(overrides.hash ? { hash: overrides.hash } : {}),
    } as EventRow;
  }

  const first = event(1, batch.record_hash);
  const second = event(2, first.hash);
  const head = { ...batch, head_hash: second.hash, event_count: 2 };

  it('hashes sha256(canonical content + previous hash), in hex', () => {
    expect(chainHash({ a: 1 }, GENESIS_HASH)).toBe(sha256Hex(`{"a":1}${GENESIS_HASH}`));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an untouched chain', () => {
    expect(verifyBatchChain(head, [second, first])).toEqual({
      verified: true,
      eventCount: 2,
      brokenAtSeq: null,
      problem: null,
    });
  });

  it('notices an event whose content changed after it was hashed', () => {
    const tampered = { ...first, notes: 'sửa lén' };
    expect(verifyBatchChain(head, [tampered, second])).toMatchObject({
      verified: false,
      brokenAtSeq: 1,
      problem: 'event_changed',
    });
  });

  it('notices a changed batch record, even with every event intact', () => {
    expect(verifyBatchChain({ ...head, origin_commune_code: '06046' }, [first, second])).toMatchObject({
      verified: false,
      brokenAtSeq: 0,
      problem: 'batch_record_changed',
    });
  });

  it('notices a re-hashed event, because the next link no longer points at it', () => {
    const rehashed = event(1, batch.record_hash, { notes: 'sửa và băm lại' });
    expect(verifyBatchChain(head, [rehashed, second])).toMatchObject({
      verified: false,
      brokenAtSeq: 2,
      problem: 'link_broken',
    });
  });

  it('notices a removed event in the middle and at the end', () => {
    expect(verifyBatchChain(head, [second])).toMatchObject({
      verified: false,
      brokenAtSeq: 1,
      problem: 'sequence_gap',
    });
    expect(verifyBatchChain(head, [first])).toMatchObject({ verified: false, problem: 'head_mismatch' });
  });

  it('treats a batch with no events as a chain of one link', () => {
    expect(
      verifyChain(
        { content: batchContent(batch), recordHash: batch.record_hash, headHash: batch.record_hash, eventCount: 0 },
        [],
      ),
    ).toMatchObject({
      verified: true,
      eventCount: 0,
    });
  });
});
