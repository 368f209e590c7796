import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

export class UpsertExternalFigureDto {
  @ApiProperty({
    example: 412,
    description: 'In the figure’s unit: a count, persons, đồng, or the recorded KPI’s unit',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;

  @ApiProperty({ example: 'Liên minh Hợp tác xã tỉnh Lạng Sơn, Báo cáo tình hình kinh tế tập thể năm 2026' })
  @IsString()
  @Length(3, 500)
  source: string;

  @ApiProperty({ example: '2027-01-15', description: 'Date of the source (publication or signature)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'sourceDate must be a date written YYYY-MM-DD' })
  sourceDate: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ExternalFigureListQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ExternalFigureDto {
  @ApiProperty({ example: '20' })
  provinceCode: string;

  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: 'cooperatives_registered' })
  key: string;

  @ApiProperty({ enum: ['denominator', 'recorded_value'] })
  kind: 'denominator' | 'recorded_value';

  @ApiProperty()
  nameVi: string;

  @ApiProperty({ type: String, nullable: true })
  nameEn: string | null;

  @ApiProperty({ example: 412 })
  value: number;

  @ApiProperty({ example: 'count' })
  unit: string;

  @ApiProperty()
  source: string;

  @ApiProperty({ example: '2027-01-15' })
  sourceDate: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  enteredBy: string | null;

  @ApiProperty({ format: 'date-time' })
  enteredAt: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  updatedBy: string | null;

  @ApiProperty({ type: String, nullable: true })
  updatedByName: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Earlier versions kept in the history' })
  revisions: number;
}

export class ExternalFigureRevisionDto {
  @ApiProperty()
  value: number;

  @ApiProperty()
  unit: string;

  @ApiProperty()
  source: string;

  @ApiProperty()
  sourceDate: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  setBy: string | null;

  @ApiProperty({ format: 'date-time' })
  setAt: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  replacedBy: string | null;

  @ApiProperty({ format: 'date-time' })
  replacedAt: string;
}
