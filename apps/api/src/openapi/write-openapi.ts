import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { parseConfig } from '../core/config/app-config.js';
import { buildOpenApiDocument } from './openapi.js';

/**
 * Writes the OpenAPI document without a database: in preview mode Nest resolves modules and
 * controllers but instantiates no provider, so nothing connects. The typed client is generated
 * from this file. Usage: node dist/openapi/write-openapi.js <output.json>
 */
async function main(): Promise<void> {
  const output = resolve(process.argv[2] ?? 'openapi.json');
  const config = { ...parseConfig({ LOG_LEVEL: 'silent' }), DATABASE_URL: 'postgres://unused', JWT_SECRET: 'unused' };
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
  app.setGlobalPrefix('api');
  const document = buildOpenApiDocument(app);
  writeFileSync(output, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

void main();
