import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { type OutboxHandler, type OutboxMessage, PermanentFailure } from './outbox.js';

/** Longer than any provider call may take, so a live worker never loses its claim to another. */
const LEASE_SECONDS = 300;
const BATCH = 20;

export interface OutboxRunReport {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
}

export interface RetryPolicy {
  baseSeconds: number;
  maxSeconds: number;
  maxAttempts: number;
}

/** Exponential: base, 2×base, 4×base… capped, plus up to 10 % jitter so that retries do not stampede. */
export function backoffSeconds(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const exponential = policy.baseSeconds * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxSeconds, exponential);
  return Math.round(capped * (1 + 0.1 * random()));
}

interface ClaimedRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  idempotency_key: string;
  attempts: number;
}

/**
 * Runs `outbox_messages`. Due rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so several
 * workers (or app instances) share the queue without taking the same message twice, and a worker
 * that dies mid-message only delays it until the lease expires. Handlers register by topic.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private readonly handlers = new Map<string, OutboxHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<OutboxRunReport> | null = null;
  private readonly policy: RetryPolicy;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.policy = {
      baseSeconds: config.OUTBOX_BACKOFF_BASE_SECONDS,
      maxSeconds: config.OUTBOX_BACKOFF_MAX_SECONDS,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    };
  }

  register(topic: string, handler: OutboxHandler): void {
    if (this.handlers.has(topic)) throw new Error(`Outbox topic ${topic} already has a handler`);
    this.handlers.set(topic, handler);
  }

  get enabled(): boolean {
    return this.config.OUTBOX_WORKER_ENABLED ?? this.config.NODE_ENV !== 'test';
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.runOnce().catch((error: unknown) => this.logger.error({ err: error }, 'Outbox run failed'));
    }, this.config.OUTBOX_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /**
   * Claims what is due at `now` and runs it, one message after another. Tests pass a `now` in the
   * future to skip a backoff instead of waiting for it.
   */
  runOnce(options: { now?: Date; limit?: number } = {}): Promise<OutboxRunReport> {
    const run = this.run(options.now ?? new Date(), options.limit ?? BATCH).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(now: Date, limit: number): Promise<OutboxRunReport> {
    const report: OutboxRunReport = { claimed: 0, done: 0, retried: 0, failed: 0 };
    const topics = [...this.handlers.keys()];
    if (topics.length === 0) return report;
    const [rows] = (await this.db.query(
      `UPDATE outbox_messages m
          SET locked_until = $1::timestamptz + make_interval(secs => $2), attempts = m.attempts + 1
         FROM (SELECT id FROM outbox_messages
                WHERE done_at IS NULL AND failed_at IS NULL AND topic = ANY($3)
                  AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
                ORDER BY next_attempt_at, created_at
                LIMIT $4
                FOR UPDATE SKIP LOCKED) due
        WHERE m.id = due.id
        RETURNING m.id, m.topic, m.payload, m.idempotency_key, m.attempts`,
      [now, LEASE_SECONDS, topics, limit],
    )) as [ClaimedRow[], number];
    report.claimed = rows.length;
    for (const row of rows) {
      const message: OutboxMessage = {
        id: row.id,
        topic: row.topic,
        payload: row.payload,
        idempotencyKey: row.idempotency_key,
        attempts: row.attempts,
      };
      const outcome = await this.process(message, now);
      report[outcome]++;
    }
    return report;
  }

  private async process(message: OutboxMessage, now: Date): Promise<'done' | 'retried' | 'failed'> {
    const handler = this.handlers.get(message.topic);
    if (!handler) return 'retried';
    try {
      await handler.handle(message);
      await this.db.query(
        'UPDATE outbox_messages SET done_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1',
        [message.id],
      );
      return 'done';
    } catch (error) {
      const permanent = error instanceof PermanentFailure || (error as { retryable?: boolean }).retryable === false;
      const known =
        error instanceof PermanentFailure ||
        typeof (error as { retryable?: unknown }).retryable === 'boolean' ||
        (error as { expected?: boolean }).expected === true;
      if (!known)
        this.logger.error(
          { err: error, topic: message.topic, messageId: message.id },
          'Outbox handler failed unexpectedly',
        );
      const text = (known && error instanceof Error ? error.message : 'Lỗi hệ thống, sẽ thử lại').slice(0, 500);
      if (permanent || message.attempts >= this.policy.maxAttempts) {
        await this.db.transaction(async (manager) => {
          await manager.query(
            'UPDATE outbox_messages SET failed_at = now(), locked_until = NULL, last_error = $2 WHERE id = $1',
            [message.id, text],
          );
          await handler.onGiveUp?.(manager, message, text);
        });
        return 'failed';
      }
      const next = new Date(now.getTime() + backoffSeconds(message.attempts, this.policy) * 1000);
      await this.db.transaction(async (manager) => {
        await manager.query(
          'UPDATE outbox_messages SET next_attempt_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1',
          [message.id, next, text],
        );
        await handler.onRetry?.(manager, message, text, next);
      });
      return 'retried';
    }
  }
}
