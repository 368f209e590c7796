import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubS3Server {
  endpoint: string;
  bucket: string;
  /** What the stub holds, for assertions. */
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Every request seen, as `METHOD /path`. */
  requests: string[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function xmlError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}

/**
 * The few S3 object operations the storage adapter uses (path-style PUT, GET, HEAD, DELETE), kept in
 * memory and bound to 127.0.0.1 only. Real S3 cannot be reached from the test machines; this stands
 * in for it so that the adapter's requests and error handling are exercised over real HTTP.
 */
export async function startStubS3Server(bucket = 'ocop-test'): Promise<StubS3Server> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: string[] = [];

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      requests.push(`${request.method} ${url.pathname}`);
      if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
        return xmlError(response, 403, 'AccessDenied', 'Missing signature');
      }
      const [, requestedBucket, ...rest] = url.pathname.split('/');
      if (requestedBucket !== bucket) return xmlError(response, 404, 'NoSuchBucket', 'The bucket does not exist');
      const key = decodeURIComponent(rest.join('/'));
      const body = await readBody(request);
      switch (request.method) {
        case 'PUT':
          objects.set(key, { body, contentType: String(request.headers['content-type'] ?? 'binary/octet-stream') });
          response.writeHead(200, { etag: `"${body.length}"` });
          return response.end();
        case 'GET':
        case 'HEAD': {
          const object = objects.get(key);
          if (!object) {
            if (request.method === 'HEAD') {
              response.writeHead(404);
              return response.end();
            }
            return xmlError(response, 404, 'NoSuchKey', 'The specified key does not exist.');
          }
          response.writeHead(200, {
            'content-type': object.contentType,
            'content-length': object.body.length,
            etag: `"${object.body.length}"`,
          });
          return response.end(request.method === 'GET' ? object.body : undefined);
        }
        case 'DELETE':
          objects.delete(key);
          response.writeHead(204);
          return response.end();
        default:
          return xmlError(response, 405, 'MethodNotAllowed', 'Not supported by the stub');
      }
    })().catch((error: unknown) => xmlError(response, 500, 'InternalError', String(error)));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
