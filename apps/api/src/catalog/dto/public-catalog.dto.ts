import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  OCOP_ISSUING_LEVELS,
  OCOP_STARS,
  PACKAGING_MATERIALS,
  type OcopIssuingLevel,
  type PackagingMaterial,
  QUALITY_CERTIFICATE_KINDS,
  type QualityCertificateKind,
} from '../catalog.constants.js';
import { LEGAL_TYPES, type LegalType } from '../../sellers/organisation.entity.js';
import { CATEGORY_CODE_PATTERN } from './seller-product.dto.js';
import { IsDongAmount, QueryNumber } from './validators.js';

export const CATALOG_SORTS = ['newest', 'price_asc', 'price_desc', 'name'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export class CategoryDto {
  @ApiProperty({ example: 'gia-vi' })
  code: string;

  @ApiProperty({ type: String, nullable: true, example: 'nong-dac-san' })
  parentCode: string | null;

  @ApiProperty({ example: 'Gia vị' })
  nameVi: string;

  @ApiProperty({ example: 'Spices' })
  nameEn: string;

  @ApiProperty({ description: 'Products the public can see in this category, its subcategories included' })
  productCount: number;
}

export class CatalogQueryDto {
  @ApiPropertyOptional({ example: 'nong-dac-san', description: 'A category code; a parent includes its subcategories' })
  @IsOptional()
  @Matches(CATEGORY_CODE_PATTERN, { message: 'category must be a category code such as gia-vi' })
  category?: string;

  @ApiPropertyOptional({
    type: 'integer',
    isArray: true,
    enum: OCOP_STARS,
    description:
      'Verified, unexpired OCOP stars: repeat the parameter (stars=4&stars=5) or separate with commas (stars=4,5)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    [value].flat().flatMap((part) =>
      String(part)
        .split(',')
        .map((star) => (star.trim() === '' ? NaN : Number(star))),
    ),
  )
  @IsIn(OCOP_STARS, { each: true, message: 'stars must be 3, 4 or 5 (several may be given)' })
  stars?: number[];

  @ApiPropertyOptional({ example: '06253', description: 'Official 5-digit code of the seller’s commune or ward' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'commune must be a 5-digit commune code such as 06253' })
  commune?: string;

  @ApiPropertyOptional({ example: 'htx-nong-san-dong-kinh', description: 'Only this shop’s products' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'seller must be a shop slug' })
  seller?: string;

  @ApiPropertyOptional({ example: 'hoa hoi', description: 'Part of the name, with or without diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  q?: string;

  @ApiPropertyOptional({ type: 'integer', example: 50000, description: 'Whole đồng, on the listed (cheapest) price' })
  @IsOptional()
  @QueryNumber()
  @IsDongAmount('priceMin', { min: 0 })
  priceMin?: number;

  @ApiPropertyOptional({ type: 'integer', example: 300000, description: 'Whole đồng, on the listed (cheapest) price' })
  @IsOptional()
  @QueryNumber()
  @IsDongAmount('priceMax', { min: 0 })
  priceMax?: number;

  @ApiPropertyOptional({ enum: CATALOG_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(CATALOG_SORTS, { message: `sort must be one of ${CATALOG_SORTS.join(', ')}` })
  sort?: CatalogSort;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ default: 24, minimum: 1, maximum: 100 })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class CommuneRefDto {
  @ApiProperty({ example: '06253' })
  code: string;

  @ApiProperty({ example: 'Xã Văn Quan' })
  name: string;
}

export class SellerSummaryDto {
  @ApiProperty({ type: String, nullable: true, example: 'htx-nong-san-dong-kinh' })
  slug: string | null;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: LEGAL_TYPES })
  legalType: LegalType;

  @ApiProperty({ type: CommuneRefDto, nullable: true })
  commune: CommuneRefDto | null;
}

export class OcopBadgeDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    enum: OCOP_STARS,
    description: 'The verified rating while it is valid; null once the certificate has expired',
  })
  stars: number | null;

  @ApiProperty({ description: 'The verified certificate is past its expiry date: show it as expired, without stars' })
  expired: boolean;

  @ApiProperty()
  certificateNumber: string;

  @ApiProperty({ enum: OCOP_ISSUING_LEVELS })
  issuingLevel: OcopIssuingLevel;

  @ApiProperty()
  issuingAuthority: string;

  @ApiProperty({ format: 'date' })
  issuedOn: string;

  @ApiProperty({ format: 'date' })
  expiresOn: string;
}

