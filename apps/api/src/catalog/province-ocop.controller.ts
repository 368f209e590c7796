import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorDto } from '../core/http/api-error.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import {
  OcopCertificateDto,
  OcopReviewPageDto,
  OcopReviewQueryDto,
  RejectOcopCertificateDto,
} from './dto/certificates.dto.js';
import { OcopCertificatesService } from './ocop-certificates.service.js';

/** The provincial officer's OCOP queue: a rating reaches the storefront only through here. */
@ApiTags('province OCOP review')
@ApiBearerAuth()
@Roles('province_officer')
@Controller('province/ocop-certificates')
export class ProvinceOcopController {
  constructor(private readonly ocop: OcopCertificatesService) {}

  @Get()
  @ApiOkResponse({ type: OcopReviewPageDto })
  list(@Query() query: OcopReviewQueryDto): Promise<OcopReviewPageDto> {
    return this.ocop.listForReview(query.status, query.page, query.pageSize);
  }

  @Post(':id/verify')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OcopCertificateDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not pending, no scanned document, or already expired' })
  verify(@CurrentUser() officer: AuthenticatedUser, @Param('id') id: string): Promise<OcopCertificateDto> {
    return this.ocop.verify(officer, id);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OcopCertificateDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto })
  reject(
    @CurrentUser() officer: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: RejectOcopCertificateDto,
  ): Promise<OcopCertificateDto> {
    return this.ocop.reject(officer, id, body.reason);
  }

  @Get(':id/document')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The scanned certificate', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async document(@Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const document = await this.ocop.getDocument(id);
    response.setHeader('Content-Type', document.contentType);
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader(
      'Content-Disposition',
      `inline; filename="ocop-${id}.${document.contentType === 'application/pdf' ? 'pdf' : 'img'}"`,
    );
    return new StreamableFile(document.data);
  }
}
