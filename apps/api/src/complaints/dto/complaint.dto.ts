import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintStatus,
} from '../complaint.entity.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** What a consumer submits. A phone number or an email is needed to answer them. */
export class SubmitComplaintDto {
  @ApiProperty({ example: 'Trần Thị Mai' })
  @Transform(trim)
  @IsString()
  @Length(2, 120)
  consumerName: string;

  @ApiPropertyOptional({ example: '0987654321' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  consumerPhone?: string;

  @ApiPropertyOptional({ example: 'mai.tran@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'consumerEmail must be a valid email address' })
  consumerEmail?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The seller on the platform the complaint is about' })
  @IsOptional()
  @IsUUID('4')
  organisationId?: string;

  @ApiPropertyOptional({ example: 'Gian hàng Mật ong Bắc Sơn', description: 'The seller as the consumer knows it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  sellerName?: string;

  @ApiPropertyOptional({ example: 'DH2026-000123' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 60)
  orderReference?: string;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES })
  @IsIn(COMPLAINT_CATEGORIES)
  category: ComplaintCategory;

  @ApiProperty({ example: 'Hồi khô nhận được bị mốc, người bán không trả lời tin nhắn.' })
  @Transform(trim)
  @IsString()
  @Length(10, 5000)
  description: string;
}

/** A complaint an officer takes by phone, email, in person or by letter, and types in. */
export class RecordComplaintDto extends SubmitComplaintDto {
  @ApiProperty({ enum: COMPLAINT_CHANNELS })
  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;

  @ApiPropertyOptional({ example: '2026-04-02T03:15:00Z', description: 'When it was received; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 date-time' })
  receivedAt?: string;
}

export class ComplaintReceiptDto {
  @ApiProperty({ example: 'KN2026-000042' })
  code: string;

  @ApiProperty({ enum: COMPLAINT_STATUSES })
  status: ComplaintStatus;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The answer, once resolved or rejected' })
  resolution: string | null;
}

export class TrackComplaintQueryDto {
  @ApiProperty({ example: 'KN2026-000042' })
  @Transform(trim)
  @Matches(/^KN\d{4}-\d{6}$/i, { message: 'code must look like KN2026-000042' })
  code: string;

  @ApiProperty({ example: '0987654321', description: 'The phone number or email given with the complaint' })
  @IsString()
  @Length(3, 254)
  contact: string;
}

export class TransitionComplaintDto {
  @ApiProperty({ enum: ['in_progress', 'resolved', 'rejected'] })
  @IsIn(['in_progress', 'resolved', 'rejected'])
  status: Exclude<ComplaintStatus, 'received'>;

  @ApiPropertyOptional({
    example: 'Người bán đã hoàn tiền 250.000 đồng cho khách.',
    description: 'Required to resolve (the resolution), reject or reopen',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

export class ComplaintListQueryDto {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORIES })
  @IsOptional()
  @IsIn(COMPLAINT_CATEGORIES)
  category?: ComplaintCategory;

  @ApiPropertyOptional({ enum: COMPLAINT_CHANNELS })
  @IsOptional()
  @IsIn(COMPLAINT_CHANNELS)
  channel?: ComplaintChannel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  organisationId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Received on or after this day (Vietnam time)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Received on or before this day (Vietnam time)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date written YYYY-MM-DD' })
  to?: string;
}

export class ComplaintStatsQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date written YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ example: 15, default: 15 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  withinDays?: number;

  @ApiPropertyOptional({ example: '06253', description: 'Complaints about sellers based in this commune' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;
}

export class RefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class ComplaintDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'KN2026-000042' })
  code: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ enum: COMPLAINT_CHANNELS })
  channel: ComplaintChannel;

  @ApiProperty()
  consumerName: string;

  @ApiProperty({ type: String, nullable: true })
  consumerPhone: string | null;

  @ApiProperty({ type: String, nullable: true })
  consumerEmail: string | null;

  @ApiProperty({ type: RefDto, nullable: true })
  organisation: RefDto | null;

  @ApiProperty({ type: String, nullable: true })
  sellerName: string | null;

  @ApiProperty({ type: String, nullable: true })
  orderReference: string | null;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES })
  category: ComplaintCategory;

  @ApiProperty()
  description: string;

  @ApiProperty({ enum: COMPLAINT_STATUSES })
  status: ComplaintStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolution: string | null;

  @ApiProperty({ type: RefDto, nullable: true, description: 'The officer who acted on it last' })
  handledBy: RefDto | null;

  @ApiProperty({ type: Number, nullable: true, description: 'resolvedAt − receivedAt in days (two decimals)' })
  daysToResolve: number | null;

  @ApiProperty({ description: 'Days since it was received, for open complaints; until resolution otherwise' })
  ageDays: number;
}

export class ComplaintStatusChangeDto {
  @ApiProperty({ enum: COMPLAINT_STATUSES, nullable: true })
  fromStatus: ComplaintStatus | null;

  @ApiProperty({ enum: COMPLAINT_STATUSES })
  toStatus: ComplaintStatus;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorUserId: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorName: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class ComplaintDetailDto extends ComplaintDto {
  @ApiProperty({ type: [ComplaintStatusChangeDto] })
  history: ComplaintStatusChangeDto[];
}

export class RatioDto {
  @ApiProperty()
  numerator: number;

  @ApiProperty()
  denominator: number;
}

export class ComplaintStatsDto {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Exclusive' })
  to: string;

  @ApiProperty({ example: 15 })
  withinDays: number;

  @ApiProperty({ description: 'Complaints received in the period' })
  received: number;

  @ApiProperty({ type: Object, example: { received: 1, in_progress: 2, resolved: 5, rejected: 1 } })
  byStatus: Record<string, number>;

  @ApiProperty({ type: Object })
  byCategory: Record<string, number>;

  @ApiProperty({ description: 'Still received or in progress' })
  open: number;

  @ApiProperty({ type: RatioDto, description: 'Resolved, over received minus rejected' })
  resolvedShare: RatioDto;

  @ApiProperty({ type: RatioDto, description: 'Resolved within withinDays of receipt, over received minus rejected' })
  resolvedWithinDays: RatioDto;

  @ApiProperty({ type: Number, nullable: true })
  averageDaysToResolve: number | null;

  @ApiProperty({ type: Number, nullable: true })
  medianDaysToResolve: number | null;

  @ApiProperty({ description: 'Complaints resolved during the period, whenever received (workload)' })
  resolvedDuringPeriod: number;
}
