import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
const PERIOD_MESSAGE = 'period must be a year (2026), a quarter (2026-Q3) or a month (2026-11)';

export class PeriodQueryDto {
  @ApiPropertyOptional({
    example: '2026-Q3',
    description: 'A year, a quarter or a month in Vietnam time; the current year by default',
  })
  @IsOptional()
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period?: string;
}

export class CommunePeriodQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({
    example: '06046',
    description: 'A commune of the home province; the whole province by default',
  })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'commune must be a 5-digit commune code' })
  commune?: string;
}

export class DashboardQueryDto extends CommunePeriodQueryDto {
  @ApiPropertyOptional({ description: 'The plan; the active plan of the home province by default' })
  @IsOptional()
  @IsUUID('4')
  planId?: string;
}

export class StartReportDto {
  @ApiProperty()
  @IsUUID('4')
  planId: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year: number;
}

export class BilingualTextDto {
  @ApiProperty()
  vi: string;

  @ApiProperty()
  en: string;
}

export class TrendPointDto {
  @ApiProperty({ example: '2025' })
  period: string;

  @ApiProperty({ type: Number, nullable: true })
  value: number | null;

  @ApiProperty({ type: Number, nullable: true })
  numerator: number | null;

  @ApiProperty({ type: Number, nullable: true })
  denominator: number | null;
}

export class DashboardKpiDto {
  @ApiProperty()
  targetId: string;

  @ApiProperty({ example: 'sellers.active_share_cooperatives' })
  kpiId: string;

  @ApiProperty()
  nameVi: string;

  @ApiProperty({ type: String, nullable: true })
  nameEn: string | null;

  @ApiProperty({ example: 'percent' })
  unit: string;

  @ApiProperty({ enum: ['computed', 'external_ratio', 'recorded'] })
  method: string;

  @ApiProperty({ enum: ['>=', '>', '<=', '<'] })
  comparison: string;

  @ApiProperty()
  targetValue: number;

  @ApiProperty({ description: 'The year the target must be met in' })
  targetYear: number;

  @ApiProperty({ enum: ['at_year', 'cumulative', 'each_year'] })
  targetBasis: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Percentages are 0–100' })
  value: number | null;

  @ApiProperty({ type: Number, nullable: true })
  numerator: number | null;

  @ApiProperty({ type: Number, nullable: true })
  denominator: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The target, or for counts the point on the trajectory' })
  expected: number | null;

  @ApiProperty({ enum: ['on_track', 'behind', 'no_data', 'needs_figure'] })
  status: string;

  @ApiProperty({ description: 'How the value was computed, Vietnamese then English' })
  basis: string;

  @ApiProperty({ type: [String] })
  missingFigures: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' } })
  breakdown?: Record<string, number>;

  @ApiProperty({ type: [TrendPointDto], description: 'The 4 previous periods of the same length, oldest first' })
  trend: TrendPointDto[];
}

export class DashboardPlanDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  provinceCode: string;

  @ApiProperty()
  periodStartYear: number;

  @ApiProperty()
  periodEndYear: number;
}

export class DashboardPeriodDto {
  @ApiProperty({ example: '2026-Q3' })
  label: string;

  @ApiProperty()
  from: string;

  @ApiProperty({ description: 'Exclusive end' })
  to: string;
}

export class DashboardDto {
  @ApiProperty({ type: DashboardPlanDto })
  plan: DashboardPlanDto;

  @ApiProperty({ type: DashboardPeriodDto })
  period: DashboardPeriodDto;

  @ApiProperty({ type: String, nullable: true })
  communeCode: string | null;

  @ApiProperty({ type: BilingualTextDto })
  activeSellerDefinition: BilingualTextDto;

  @ApiProperty({ type: BilingualTextDto })
  statusRule: BilingualTextDto;

  @ApiProperty({ type: [DashboardKpiDto] })
  kpis: DashboardKpiDto[];

  @ApiProperty({
    format: 'date-time',
    description:
      'When the platform figures were computed: they are reused for up to KPI_CACHE_TTL_MS (30 s by default); external figures and targets are always current',
  })
  computedAt: string;
}

export class CommuneCellDto {
  @ApiProperty({ example: '06046' })
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['commune', 'ward', 'special_zone'] })
  kind: string;

  @ApiProperty()
  activeSellers: number;
}

export class CommuneGridDto {
  @ApiProperty()
  period: string;

  @ApiProperty({ type: BilingualTextDto })
  activeSellerDefinition: BilingualTextDto;

  @ApiProperty({ type: [CommuneCellDto] })
  communes: CommuneCellDto[];

  @ApiProperty({ type: [CommuneCellDto] })
  withoutActiveSeller: CommuneCellDto[];

  @ApiProperty({
    format: 'date-time',
    description: 'When the counts were computed (reused for up to KPI_CACHE_TTL_MS)',
  })
  computedAt: string;
}

export class DrillDownDto {
  @ApiProperty()
  kpiId: string;

  @ApiProperty()
  period: string;

  @ApiProperty({ type: String, nullable: true })
  communeCode: string | null;

  @ApiProperty({ description: 'Records the KPI looked at (at most 1,000 listed)' })
  total: number;

  @ApiProperty({ description: 'Of those, the records in the numerator' })
  counted: number;

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  rows: Record<string, unknown>[];

  @ApiProperty()
  truncated: boolean;
}

export class ReportJobDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  planId: string;

  @ApiProperty()
  year: number;

  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] })
  status: string;

  @ApiProperty({ description: 'KPIs computed so far' })
  processed: number;

  @ApiProperty({ description: 'KPIs to compute' })
  total: number;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  @ApiProperty()
  createdAt: string;

  @ApiProperty({ type: String, nullable: true })
  finishedAt: string | null;
}
