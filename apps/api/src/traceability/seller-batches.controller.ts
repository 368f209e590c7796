import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorDto } from '../core/http/api-error.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import { requireFile, SingleFileUpload, type UploadedFileData } from '../storage/upload.interceptor.js';
import {
  BatchListQueryDto,
  CreateBatchDto,
  CreateTraceEventDto,
  LabelSheetQueryDto,
  QrQueryDto,
  SetOrderLineBatchDto,
} from './dto/batch.dto.js';
import { OrderLineBatchDto, PhotoDto, SellerBatchDto, SellerBatchSummaryDto, TraceEventDto } from './dto/trace.dto.js';
import { SellerBatchesService } from './seller-batches.service.js';

const photoBody = ApiBody({
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, checked from its content' },
    },
  },
});

/** The seller's batches (lots) and their trace events; every id is looked up in the caller's organisation only. */
@ApiTags('seller traceability')
@ApiBearerAuth()
@Roles('seller_member')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such batch (or product) in your organisation' })
@Controller('seller/batches')
export class SellerBatchesController {
  constructor(private readonly batches: SellerBatchesService) {}

  @Get()
  @ApiOkResponse({ type: [SellerBatchSummaryDto] })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: BatchListQueryDto): Promise<SellerBatchSummaryDto[]> {
    return this.batches.list(user, query.productId);
  }

  @Post()
  @ApiCreatedResponse({ type: SellerBatchDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'lot_taken, product_not_published' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateBatchDto): Promise<SellerBatchDto> {
    return this.batches.create(user, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: SellerBatchDto })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SellerBatchDto> {
    return this.batches.get(user, id);
  }

  @Post(':id/events')
  @ApiCreatedResponse({ type: TraceEventDto, description: 'Appended to the batch’s hash chain' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'too_many_events' })
  addEvent(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: CreateTraceEventDto,
  ): Promise<TraceEventDto> {
    return this.batches.addEvent(user, id, body);
  }

  @Patch(':id/events/:eventId')
  @ApiResponse({
    status: 405,
    type: ApiErrorDto,
    description: 'trace_event_immutable: append a correcting event instead',
  })
  change(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('eventId') eventId: string,
  ): Promise<never> {
    return this.batches.refuseEventChange(user, id, eventId);
  }

  @Delete(':id/events/:eventId')
  @ApiResponse({
    status: 405,
    type: ApiErrorDto,
    description: 'trace_event_immutable: append a correcting event instead',
  })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('eventId') eventId: string,
  ): Promise<never> {
    return this.batches.refuseEventChange(user, id, eventId);
  }

  @Post(':id/photos')
  @UseInterceptors(SingleFileUpload('UPLOAD_MAX_BYTES'))
  @ApiConsumes('multipart/form-data')
  @photoBody
  @ApiCreatedResponse({ type: PhotoDto, description: 'A photo of the batch, shown on the trace page' })
  addPhoto(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ): Promise<PhotoDto> {
    return this.batches.addPhoto(user, id, requireFile(file), 'batch');
  }

  @Delete(':id/photos/:photoId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: 'evidence_is_kept' })
  removePhoto(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('photoId') photoId: string,
  ): Promise<void> {
    return this.batches.removePhoto(user, id, photoId);
  }

  @Post(':id/evidence')
  @UseInterceptors(SingleFileUpload('UPLOAD_MAX_BYTES'))
  @ApiConsumes('multipart/form-data')
  @photoBody
  @ApiCreatedResponse({
    type: PhotoDto,
    description: 'An evidence photo; cite its id in evidencePhotoIds of the next event',
  })
  addEvidence(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ): Promise<PhotoDto> {
    return this.batches.addPhoto(user, id, requireFile(file), 'evidence');
  }

  @Get(':id/qr.png')
  @ApiOkResponse({
    description: 'The QR code (GS1 Digital Link, or the short trace URI)',
    content: { 'image/png': {} },
  })
  async qrPng(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: QrQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const png = (await this.batches.qr(user, id, 'png', query.size)) as Buffer;
    response.setHeader('Content-Type', 'image/png');
    return new StreamableFile(png);
  }

  @Get(':id/qr.svg')
  @ApiOkResponse({ description: 'The QR code as SVG', content: { 'image/svg+xml': {} } })
  async qrSvg(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const svg = (await this.batches.qr(user, id, 'svg')) as string;
    response.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    response.setHeader('Content-Security-Policy', "default-src 'none'");
    return svg;
  }

  @Get(':id/labels.pdf')
  @ApiOkResponse({
    description: 'An A4 sheet of labels: product, OCOP stars, lot, expiry, QR',
    content: { 'application/pdf': {} },
  })
  async labels(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: LabelSheetQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { pdf, filename } = await this.batches.labels(user, id, query.size ?? '50x30', query.count);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    return new StreamableFile(pdf);
  }
}

/** Packing: which batch an order line was shipped from. */
@ApiTags('seller traceability')
@ApiBearerAuth()
@Roles('seller_member')
@Controller('seller/orders')
export class SellerOrderLineBatchController {
  constructor(private readonly batches: SellerBatchesService) {}

  @Put(':sellerOrderId/lines/:lineId/batch')
  @ApiOkResponse({ type: OrderLineBatchDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'order_line_not_found, batch_not_found' })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'batch_product_mismatch, batch_expired, order_line_batch_locked',
  })
  setBatch(
    @CurrentUser() user: AuthenticatedUser,
    @Param('sellerOrderId') sellerOrderId: string,
    @Param('lineId') lineId: string,
    @Body() body: SetOrderLineBatchDto,
  ): Promise<OrderLineBatchDto> {
    return this.batches.setOrderLineBatch(user, sellerOrderId, lineId, body.batchId);
  }
}
