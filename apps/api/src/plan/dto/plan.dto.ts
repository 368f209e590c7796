import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  KPI_DIRECTIONS,
  KPI_GROUPS,
  KPI_METHODS,
  KPI_UNITS,
  type KpiDirection,
  type KpiMethod,
  type KpiUnit,
} from '../kpi-catalogue.js';
import type { Comparison, TargetBasis } from '../plan-presets.js';

export const COMPARISONS: readonly Comparison[] = ['>=', '>', '<=', '<'];
export const TARGET_BASES: readonly TargetBasis[] = ['at_year', 'cumulative', 'each_year'];

export class KpiNeedDto {
  @ApiProperty({ example: 'organisations' })
  source: string;

  @ApiProperty()
  detail: string;
}

export class KpiFilterDto {
  @ApiPropertyOptional({ type: [String], description: 'Only participations of these participant types count' })
  participantTypes?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Only events whose audience includes one of these types count' })
  eventAudience?: string[];
}

/** A KPI as the catalogue (or a plan's custom KPI) defines it. */
export class KpiDto {
  @ApiProperty({ example: 'sellers.active_share_cooperatives' })
  id: string;

  @ApiProperty({ type: [String], example: ['K-03'], description: 'Ids in §2 of plans-and-kpis.md' })
  catalogueRefs: string[];

  @ApiProperty({ enum: [...KPI_GROUPS, 'custom'] })
  group: string;

  @ApiProperty({ example: 'Tỷ lệ hợp tác xã kinh doanh trên nền tảng thương mại điện tử' })
  nameVi: string;

  @ApiProperty({ type: String, nullable: true })
  nameEn: string | null;

  @ApiProperty({ enum: KPI_UNITS })
  unit: KpiUnit;

  @ApiProperty({ enum: KPI_DIRECTIONS })
  direction: KpiDirection;

  @ApiProperty({ enum: KPI_METHODS })
  method: KpiMethod;

  @ApiProperty({
    type: [String],
    description: 'External figures the value needs (for recorded KPIs, the KPI id itself)',
  })
  figureKeys: string[];

  @ApiProperty({ type: String, nullable: true })
  definition: string | null;

  @ApiProperty({ description: 'The platform sees only its own slice of a province-wide indicator' })
  platformScoped: boolean;

  @ApiProperty({ type: [KpiNeedDto] })
  needs: KpiNeedDto[];

  @ApiPropertyOptional({ type: KpiFilterDto })
  filter?: KpiFilterDto;

  @ApiPropertyOptional({ description: 'Parameters a target may set, with their defaults', example: { withinDays: 15 } })
  defaultParams?: Record<string, number>;

  @ApiProperty({ enum: TARGET_BASES })
  defaultBasis: TargetBasis;

  @ApiProperty()
  isCustom: boolean;
}

export class FigureDefinitionDto {
  @ApiProperty({ example: 'cooperatives_registered' })
  key: string;

  @ApiProperty({ enum: ['denominator', 'recorded_value'] })
  kind: 'denominator' | 'recorded_value';

  @ApiProperty()
  nameVi: string;

  @ApiProperty({ type: String, nullable: true })
  nameEn: string | null;

  @ApiProperty({ example: 'count' })
  unit: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: [String], description: 'KPIs that need this figure' })
  neededBy: string[];
}

export class TargetParamsDto {
  @ApiPropertyOptional({ example: 15, description: 'complaints.resolved_within_days: the time limit in days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  withinDays?: number;
}

export class TargetDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'payments.non_cash_share_by_count' })
  kpiId: string;

  @ApiProperty({ type: KpiDto })
  kpi: KpiDto;

  @ApiProperty({ enum: COMPARISONS })
  comparison: Comparison;

  @ApiProperty({ example: 80 })
  targetValue: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The more ambitious end of a range the plan gives' })
  stretchValue: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Null: the end of the plan period' })
  targetYear: number | null;

  @ApiProperty({ description: 'targetYear, or the last year of the period when the plan gives none' })
  effectiveYear: number;

  @ApiProperty({ enum: TARGET_BASES })
  basis: TargetBasis;

  @ApiProperty({ type: String, nullable: true, example: 'Thanh toán không dùng tiền mặt trong TMĐT đạt 80%.' })
  citation: string | null;

  @ApiProperty({ type: String, nullable: true, example: '[LS L25]' })
  reference: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: TargetParamsDto })
  params: TargetParamsDto;

  @ApiProperty({ type: String, nullable: true, example: 'LS-6/count' })
  presetKey: string | null;

  @ApiProperty()
  isPreset: boolean;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  updatedBy: string | null;
}

