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
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import { requireFile, SingleFileUpload, type UploadedFileData } from '../storage/upload.interceptor.js';
import {
  OcopCertificateDto,
  PutOcopCertificateDto,
  QualityCertificateDto,
  QualityCertificateInputDto,
} from './dto/certificates.dto.js';
import {
  CreateProductDto,
  ProductImageDto,
  SellerProductDto,
  SellerProductPageDto,
  SellerProductQueryDto,
  UpdateProductDto,
  UploadImageDto,
} from './dto/seller-product.dto.js';
import { OcopCertificatesService } from './ocop-certificates.service.js';
import { ProductImagesService } from './product-images.service.js';
import { QualityCertificatesService } from './quality-certificates.service.js';
import { SellerProductsService } from './seller-products.service.js';

const fileBody = (description: string, extra: Record<string, object> = {}) =>
  ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description }, ...extra },
    },
  });

/** The seller workspace's catalog: every route acts on the caller's own organisation only. */
@ApiTags('seller catalog')
@ApiBearerAuth()
@Roles('seller_member')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such product in your organisation' })
@Controller('seller/products')
export class SellerProductsController {
  constructor(
    private readonly products: SellerProductsService,
    private readonly images: ProductImagesService,
    private readonly ocop: OcopCertificatesService,
    private readonly quality: QualityCertificatesService,
  ) {}

  @Get()
  @ApiOkResponse({ type: SellerProductPageDto })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: SellerProductQueryDto): Promise<SellerProductPageDto> {
    return this.products.list(user, query);
  }

  @Post()
  @ApiCreatedResponse({ type: SellerProductDto, description: 'Created as a draft' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'A SKU is already used by another of your products' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateProductDto): Promise<SellerProductDto> {
    return this.products.create(user, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: SellerProductDto })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SellerProductDto> {
    return this.products.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SellerProductDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: UpdateProductDto,
  ): Promise<SellerProductDto> {
    return this.products.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted (only products that were never published)' })
  @ApiConflictResponse({ type: ApiErrorDto })
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<void> {
    return this.products.remove(user, id);
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SellerProductDto })
  @ApiForbiddenResponse({
    type: ApiErrorDto,
    description: 'organisation_not_approved: only approved organisations publish',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'active_variant_required' })
  publish(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SellerProductDto> {
    return this.products.publish(user, id);
  }

  @Post(':id/unpublish')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SellerProductDto, description: 'Back to draft' })
  unpublish(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SellerProductDto> {
    return this.products.unpublish(user, id);
  }

  @Post(':id/archive')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SellerProductDto })
  archive(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SellerProductDto> {
    return this.products.archive(user, id);
  }

  @Post(':id/images')
  @UseInterceptors(SingleFileUpload('UPLOAD_MAX_BYTES'))
  @ApiConsumes('multipart/form-data')
  @fileBody('JPEG, PNG or WebP, checked from its content; at most UPLOAD_MAX_BYTES (5 MB by default)', {
    altText: { type: 'string', maxLength: 200 },
  })
  @ApiCreatedResponse({ type: ProductImageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'unsupported_file_type, file_missing' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'file_too_large' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'too_many_images' })
  addImage(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileData | undefined,
    @Body() body: UploadImageDto,
  ): Promise<ProductImageDto> {
    return this.images.add(user, id, requireFile(file), body.altText);
  }

  @Delete(':id/images/:imageId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeImage(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('imageId') imageId: string,
  ): Promise<void> {
    return this.images.remove(user, id, imageId);
  }

  @Put(':id/ocop-certificate')
  @ApiOkResponse({ type: OcopCertificateDto, description: 'The submission, pending an officer’s verification' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  submitOcop(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: PutOcopCertificateDto,
  ): Promise<OcopCertificateDto> {
    return this.ocop.submit(user, id, body);
  }

  @Post(':id/ocop-certificate/document')
  @UseInterceptors(SingleFileUpload('DOCUMENT_MAX_BYTES'))
  @ApiConsumes('multipart/form-data')
  @fileBody(
    'PDF, JPEG or PNG scan of the decision, checked from its content; at most DOCUMENT_MAX_BYTES (10 MB by default)',
  )
  @ApiCreatedResponse({ type: OcopCertificateDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ocop_submission_missing: PUT the certificate first' })
  attachOcopDocument(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ): Promise<OcopCertificateDto> {
    return this.ocop.attachDocument(user, id, requireFile(file));
  }

  @Get(':id/quality-certificates')
  @ApiOkResponse({ type: [QualityCertificateDto] })
  listQuality(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<QualityCertificateDto[]> {
    return this.quality.list(user, id);
  }

  @Post(':id/quality-certificates')
  @ApiCreatedResponse({ type: QualityCertificateDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  addQuality(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: QualityCertificateInputDto,
  ): Promise<QualityCertificateDto> {
    return this.quality.create(user, id, body);
  }

  @Put(':id/quality-certificates/:certificateId')
  @ApiOkResponse({ type: QualityCertificateDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  updateQuality(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('certificateId') certificateId: string,
    @Body() body: QualityCertificateInputDto,
  ): Promise<QualityCertificateDto> {
    return this.quality.update(user, id, certificateId, body);
  }

  @Delete(':id/quality-certificates/:certificateId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeQuality(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('certificateId') certificateId: string,
  ): Promise<void> {
    return this.quality.remove(user, id, certificateId);
  }
}
