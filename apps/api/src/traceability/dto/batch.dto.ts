import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../catalog/dto/validators.js';
import {
  LOT_PATTERN,
  MAX_EVIDENCE_PER_EVENT,
  MAX_MATERIALS_PER_EVENT,
  TRACE_EVENT_KINDS,
  TRACE_STANDARDS,
  TRACE_UNITS,
  type TraceEventKind,
  type TraceStandard,
  type TraceUnit,
} from '../trace.constants.js';

const COMMUNE_CODE = /^\d{5}$/;
/** Whole thousandths at most: the database keeps numeric(14, 3), and the hash is of what it keeps. */
const QUANTITY = { maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false };
const MAX_QUANTITY = 99_999_999_999;

export class StandardDto {
  @ApiProperty({ enum: TRACE_STANDARDS, example: 'vietgap' })
  @IsIn(TRACE_STANDARDS, { message: `code must be one of ${TRACE_STANDARDS.join(', ')}` })
  code: TraceStandard;

  @ApiPropertyOptional({
    example: 'VietGAP-TT-19-07-20-0012',
    description: 'Certificate or standard number, e.g. TCVN 5365:2007',
  })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  reference?: string;
}

export class CreateBatchDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  productId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The packaged variant this lot is for; its GTIN (if any) goes into the GS1 Digital Link. Without it, the ' +
      'product’s GTIN is used when all its variants share one.',
  })
  @IsOptional()
  @IsUUID('4')
  variantId?: string;

  @ApiPropertyOptional({
    example: 'HOI-2026/03',
    description:
      'Batch (lot) code as printed, GS1 AI 10: up to 20 letters, digits, . _ / -. Generated from the date when left out.',
  })
  @IsOptional()
  @Matches(LOT_PATTERN, {
    message: 'lot must be 1–20 letters, digits, dots, underscores, slashes or dashes, starting with a letter or digit',
  })
  lot?: string;

  @ApiPropertyOptional({
    example: '2026-03-10',
    description: 'Harvest date (YYYY-MM-DD); this or producedOn is required',
  })
  @ValidateIf((batch: CreateBatchDto) => batch.harvestedOn !== undefined || batch.producedOn === undefined)
  @IsCalendarDate({ message: 'harvestedOn or producedOn must be a date written YYYY-MM-DD' })
  harvestedOn?: string;

  @ApiPropertyOptional({ example: '2026-03-15', description: 'Production (processing) date, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  producedOn?: string;

  @ApiPropertyOptional({ example: '2027-03-15', description: 'Expiry (hạn sử dụng), YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string;

  @ApiProperty({ example: 500 })
  @IsNumber(QUANTITY, { message: 'quantity must be a number with at most 3 decimals' })
  @Min(0.001)
  @Max(MAX_QUANTITY)
  quantity: number;

  @ApiProperty({ enum: TRACE_UNITS, example: 'kg' })
  @IsIn(TRACE_UNITS, { message: `unit must be one of ${TRACE_UNITS.join(', ')}` })
  unit: TraceUnit;

  @ApiProperty({ example: '06253', description: 'Commune of origin (post-2025 5-digit code)' })
  @Matches(COMMUNE_CODE, { message: 'originCommuneCode must be a 5-digit commune code' })
  originCommuneCode: string;

  @ApiPropertyOptional({
    example: 'LS-VQ-HOI-0012',
    description: 'Mã số vùng trồng issued by the plant protection authority',
  })
  @IsOptional()
  @IsString()
  @Length(2, 40)
  growingAreaCode?: string;

  @ApiPropertyOptional({ type: [StandardDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => StandardDto)
  standards?: StandardDto[];

  @ApiPropertyOptional({ example: 'Hồi vụ xuân, phơi nắng tự nhiên' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class MaterialDto {
  @ApiProperty({ example: 'Hoa hồi tươi' })
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ example: 520 })
  @IsNumber(QUANTITY, { message: 'quantity must be a number with at most 3 decimals' })
  @Min(0.001)
  @Max(MAX_QUANTITY)
  quantity: number;

  @ApiProperty({ enum: TRACE_UNITS })
  @IsIn(TRACE_UNITS, { message: `unit must be one of ${TRACE_UNITS.join(', ')}` })
  unit: TraceUnit;
}

export class CreateTraceEventDto {
  @ApiProperty({ enum: TRACE_EVENT_KINDS })
  @IsIn(TRACE_EVENT_KINDS, { message: `kind must be one of ${TRACE_EVENT_KINDS.join(', ')}` })
  kind: TraceEventKind;

  @ApiProperty({ example: '2026-03-10T07:30:00+07:00', description: 'When it happened (ISO 8601 with an offset)' })
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO 8601 date-time' })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'occurredAt must be a date-time with a time zone offset' })
  occurredAt: string;

  @ApiPropertyOptional({ example: '06253', description: 'Commune where it happened' })
  @IsOptional()
  @Matches(COMMUNE_CODE, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'Vườn hồi thôn Nà Làng' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  placeName?: string;

  @ApiProperty({ example: 'Tổ thu hái HTX Nông sản Đông Kinh', description: 'Who did it (person, team or unit)' })
  @IsString()
  @Length(2, 200)
  actorName: string;

  @ApiPropertyOptional({ type: [MaterialDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MATERIALS_PER_EVENT)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  inputs?: MaterialDto[];

  @ApiPropertyOptional({ type: [MaterialDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MATERIALS_PER_EVENT)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  outputs?: MaterialDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Ids of evidence photos uploaded first with POST /api/seller/batches/{id}/evidence',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_PER_EVENT)
  @IsUUID('4', { each: true })
  evidencePhotoIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The earlier event of this batch that this one corrects' })
  @IsOptional()
  @IsUUID('4')
  correctsEventId?: string;
}

export class SetOrderLineBatchDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The batch the line was packed from; null clears it',
  })
  @ValidateIf((_body, value) => value !== null)
  @IsUUID('4')
  batchId: string | null;
}

export class BatchListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  productId?: string;
}

export const LABEL_SIZES = ['50x30', '40x40', '70x50'] as const;
export type LabelSize = (typeof LABEL_SIZES)[number];

export class LabelSheetQueryDto {
  @ApiPropertyOptional({ enum: LABEL_SIZES, default: '50x30', description: 'Sticker size in millimetres' })
  @IsOptional()
  @IsIn(LABEL_SIZES, { message: `size must be one of ${LABEL_SIZES.join(', ')}` })
  size?: LabelSize;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'How many labels; a full A4 sheet when left out' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 0 }, { message: 'count must be a whole number' })
  @Min(1)
  @Max(1000)
  count?: number;
}

export class QrQueryDto {
  @ApiPropertyOptional({ minimum: 128, maximum: 2048, default: 512, description: 'PNG width in pixels' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 0 }, { message: 'size must be a whole number of pixels' })
  @Min(128)
  @Max(2048)
  size?: number;
}

export class ScanLocationDto {
  @ApiProperty({ example: 21.85 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude: number;

  @ApiProperty({ example: 106.76 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude: number;
}

export class ScanStatsQueryDto {
  @ApiProperty({ example: '2026-01-01T00:00:00+07:00' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2027-01-01T00:00:00+07:00', description: 'Exclusive' })
  @IsISO8601({ strict: true })
  to: string;
}
