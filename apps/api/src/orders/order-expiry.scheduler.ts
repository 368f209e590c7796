import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { OrdersService } from './orders.service.js';

const SWEEP_INTERVAL_MS = 60_000;

/** Sweeps unpaid online orders past their payment window once a minute (not under tests, which call it). */
@Injectable()
export class OrderExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderExpiryScheduler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly orders: OrdersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.NODE_ENV === 'test') return;
    this.timer = setInterval(() => {
      this.orders
        .expireOverdue()
        .then((count) => count > 0 && this.logger.log(`Cancelled ${count} unpaid orders past their payment window`))
        .catch((error: unknown) => this.logger.error({ err: error }, 'Order expiry sweep failed'));
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
