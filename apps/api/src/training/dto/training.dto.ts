import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { PARTICIPANT_TYPES, type ParticipantType } from '../participant-types.js';
import { IMPORT_STATUSES, type ImportStatus } from '../training-import.entity.js';
import { GENDERS, type Gender } from '../training-participation.entity.js';
import { TRAINING_FORMATS, type TrainingFormat } from '../training-event.entity.js';

const COMMUNE_CODE = /^\d{5}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateTrainingEventDto {
  @ApiProperty({ example: 'Tập huấn kỹ năng bán hàng trên sàn thương mại điện tử cho hợp tác xã' })
  @IsString()
  @Length(3, 300)
  title: string;

  @ApiProperty({ example: 'Sở Công Thương tỉnh Lạng Sơn' })
  @IsString()
  @Length(2, 300)
  organiser: string;

  @ApiPropertyOptional({ example: '06253', description: 'Commune or ward of the home province where it is held' })
  @IsOptional()
  @Matches(COMMUNE_CODE, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'Hội trường UBND xã Văn Quan' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string;

  @ApiProperty({ example: '2026-04-10T01:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt: string;

  @ApiProperty({ example: '2026-04-10T09:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt: string;

  @ApiProperty({ enum: TRAINING_FORMATS })
  @IsIn(TRAINING_FORMATS)
  format: TrainingFormat;

  @ApiProperty({ example: 'Kỹ năng bán hàng trực tuyến, thanh toán không dùng tiền mặt' })
  @IsString()
  @Length(2, 300)
  topic: string;

  @ApiPropertyOptional({ enum: PARTICIPANT_TYPES, isArray: true, description: 'Whom the event is for' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PARTICIPANT_TYPES.length)
  @IsIn(PARTICIPANT_TYPES, { each: true })
  audience?: ParticipantType[];
}

export class TrainingEventListQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (inclusive), Vietnam time' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day (inclusive), Vietnam time' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date written YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ example: '06253' })
  @IsOptional()
  @Matches(COMMUNE_CODE, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;
}

export class CommuneRefDto {
  @ApiProperty({ example: '06253' })
  code: string;

  @ApiProperty({ example: 'Xã Văn Quan' })
  name: string;
}

export class TrainingEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  organiser: string;

  @ApiProperty({ example: '20' })
  provinceCode: string;

  @ApiProperty({ type: CommuneRefDto, nullable: true })
  commune: CommuneRefDto | null;

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  endsAt: string;

  @ApiProperty({ enum: TRAINING_FORMATS })
  format: TrainingFormat;

  @ApiProperty()
  topic: string;

  @ApiProperty({ enum: PARTICIPANT_TYPES, isArray: true })
  audience: ParticipantType[];

  @ApiProperty({ description: 'Participations counted (attended)' })
  participations: number;

  @ApiProperty({ description: 'Registered but absent' })
  absent: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class AddParticipantDto {
  @ApiProperty({ example: 'Nông Thị Lan' })
  @IsString()
  @Length(2, 120)
  participantName: string;

  @ApiProperty({ enum: PARTICIPANT_TYPES })
  @IsIn(PARTICIPANT_TYPES)
  participantType: ParticipantType;

  @ApiPropertyOptional({ format: 'uuid', description: 'The participant’s organisation on the platform' })
  @IsOptional()
  @IsUUID('4')
  organisationId?: string;

  @ApiPropertyOptional({
    example: '4900238521',
    description: 'Links to the platform organisation that has this tax code',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  organisationTaxCode?: string;

  @ApiPropertyOptional({ example: 'Hợp tác xã Hồi Văn Quan' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  organisationName?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  attended?: boolean;
}

export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class ParticipationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty()
  participantName: string;

  @ApiProperty({ enum: PARTICIPANT_TYPES })
  participantType: ParticipantType;

  @ApiProperty({ type: OrganisationRefDto, nullable: true })
  organisation: OrganisationRefDto | null;

  @ApiProperty({ type: String, nullable: true })
  organisationName: string | null;

  @ApiProperty({ type: String, nullable: true })
  organisationTaxCode: string | null;

  @ApiProperty({ enum: GENDERS, nullable: true })
  gender: Gender | null;

  @ApiProperty({ type: String, nullable: true, example: '+84912345678' })
  phone: string | null;

  @ApiProperty()
  attended: boolean;

  @ApiProperty({ enum: ['manual', 'import'] })
  source: 'manual' | 'import';

  @ApiProperty({ type: Number, nullable: true, description: 'Row of the imported file it came from' })
  sourceRow: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ImportErrorDto {
  @ApiPropertyOptional({ example: 7, description: 'Row number as the spreadsheet shows it' })
  row?: number;

  @ApiPropertyOptional({ example: 'phone' })
  field?: string;

  @ApiProperty()
  message: string;
}

export class TrainingImportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty({ enum: ['csv', 'xlsx'] })
  fileType: 'csv' | 'xlsx';

  @ApiProperty({ enum: IMPORT_STATUSES })
  status: ImportStatus;

  @ApiProperty({ description: 'Rows to write' })
  total: number;

  @ApiProperty({ description: 'Rows written so far (committed only when the status is succeeded)' })
  processed: number;

  @ApiProperty({ description: 'New participations' })
  inserted: number;

  @ApiProperty({ description: 'Rows already recorded for the event, or repeated in the file' })
  skippedDuplicates: number;

  @ApiProperty({ type: [ImportErrorDto] })
  errors: ImportErrorDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
}

export class AttendanceColumnDto {
  @ApiProperty({ example: 'phone' })
  field: string;

  @ApiProperty()
  required: boolean;

  @ApiProperty({ type: [String], example: ['Số điện thoại', 'Điện thoại', 'SĐT', 'Phone'] })
  headers: string[];

  @ApiProperty()
  description: string;
}

export class AttendanceFormatDto {
  @ApiProperty({ type: [AttendanceColumnDto] })
  columns: AttendanceColumnDto[];

  @ApiProperty({ example: ['.xlsx', '.csv'] })
  fileTypes: string[];

  @ApiProperty({ example: 5242880 })
  maxBytes: number;

  @ApiProperty({ example: 5000 })
  maxRows: number;

  @ApiProperty({ description: 'What happens to a file with invalid rows, and to rows already imported' })
  rules: string;
}

export class TrainingSummaryQueryDto extends TrainingEventListQueryDto {}

export class TrainingStatsDto {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Exclusive' })
  to: string;

  @ApiProperty({ type: String, nullable: true })
  communeCode: string | null;

  @ApiProperty()
  events: number;

  @ApiProperty({ type: Object, example: { offline: 3, online: 1, hybrid: 0 } })
  eventsByFormat: Record<string, number>;

  @ApiProperty({ type: Object, description: 'Events whose audience includes each type' })
  eventsByAudience: Record<string, number>;

  @ApiProperty({ description: 'Participations ("lượt") of people who attended' })
  participations: number;

  @ApiProperty()
  registeredNotAttended: number;

  @ApiProperty({ type: Object, example: { official: 12, cooperative_member: 30 } })
  byParticipantType: Record<string, number>;

  @ApiProperty({ type: Object, example: { female: 20, male: 21, other: 0, unknown: 1 } })
  byGender: Record<string, number>;

  @ApiProperty({ description: 'People counted once (by phone, else by name)' })
  distinctPeople: number;

  @ApiProperty({ type: Object })
  distinctPeopleByType: Record<string, number>;

  @ApiProperty({ description: 'Platform organisations with at least one participant' })
  organisationsReached: number;
}