export class ProductSummaryDto {
  @ApiProperty({ example: 'hoa-hoi-kho-van-quan' })
  slug: string;

  @ApiProperty({ example: 'Hoa hồi khô Văn Quan' })
  name: string;

  @ApiProperty({ example: 'gia-vi' })
  categoryCode: string;

  @ApiProperty({ example: 'Gia vị' })
  categoryName: string;

  @ApiProperty({ type: 'integer', example: 185000, description: 'Cheapest active variant, whole đồng' })
  listPrice: number;

  @ApiProperty({ type: String, nullable: true })
  imageUrl: string | null;

  @ApiProperty({ type: Number, nullable: true, enum: OCOP_STARS, description: 'Verified, unexpired OCOP stars' })
  ocopStars: number | null;

  @ApiProperty({ description: 'The verified OCOP certificate has expired (its stars are not shown)' })
  ocopExpired: boolean;

  @ApiProperty({ enum: PACKAGING_MATERIALS, nullable: true })
  packagingMaterial: PackagingMaterial | null;

  @ApiProperty({ type: SellerSummaryDto })
  seller: SellerSummaryDto;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductSummaryDto] })
  items: ProductSummaryDto[];

  @ApiProperty({ description: 'Matching products across all pages' })
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class PublicVariantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Túi 500 g' })
  label: string;

  @ApiProperty()
  sku: string;

  @ApiProperty({ type: 'integer', description: 'Whole đồng' })
  price: number;

  @ApiProperty({ type: String, nullable: true })
  gtin: string | null;

  @ApiProperty({ type: Number, nullable: true })
  weightGrams: number | null;

  @ApiProperty()
  inStock: boolean;
}

export class PublicImageDto {
  @ApiProperty()
  url: string;

  @ApiProperty()
  altText: string;
}

export class PublicQualityCertificateDto {
  @ApiProperty({ enum: QUALITY_CERTIFICATE_KINDS })
  kind: QualityCertificateKind;

  @ApiProperty()
  certificateNumber: string;

  @ApiProperty()
  issuer: string;

  @ApiProperty({ format: 'date' })
  expiresOn: string;

  @ApiProperty()
  expired: boolean;
}

export class ProductDetailDto {
  @ApiProperty()
  slug: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'Sanitised HTML' })
  descriptionHtml: string;

  @ApiProperty()
  categoryCode: string;

  @ApiProperty()
  categoryName: string;

  @ApiProperty({ type: 'integer', description: 'Cheapest active variant, whole đồng' })
  listPrice: number;

  @ApiProperty({ type: [PublicVariantDto] })
  variants: PublicVariantDto[];

  @ApiProperty({ type: [PublicImageDto] })
  images: PublicImageDto[];

  @ApiProperty({ type: OcopBadgeDto, nullable: true, description: 'Only an officer-verified certificate appears here' })
  ocop: OcopBadgeDto | null;

  @ApiProperty({ type: [PublicQualityCertificateDto] })
  qualityCertificates: PublicQualityCertificateDto[];

  @ApiProperty({ enum: PACKAGING_MATERIALS, nullable: true })
  packagingMaterial: PackagingMaterial | null;

  @ApiProperty({ type: String, nullable: true, description: 'Mã số vùng trồng' })
  growingAreaCode: string | null;

  @ApiProperty({ type: SellerSummaryDto })
  seller: SellerSummaryDto;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;
}

export class SellerShopDto extends SellerSummaryDto {
  @ApiProperty({ description: 'The seller’s story, plain text' })
  story: string;

  @ApiProperty({ type: String, nullable: true })
  websiteUrl: string | null;

  @ApiProperty({ description: 'Published products in the shop' })
  productCount: number;

  @ApiProperty({
    type: [ProductSummaryDto],
    description: 'The newest products (up to 48); page through GET /api/catalog/products?seller=',
  })
  products: ProductSummaryDto[];
}
