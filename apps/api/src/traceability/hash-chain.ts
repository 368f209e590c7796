import { createHash } from 'node:crypto';

export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785 does), no whitespace, and numbers
 * in ECMAScript form. The same content always gives the same bytes, however PostgreSQL's jsonb
 * reordered the keys on the way back, so a hash can be recomputed from what the database returns.
 */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no representation for NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
}

/** The link that starts every chain; the batch record is hashed onto it. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = sha256(canonical JSON of the content + the previous hash), hex. */
export function chainHash(content: CanonicalValue, prevHash: string): string {
  return createHash('sha256')
    .update(canonicalJson(content) + prevHash, 'utf8')
    .digest('hex');
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface ChainedEvent {
  seq: number;
  prevHash: string;
  hash: string;
  content: CanonicalValue;
}

export type ChainProblem = 'batch_record_changed' | 'event_changed' | 'link_broken' | 'sequence_gap' | 'head_mismatch';

export interface ChainVerification {
  verified: boolean;
  eventCount: number;
  /** The first event that does not verify (0 = the batch record itself), or null. */
  brokenAtSeq: number | null;
  problem: ChainProblem | null;
}

/**
 * Recomputes the batch record's hash and every event's from the stored content. Any change made
 * to a row after it was written (even one that went around the append-only trigger) changes a hash,
 * and a removed event leaves a gap or disagrees with the head the batch remembers.
 */
export function verifyChain(
  batch: { content: CanonicalValue; recordHash: string; headHash: string; eventCount: number },
  events: ChainedEvent[],
): ChainVerification {
  const broken = (seq: number, problem: ChainProblem): ChainVerification => ({
    verified: false,
    eventCount: events.length,
    brokenAtSeq: seq,
    problem,
  });
  if (chainHash(batch.content, GENESIS_HASH) !== batch.recordHash) return broken(0, 'batch_record_changed');
  let previous = batch.recordHash;
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  for (const [index, event] of ordered.entries()) {
    if (event.seq !== index + 1) return broken(index + 1, 'sequence_gap');
    if (event.prevHash !== previous) return broken(event.seq, 'link_broken');
    if (chainHash(event.content, event.prevHash) !== event.hash) return broken(event.seq, 'event_changed');
    previous = event.hash;
  }
  if (batch.eventCount !== ordered.length || batch.headHash !== previous) {
    return broken(Math.min(batch.eventCount, ordered.length) + 1, 'head_mismatch');
  }
  return { verified: true, eventCount: ordered.length, brokenAtSeq: null, problem: null };
}
