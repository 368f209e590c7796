import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express from 'express';

/** The global prefix is set in app.ts; express-level middleware sees the full path. */
export const STRIPE_WEBHOOK_PATH = '/api/payments/stripe/webhook';

/**
 * Stripe signs the exact bytes it sends, so the webhook needs the raw body. Nest registers its JSON
 * parser in `app.init()`, before any module middleware (MiddlewareConsumer) runs, and the parser
 * consumes the stream. Providers are built earlier, in `NestFactory.create()`, so registering a raw
 * parser for this one path here puts it first; body-parser then skips the already-read request.
 * With `rawBody: true` in NestFactory.create this is unnecessary (the controller reads
 * `req.rawBody` first).
 */
@Injectable()
export class StripeRawBodyParser {
  constructor(adapterHost: HttpAdapterHost) {
    const http = adapterHost.httpAdapter;
    if (http?.getType() === 'express') {
      http.use(STRIPE_WEBHOOK_PATH, express.raw({ type: () => true, limit: '512kb' }));
    }
  }
}
