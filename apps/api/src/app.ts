import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './core/config/app-config.js';
import { createValidationPipe } from './core/http/validation.js';
import { mountOpenApi } from './openapi/openapi.js';
import { serveSinglePageApps } from './web/serve-apps.js';

/** Builds the whole application; shared by `main.ts` and the integration tests. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Buyers are often on slow mobile networks: gzip the apps' files and the JSON.
  app.use(compression());
  app.setGlobalPrefix('api', { exclude: ['t/:code', '01/:gtin/10/:lot', '01/:gtin/10/:lot/21/:serial'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  mountOpenApi(app);
  serveSinglePageApps(app, config.WEB_ROOT);
  await app.init();
  return app;
}
