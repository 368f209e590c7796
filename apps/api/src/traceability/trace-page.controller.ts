import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../identity/authenticated-user.js';
import { renderNotFoundPage, renderTracePage, TRACE_PAGE_CSP } from './trace-page.js';
import type { BatchRow } from './trace-record.js';
import { type ScanChannel, TraceabilityService } from './traceability.service.js';

/**
 * The pages a QR code opens, outside the /api prefix (see the exclusions in app.ts): the short
 * link `/t/{code}` and the GS1 Digital Link `/01/{gtin}/10/{lot}` that the platform resolves itself.
 */
@ApiExcludeController()
@Public()
@Controller()
export class TracePageController {
  constructor(private readonly trace: TraceabilityService) {}

  @Get('t/:code')
  async shortLink(@Param('code') code: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.render(await this.trace.findByCode(code), 'short_link', request, response);
  }

  @Get('01/:gtin/10/:lot')
  async digitalLink(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.render(await this.trace.findByDigitalLink(gtin, lot), 'digital_link', request, response);
  }

  /** A serial after the lot (`/21/…`) names one item of the lot; the page is the lot's. */
  @Get('01/:gtin/10/:lot/21/:serial')
  async digitalLinkWithSerial(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.render(await this.trace.findByDigitalLink(gtin, lot), 'digital_link', request, response);
  }

  private async render(batch: BatchRow | null, via: ScanChannel, request: Request, response: Response): Promise<void> {
    let status = 200;
    let html: string;
    if (!batch) {
      status = 404;
      html = renderNotFoundPage();
    } else {
      // HEAD (link checkers, some scanner apps probing) is not a person opening the page.
      const scanId =
        request.method === 'GET' ? await this.trace.recordScan(batch, via, request.headers['user-agent']) : null;
      html = renderTracePage({ ...(await this.trace.record(batch)), ...(scanId ? { scanId } : {}) });
    }
    response.status(status);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', TRACE_PAGE_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    // Every view is a scan, and the chain status must be current: never served from a cache.
    response.setHeader('Cache-Control', 'no-store');
    // The app-wide compression middleware gzips it: on a slow link the bytes are the wait.
    response.send(html);
  }
}
