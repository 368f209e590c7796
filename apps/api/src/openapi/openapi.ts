import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('OCOP marketplace API')
    .setDescription(
      'The provincial OCOP marketplace: sellers, catalog, orders, payments, invoices, traceability and plan KPIs. ' +
        'Money is an integer number of đồng; times are UTC (ISO 8601).',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ApiErrorDto],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  declareErrorResponses(document);
  return document;
}

/**
 * Every operation can fail with the common error shape (validation, authentication, not found…);
 * declaring it as each operation's `default` response lets the generated client type errors.
 */
function declareErrorResponses(document: OpenAPIObject): void {
  const errorResponse = {
    description: 'An error, in the common error shape',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorDto' } } },
  };
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (operation && !operation.responses['default']) operation.responses['default'] = errorResponse;
    }
  }
}

export function mountOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    customSiteTitle: 'OCOP marketplace API',
  });
}
