import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CERTIFICATE_KINDS, SEARCH_SORTS, type SearchSort } from '../search-engine.js';
const STARS = [3, 4, 5] as const;

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

/** Query strings carry text; a value that is not a plain integer stays text and fails @IsInt. */
const integer = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;

export class SearchQueryDto {
  @ApiPropertyOptional({
    example: 'mat ong bac son',
    description: 'Words, with or without diacritics; a typo in a word of 5+ letters is tolerated',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'nong-dac-san', description: 'A category code; a parent includes its subcategories' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'category must be a category code such as gia-vi' })
  category?: string;

  @ApiPropertyOptional({ example: '4,5', description: 'Verified, unexpired OCOP stars, comma-separated (any of them)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((part) => (/^\d$/.test(part.trim()) ? Number(part) : NaN)) : value,
  )
  @IsIn(STARS, { each: true, message: 'stars must be a comma-separated list of 3, 4 and 5' })
  stars?: number[];

  @ApiPropertyOptional({ example: '06325', description: 'Official 5-digit code of the seller’s commune or ward' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'commune must be a 5-digit commune code such as 06325' })
  commune?: string;

  @ApiPropertyOptional({ example: 100000, description: 'Whole đồng, on the listed (cheapest) price' })
  @IsOptional()
  @Transform(integer)
  @IsInt({ message: 'priceMin must be a whole number of đồng' })
  @Min(0)
  priceMin?: number;

  @ApiPropertyOptional({ example: 500000, description: 'Whole đồng, on the listed (cheapest) price' })
  @IsOptional()
  @Transform(integer)
  @IsInt({ message: 'priceMax must be a whole number of đồng' })
  @Min(0)
  priceMax?: number;

  @ApiPropertyOptional({
    example: 'vietgap,organic',
    description: 'Unexpired quality certificates, comma-separated (any of them)',
  })
  @IsOptional()
  @Transform(commaList)
  @IsIn(CERTIFICATE_KINDS, {
    each: true,
    message: `certificate must be a comma-separated list of ${CERTIFICATE_KINDS.join(', ')}`,
  })
  certificate?: string[];

  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance' })
  @IsOptional()
  @IsIn(SEARCH_SORTS, { message: `sort must be one of ${SEARCH_SORTS.join(', ')}` })
  sort?: SearchSort;

  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    maximum: 1000,
    description: 'Results beyond the 10,000th are not served',
  })
  @IsOptional()
  @Transform(integer)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(1000)
  page?: number;

  @ApiPropertyOptional({ default: 24, minimum: 1, maximum: 100 })
  @IsOptional()
  @Transform(integer)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class SuggestQueryDto {
  @ApiProperty({ example: 'mat o', description: 'What has been typed so far, with or without diacritics' })
  @IsString()
  @MaxLength(100)
  q: string;
}

export class SearchSellerDto {
  @ApiProperty({ example: 'Hợp tác xã Nông sản Đông Kinh' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'htx-nong-san-dong-kinh' })
  slug: string | null;
}

export class SearchCommuneDto {
  @ApiProperty({ example: '06325' })
  code: string;

  @ApiProperty({ example: 'Xã Bắc Sơn' })
  name: string;
}

export class SearchItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'mat-ong-rung-bac-son' })
  slug: string;

  @ApiProperty({ example: 'Mật ong rừng Bắc Sơn' })
  name: string;

  @ApiProperty({ example: 'mat-ong' })
  categoryCode: string;

  @ApiProperty({ description: 'Cheapest active variant, whole đồng', example: 250000 })
  listPrice: number;

  @ApiProperty({ type: Number, nullable: true, enum: STARS, description: 'Verified, unexpired OCOP stars' })
  stars: number | null;

  @ApiProperty({ type: SearchSellerDto })
  seller: SearchSellerDto;

  @ApiProperty({ type: SearchCommuneDto, nullable: true })
  commune: SearchCommuneDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'First product image' })
  imageUrl: string | null;
}

export class CategoryFacetDto {
  @ApiProperty({ example: 'mat-ong' })
  code: string;

  @ApiProperty({ example: 'Mật ong' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'nong-dac-san' })
  parentCode: string | null;

  @ApiProperty({ description: 'Matching products, subcategories included' })
  count: number;
}

export class StarsFacetDto {
  @ApiProperty({ enum: STARS })
  stars: number;

  @ApiProperty()
  count: number;
}

export class NamedFacetDto {
  @ApiProperty({ example: '06325' })
  code: string;

  @ApiProperty({ example: 'Xã Bắc Sơn' })
  name: string;

  @ApiProperty()
  count: number;
}

export class PriceBandFacetDto {
  @ApiProperty({ example: '100k_200k' })
  code: string;

  @ApiProperty({ example: '100.000 – 200.000 ₫' })
  label: string;

  @ApiProperty({ description: 'Use as priceMin' })
  min: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Use as priceMax; null for the open top band' })
  max: number | null;

  @ApiProperty()
  count: number;
}

export class SearchFacetsDto {
  @ApiProperty({ type: [CategoryFacetDto] })
  categories: CategoryFacetDto[];

  @ApiProperty({ type: [StarsFacetDto] })
  stars: StarsFacetDto[];

  @ApiProperty({ type: [NamedFacetDto] })
  communes: NamedFacetDto[];

  @ApiProperty({ type: [PriceBandFacetDto] })
  priceBands: PriceBandFacetDto[];

  @ApiProperty({ type: [NamedFacetDto] })
  certificates: NamedFacetDto[];
}

export class SearchPageDto {
  @ApiProperty({ type: [SearchItemDto] })
  items: SearchItemDto[];

  @ApiProperty({ description: 'Products matching the query and the filters' })
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ type: SearchFacetsDto, description: 'Counts over everything that matched the query and all filters' })
  facets: SearchFacetsDto;
}

export const SUGGESTION_TYPES = ['product', 'category', 'commune'] as const;

export class SuggestionDto {
  @ApiProperty({ enum: SUGGESTION_TYPES })
  type: (typeof SUGGESTION_TYPES)[number];

  @ApiProperty({ example: 'Mật ong rừng Bắc Sơn' })
  label: string;

  @ApiProperty({ description: 'Product slug, category code or commune code', example: 'mat-ong-rung-bac-son' })
  value: string;
}