export class PlanSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'LS-2026-2030' })
  presetKey: string | null;

  @ApiProperty({ example: '20' })
  provinceCode: string;

  @ApiProperty({ example: 'Lạng Sơn' })
  provinceName: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 2026 })
  periodStartYear: number;

  @ApiProperty({ example: 2030 })
  periodEndYear: number;

  @ApiProperty()
  sourceDocument: string;

  @ApiProperty()
  isPreset: boolean;

  @ApiProperty({ description: 'The plan the province follows now (one per province)' })
  active: boolean;

  @ApiProperty({ description: 'Officers of this deployment can edit it (its province is the home province)' })
  editable: boolean;

  @ApiProperty()
  targetCount: number;
}

export class PlanDto extends PlanSummaryDto {
  @ApiProperty({ type: [TargetDto] })
  targets: TargetDto[];

  @ApiProperty({ type: [KpiDto] })
  customKpis: KpiDto[];
}

export class PlanListQueryDto {
  @ApiPropertyOptional({ example: '20' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

export class CustomKpiInputDto {
  @ApiProperty({
    example: 'custom.livestream_sessions',
    description: '`custom.` then lower-case letters, digits, underscores',
  })
  @Matches(/^custom\.[a-z0-9][a-z0-9_]{1,60}$/, {
    message: 'id must be custom. followed by lower-case letters, digits or _',
  })
  id: string;

  @ApiProperty({ example: 'Số phiên livestream bán hàng OCOP' })
  @IsString()
  @Length(3, 300)
  nameVi: string;

  @ApiPropertyOptional({ example: 'OCOP livestream selling sessions' })
  @IsOptional()
  @IsString()
  @Length(3, 300)
  nameEn?: string;

  @ApiProperty({ enum: KPI_UNITS })
  @IsIn(KPI_UNITS)
  unit: KpiUnit;

  @ApiProperty({ enum: KPI_DIRECTIONS })
  @IsIn(KPI_DIRECTIONS)
  direction: KpiDirection;

  @ApiPropertyOptional({ description: 'How the value is counted, for whoever records it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  definition?: string;
}

/** A new target: for a catalogue KPI (`kpiId`), a custom KPI the plan already has, or a new one (`customKpi`). */
export class AddTargetDto {
  @ApiPropertyOptional({ example: 'complaints.resolved_within_days' })
  @ValidateIf((o: AddTargetDto) => o.customKpi === undefined)
  @IsString()
  @Length(3, 80)
  kpiId?: string;

  @ApiPropertyOptional({ type: CustomKpiInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomKpiInputDto)
  customKpi?: CustomKpiInputDto;

  @ApiProperty({ enum: COMPARISONS })
  @IsIn(COMPARISONS)
  comparison: Comparison;

  @ApiProperty({ example: 90 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  targetValue: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  stretchValue?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 2028 })
  @IsOptional()
  @IsInt()
  targetYear?: number | null;

  @ApiPropertyOptional({ enum: TARGET_BASES, description: 'Defaults to the KPI’s usual basis' })
  @IsOptional()
  @IsIn(TARGET_BASES)
  basis?: TargetBasis;

  @ApiPropertyOptional({ description: 'The plan’s words, in Vietnamese' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  citation?: string;

  @ApiPropertyOptional({ example: 'Mục II.2.b' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: TargetParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TargetParamsDto)
  params?: TargetParamsDto;
}

export class UpdateTargetDto {
  @ApiPropertyOptional({ example: 85 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  targetValue?: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  stretchValue?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Null: the end of the plan period' })
  @IsOptional()
  @IsInt()
  targetYear?: number | null;

  @ApiPropertyOptional({ enum: COMPARISONS })
  @IsOptional()
  @IsIn(COMPARISONS)
  comparison?: Comparison;

  @ApiPropertyOptional({ enum: TARGET_BASES })
  @IsOptional()
  @IsIn(TARGET_BASES)
  basis?: TargetBasis;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({ type: TargetParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TargetParamsDto)
  params?: TargetParamsDto;
}

export class TargetChangeDto {
  @ApiProperty({ enum: ['created', 'updated', 'archived'] })
  action: string;

  @ApiProperty({ type: Object, nullable: true })
  before: Record<string, unknown> | null;

  @ApiProperty({ type: Object, nullable: true })
  after: Record<string, unknown> | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorUserId: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorName: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class YearQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year: number;
}

export class MissingFigureDto extends FigureDefinitionDto {}

export class KpiMissingFiguresDto {
  @ApiProperty({ example: 'sellers.active_share_cooperatives' })
  kpiId: string;

  @ApiProperty()
  kpiNameVi: string;

  @ApiProperty({ type: [String], example: ['cooperatives_registered'] })
  missing: string[];
}

export class MissingFiguresDto {
  @ApiProperty({ format: 'uuid' })
  planId: string;

  @ApiProperty({ example: '20' })
  provinceCode: string;

  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ description: 'Every figure the plan’s targets need for this year has been entered' })
  complete: boolean;

  @ApiProperty({ type: [MissingFigureDto] })
  missing: MissingFigureDto[];

  @ApiProperty({ type: [KpiMissingFiguresDto], description: 'The same, per KPI' })
  byKpi: KpiMissingFiguresDto[];
}
