import { Controller, Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../identity/authenticated-user.js';
import { InvoiceLookupDto, LookupQueryDto } from './dto/invoice.dto.js';
import { InvoicesService } from './invoices.service.js';

/**
 * Anyone holding a lookup code reads that invoice (the code is printed on it and is the only key).
 * Answers are not cached and send no referrer, so the code does not travel further than the reader.
 */
function privateAnswer(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Robots-Tag', 'noindex');
}

@ApiTags('invoice lookup')
@Public()
@Controller('invoices/lookup')
export class InvoiceLookupController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get(':code')
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: InvoiceLookupDto, description: 'JSON, or the printable page for browsers and `?format=html`' })
  async lookup(
    @Param('code') code: string,
    @Query() query: LookupQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InvoiceLookupDto | string> {
    privateAnswer(response);
    const html = query.format
      ? query.format === 'html'
      : /text\/html/.test(accept ?? '') && !/application\/json/.test(accept ?? '');
    if (!html) return this.invoices.lookup(code);
    const page = await this.invoices.lookupHtml(code);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    );
    return page;
  }

  @Get(':code/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The printable copy as PDF' })
  async pdf(@Param('code') code: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    privateAnswer(response);
    const { pdf, fileName } = await this.invoices.lookupPdf(code);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${fileName}"` });
  }

  @Get(':code/xml')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The invoice XML (signed when the seller has a certificate)' })
  async xml(@Param('code') code: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    privateAnswer(response);
    const { xml, fileName } = await this.invoices.lookupXml(code);
    return new StreamableFile(Buffer.from(xml, 'utf8'), {
      type: 'application/xml; charset=utf-8',
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}
