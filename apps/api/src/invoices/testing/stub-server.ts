import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubHandler = (request: IncomingMessage, body: string, response: ServerResponse) => void | Promise<void>;

export interface RestartableServer {
  baseUrl: string;
  port: number;
  running: boolean;
  /** Closes the listener and every open connection, as a crashed provider would. */
  stop(): Promise<void>;
  /** Listens again on the same port, so the seller's configured URL works again. */
  start(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** An HTTP server on 127.0.0.1 only, which a test can stop and start again on the same port. */
export async function startRestartableServer(handler: StubHandler): Promise<RestartableServer> {
  let server: Server | null = null;
  let port = 0;
  const listen = async () => {
    const next = createServer((request, response) => {
      void (async () => {
        try {
          await handler(request, await readBody(request), response);
        } catch (error) {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(error instanceof Error ? error.message : 'stub error');
        }
      })();
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  await listen();
  const state: RestartableServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    running: true,
    stop: async () => {
      const current = server;
      server = null;
      state.running = false;
      if (!current) return;
      current.closeAllConnections();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start: async () => {
      if (server) return;
      await listen();
      state.running = true;
    },
  };
  return state;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
