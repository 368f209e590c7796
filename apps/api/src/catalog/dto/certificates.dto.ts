import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  OCOP_CERTIFICATE_STATUSES,
  OCOP_ISSUING_LEVELS,
  OCOP_STARS,
  type OcopCertificateStatus,
  type OcopIssuingLevel,
  QUALITY_CERTIFICATE_KINDS,
  type QualityCertificateKind,
} from '../catalog.constants.js';
import { IsCalendarDate, QueryNumber } from './validators.js';

const CERTIFICATE_NUMBER_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ./_\-–]{1,79}$/u;

export class PutOcopCertificateDto {
  @ApiProperty({ enum: OCOP_STARS, example: 4 })
  @IsInt({ message: 'stars must be 3, 4 or 5' })
  @IsIn(OCOP_STARS, { message: 'stars must be 3, 4 or 5' })
  stars: number;

  @ApiProperty({ example: '2567/QĐ-UBND', description: 'Number of the recognition decision or certificate' })
  @Matches(CERTIFICATE_NUMBER_PATTERN, {
    message: 'certificateNumber must be 2–80 letters, digits, spaces, dots, slashes or dashes',
  })
  certificateNumber: string;

  @ApiProperty({
    enum: OCOP_ISSUING_LEVELS,
    description: '3–4 stars are recognised by the province, 5 stars centrally',
  })
  @IsIn(OCOP_ISSUING_LEVELS, { message: `issuingLevel must be one of ${OCOP_ISSUING_LEVELS.join(', ')}` })
  issuingLevel: OcopIssuingLevel;

  @ApiPropertyOptional({ example: 'UBND tỉnh Lạng Sơn' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  issuingAuthority?: string;

  @ApiProperty({ example: '2025-03-18', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  issuedOn: string;

  @ApiProperty({ example: '2028-03-18', description: 'YYYY-MM-DD, after issuedOn; OCOP ratings last 36 months' })
  @IsCalendarDate()
  expiresOn: string;
}

export class OcopCertificateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: OCOP_STARS })
  stars: number;

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

  @ApiProperty({ description: 'Past its expiry date (in Vietnam)' })
  expired: boolean;

  @ApiProperty({ description: 'A scanned document is attached' })
  hasDocument: boolean;

  @ApiProperty({ enum: OCOP_CERTIFICATE_STATUSES })
  status: OcopCertificateStatus;

  @ApiProperty({ type: String, nullable: true })
  rejectionReason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class OcopReviewQueryDto {
  @ApiPropertyOptional({ enum: OCOP_CERTIFICATE_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(OCOP_CERTIFICATE_STATUSES)
  status?: OcopCertificateStatus;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class RejectOcopCertificateDto {
  @ApiProperty({ example: 'Số quyết định không khớp với bản scan; đề nghị tải lại bản rõ nét.' })
  @IsString()
  @Length(5, 1000, { message: 'reason must say in 5 to 1000 characters what the seller has to fix' })
  reason: string;
}

export class ReviewProductRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  status: string;
}

export class ReviewOrganisationRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  communeCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  communeName: string | null;
}

export class OcopReviewItemDto extends OcopCertificateDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where an officer downloads the scan (needs the bearer token)',
  })
  documentUrl: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the seller submitted or last changed it' })
  submittedAt: string;

  @ApiProperty({ type: ReviewProductRefDto })
  product: ReviewProductRefDto;

  @ApiProperty({ type: ReviewOrganisationRefDto })
  organisation: ReviewOrganisationRefDto;
}

export class OcopReviewPageDto {
  @ApiProperty({ type: [OcopReviewItemDto] })
  items: OcopReviewItemDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class QualityCertificateInputDto {
  @ApiProperty({ enum: QUALITY_CERTIFICATE_KINDS })
  @IsIn(QUALITY_CERTIFICATE_KINDS, { message: `kind must be one of ${QUALITY_CERTIFICATE_KINDS.join(', ')}` })
  kind: QualityCertificateKind;

  @ApiProperty({ example: 'VietGAP-TT-13-29-20-0045' })
  @Matches(CERTIFICATE_NUMBER_PATTERN, {
    message: 'certificateNumber must be 2–80 letters, digits, spaces, dots, slashes or dashes',
  })
  certificateNumber: string;

  @ApiPropertyOptional({ example: 'Trung tâm Chứng nhận Phù hợp (QUACERT)' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  issuer?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2025-05-02' })
  @IsOptional()
  @IsCalendarDate()
  issuedOn?: string | null;

  @ApiProperty({ example: '2028-05-01' })
  @IsCalendarDate()
  expiresOn: string;
}

export class QualityCertificateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: QUALITY_CERTIFICATE_KINDS })
  kind: QualityCertificateKind;

  @ApiProperty()
  certificateNumber: string;

  @ApiProperty()
  issuer: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  issuedOn: string | null;

  @ApiProperty({ format: 'date' })
  expiresOn: string;

  @ApiProperty()
  expired: boolean;
}
