import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { PaymentRefundsService } from './payment-refunds.service.js';
import { PaymentsService } from './payments.service.js';
import { VnpayService } from './vnpay.service.js';

/** Any fixed number, shared by every API process: only the holder of this lock sweeps. */
const SWEEP_LOCK_KEY = 764_000_600;

/**
 * Every PAYMENT_JOBS_INTERVAL_SECONDS: ask VNPay about payments still pending, then expire what is
 * past its time, then send again the refunds that are due. Reconciliation runs first so that a payment VNPay took is captured, not expired.
 * Off under NODE_ENV=test unless PAYMENT_JOBS_ENABLED says otherwise; tests call `sweep()`.
 */
@Injectable()
export class PaymentJobsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Payments');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly payments: PaymentsService,
    private readonly vnpay: VnpayService,
    private readonly refunds: PaymentRefundsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!(this.config.PAYMENT_JOBS_ENABLED ?? this.config.NODE_ENV !== 'test')) return;
    this.timer = setInterval(() => {
      // A sweep slower than the interval is not started twice.
      this.running ??= this.sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, 'Payment sweep failed'))
        .finally(() => {
          this.running = null;
        });
    }, this.config.PAYMENT_JOBS_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; skipped when another process holds the sweep lock. */
  async sweep(now: Date = new Date()): Promise<void> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [SWEEP_LOCK_KEY]);
      if (!locked) return;
      try {
        const reconciled = await this.vnpay.reconcilePendingVnpay(this.config.VNPAY_RECONCILE_AFTER_MINUTES, now);
        const expired = await this.payments.expireOverdue(now);
        // Refunds whose provider call failed (or never ran: a crash after the order's commit).
        const refunds = await this.refunds.retryDue(now);
        if (reconciled.checked > 0 || expired > 0 || refunds.tried > 0) {
          this.logger.log({ reconciled, expired, refunds }, 'Payment sweep');
        }
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
