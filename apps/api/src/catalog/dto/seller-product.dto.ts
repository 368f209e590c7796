import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MAX_VARIANTS_PER_PRODUCT,
  PACKAGING_MATERIALS,
  type PackagingMaterial,
  PRODUCT_STATUSES,
  type ProductStatus,
} from '../catalog.constants.js';
import { OcopCertificateDto, QualityCertificateDto } from './certificates.dto.js';
import { IsDongAmount, IsGtin, QueryNumber } from './validators.js';

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const CATEGORY_CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Growing-area codes look like VN-LSOR-0012 or 20-06-001; the shape varies by issuer, so only the alphabet is fixed. */
export const GROWING_AREA_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9./-]{2,39}$/;

export class VariantInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing variant to keep and update; omit to add a new one' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be the id of one of this product’s variants' })
  id?: string;

  @ApiProperty({ example: 'Túi 500 g' })
  @IsString()
  @Length(1, 60)
  label: string;

  @ApiProperty({ example: 'HOI-VQ-500', description: 'Unique within the organisation' })
  @Matches(SKU_PATTERN, {
    message: 'sku must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  })
  sku: string;

  @ApiProperty({ type: 'integer', example: 185000, minimum: 1, description: 'Price in whole đồng' })
  @IsDongAmount('price')
  price: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '8934563138165',
    description: 'GTIN-8/12/13/14 with a valid GS1 check digit',
  })
  @IsOptional()
  @IsGtin()
  gtin?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 500,
    description: 'Shipping weight in grams; none for services',
  })
  @IsOptional()
  @IsInt({ message: 'weightGrams must be a whole number of grams' })
  @Min(1)
  @Max(1_000_000)
  weightGrams?: number | null;

  @ApiProperty({ example: 120, minimum: 0 })
  @IsInt({ message: 'stock must be a whole number' })
  @Min(0, { message: 'stock cannot be negative' })
  @Max(10_000_000)
  stock: number;

  @ApiPropertyOptional({ default: true, description: 'Inactive variants are kept but not sold' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateProductDto {
  @ApiProperty({ example: 'Hoa hồi khô Văn Quan' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({ example: 'gia-vi', description: 'Code from GET /api/catalog/categories' })
  @Matches(CATEGORY_CODE_PATTERN, { message: 'categoryCode must be a category code such as gia-vi' })
  categoryCode: string;

  @ApiPropertyOptional({ description: 'Rich text (HTML). Sanitised: scripts, styles and embedded content are removed' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  descriptionHtml?: string;

  @ApiPropertyOptional({ enum: PACKAGING_MATERIALS, nullable: true })
  @IsOptional()
  @IsIn(PACKAGING_MATERIALS, { message: `packagingMaterial must be one of ${PACKAGING_MATERIALS.join(', ')}` })
  packagingMaterial?: PackagingMaterial | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'VN-LSOR-0012', description: 'Mã số vùng trồng' })
  @IsOptional()
  @Matches(GROWING_AREA_CODE_PATTERN, {
    message: 'growingAreaCode must be 3–40 letters, digits, dots, slashes or dashes',
  })
  growingAreaCode?: string | null;

  @ApiProperty({ type: [VariantInputDto], description: `1 to ${MAX_VARIANTS_PER_PRODUCT} variants` })
  @IsArray()
  @ArrayMinSize(1, { message: 'a product needs at least one variant' })
  @ArrayMaxSize(MAX_VARIANTS_PER_PRODUCT)
  @ValidateNested({ each: true })
  @Type(() => VariantInputDto)
  variants: VariantInputDto[];
}

/**
 * Every field is optional. `variants`, when sent, is the complete new list: variants with an `id`
 * are updated, those without are added, and those left out are removed, all in one transaction.
 */
export class UpdateProductDto extends PartialType(CreateProductDto) {}

export class SellerProductQueryDto {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class UploadImageDto {
  @ApiPropertyOptional({ example: 'Túi hồi khô 500 g', description: 'Describes the image for screen readers' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  altText?: string;
}

export class VariantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Túi 500 g' })
  label: string;

  @ApiProperty({ example: 'HOI-VQ-500' })
  sku: string;

  @ApiProperty({ type: 'integer', example: 185000, description: 'Whole đồng' })
  price: number;

  @ApiProperty({ type: String, nullable: true })
  gtin: string | null;

  @ApiProperty({ type: Number, nullable: true })
  weightGrams: number | null;

  @ApiProperty()
  stock: number;

  @ApiProperty()
  active: boolean;
}

export class ProductImageDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '/api/files/public/products/…/….webp' })
  url: string;

  @ApiProperty({ enum: ['image/jpeg', 'image/png', 'image/webp', 'image/svg+xml'] })
  contentType: string;

  @ApiProperty()
  byteSize: number;

  @ApiProperty()
  altText: string;
}

export class SellerProductDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'hoa-hoi-kho-van-quan' })
  slug: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'gia-vi' })
  categoryCode: string;

  @ApiProperty({ description: 'Sanitised HTML' })
  descriptionHtml: string;

  @ApiProperty({ enum: PRODUCT_STATUSES })
  status: ProductStatus;

  @ApiProperty({ enum: PACKAGING_MATERIALS, nullable: true })
  packagingMaterial: PackagingMaterial | null;

  @ApiProperty({ type: String, nullable: true })
  growingAreaCode: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Cheapest active variant, whole đồng' })
  listPrice: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: [VariantDto] })
  variants: VariantDto[];

  @ApiProperty({ type: [ProductImageDto] })
  images: ProductImageDto[];

  @ApiProperty({
    type: [OcopCertificateDto],
    description: 'The verified certificate and any submission under review, newest first',
  })
  ocopCertificates: OcopCertificateDto[];

  @ApiProperty({ type: [QualityCertificateDto] })
  qualityCertificates: QualityCertificateDto[];
}

export class SellerProductSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: PRODUCT_STATUSES })
  status: ProductStatus;

  @ApiProperty()
  categoryCode: string;

  @ApiProperty({ type: Number, nullable: true })
  listPrice: number | null;

  @ApiProperty()
  variantCount: number;

  @ApiProperty({ type: String, nullable: true })
  imageUrl: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class SellerProductPageDto {
  @ApiProperty({ type: [SellerProductSummaryDto] })
  items: SellerProductSummaryDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}
