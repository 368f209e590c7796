import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

const DEFAULT_WEB_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

interface SinglePageApp {
  mountPath: string;
  directory: string;
}

/**
 * Serves the built storefront at `/` and the admin app at `/admin` from the API's own port.
 * Unknown paths under an app get its index.html so that client-side routes survive a reload;
 * `/api` is never touched. Returns the apps that were found, for the start-up banner.
 */
export function serveSinglePageApps(app: INestApplication, webRoot = DEFAULT_WEB_ROOT): SinglePageApp[] {
  const candidates: SinglePageApp[] = [
    { mountPath: '/admin', directory: join(webRoot, 'admin', 'dist') },
    { mountPath: '/', directory: join(webRoot, 'storefront', 'dist') },
  ];
  const found = candidates.filter((spa) => existsSync(join(spa.directory, 'index.html')));
  for (const spa of found) {
    app.use(
      spa.mountPath,
      express.static(spa.directory, {
        index: false,
        // Vite fingerprints everything under assets/, so those files never change under one name.
        setHeaders: (response, path) => {
          if (path.includes(`${join(spa.directory, 'assets')}`)) {
            response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          }
        },
      }),
    );
    app.use(spa.mountPath, (request: Request, response: Response, next: NextFunction) => {
      const isApi = request.originalUrl === '/api' || request.originalUrl.startsWith('/api/');
      const isAdminUnderRoot = spa.mountPath === '/' && request.originalUrl.startsWith('/admin');
      // Trace pages a QR code opens (/t/{code}, GS1 Digital Link /01/…) are rendered by the API itself.
      const isTracePage = /^\/(t|01)\//.test(request.originalUrl);
      if (request.method !== 'GET' || isApi || isAdminUnderRoot || isTracePage) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(join(spa.directory, 'index.html'));
    });
  }
  return found;
}
