import type { EntityManager } from 'typeorm';

export interface OutboxMessage {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  /** Including the attempt in progress. */
  attempts: number;
}

export interface NewOutboxMessage {
  topic: string;
  payload: Record<string, unknown>;
  /** Writing the same key twice is a no-op: the first message stands. */
  idempotencyKey: string;
  notBefore?: Date;
}

/**
 * Writes a message in the caller's transaction: it exists if and only if the change that caused it
 * commits. Returns false when a message with this key was already there.
 */
export async function enqueueOutbox(manager: EntityManager, message: NewOutboxMessage): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO outbox_messages (topic, payload, idempotency_key, next_attempt_at)
     VALUES ($1, $2, $3, COALESCE($4, now()))
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [message.topic, JSON.stringify(message.payload), message.idempotencyKey, message.notBefore ?? null],
  );
  return rows.length > 0;
}

/** Puts a finished or abandoned message back in the queue, as when a seller retries a failed invoice. */
export async function requeueOutbox(manager: EntityManager, idempotencyKey: string, at: Date): Promise<boolean> {
  const [, count] = (await manager.query(
    `UPDATE outbox_messages SET done_at = NULL, failed_at = NULL, attempts = 0, locked_until = NULL,
       last_error = NULL, next_attempt_at = $2 WHERE idempotency_key = $1`,
    [idempotencyKey, at],
  )) as [unknown, number];
  return count > 0;
}

/** Marks a message done without running it (its work became pointless, e.g. the invoice was cancelled). */
export async function settleOutbox(manager: EntityManager, idempotencyKey: string): Promise<void> {
  await manager.query(
    'UPDATE outbox_messages SET done_at = now(), locked_until = NULL WHERE idempotency_key = $1 AND done_at IS NULL',
    [idempotencyKey],
  );
}

/** Thrown by a handler when trying again cannot help (bad data, refused credentials). */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

export interface OutboxHandler {
  /** Does the work; must be idempotent, since a crash after it but before "done" runs it again. */
  handle(message: OutboxMessage): Promise<void>;
  /** Called in the transaction that schedules the next attempt. */
  onRetry?(manager: EntityManager, message: OutboxMessage, error: string, nextAttemptAt: Date): Promise<void>;
  /** Called in the transaction that abandons the message (permanent failure or attempts exhausted). */
  onGiveUp?(manager: EntityManager, message: OutboxMessage, error: string): Promise<void>;
}
