import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { QueryNumber } from '../../catalog/dto/validators.js';
import { TRACE_EVENT_KINDS, type TraceEventKind } from '../trace.constants.js';
import { PlaceDto } from './trace.dto.js';

export class BatchProducerDto {
  @ApiProperty({ example: 'Hợp tác xã Nông sản Đông Kinh' })
  name: string;

  @ApiProperty({ type: String, nullable: true, description: 'The shop at /cua-hang/{slug}' })
  slug: string | null;

  @ApiProperty({ type: PlaceDto, nullable: true })
  commune: PlaceDto | null;
}

export class EventKindCountDto {
  @ApiProperty({ enum: TRACE_EVENT_KINDS })
  kind: TraceEventKind;

  @ApiProperty({ example: 'Thu hoạch' })
  label: string;

  @ApiProperty()
  count: number;
}

export class LastEventDto {
  @ApiProperty({ enum: TRACE_EVENT_KINDS })
  kind: TraceEventKind;

  @ApiProperty({ example: 'Đóng gói' })
  kindLabel: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ type: PlaceDto, nullable: true })
  place: PlaceDto | null;

  @ApiProperty({ example: 'Xưởng đóng gói Hợp tác xã' })
  placeName: string;
}

export class CurrentBatchDto {
  @ApiProperty({ example: '7K3M9QX2TA', description: 'Mã truy xuất' })
  code: string;

  @ApiProperty({ example: 'HOI-2026/01' })
  lot: string;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  harvestedOn: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  producedOn: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  expiresOn: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the seller recorded the batch' })
  recordedAt: string;

  @ApiProperty({ type: PlaceDto, description: 'The commune the lot comes from' })
  origin: PlaceDto;

  @ApiProperty({ type: BatchProducerDto })
  producer: BatchProducerDto;

  @ApiProperty()
  eventCount: number;

  @ApiProperty({ type: [EventKindCountDto], description: 'Events per kind, in the order of the production stages' })
  eventKinds: EventKindCountDto[];

  @ApiProperty({ type: LastEventDto })
  lastEvent: LastEventDto;

  @ApiProperty({ description: 'The hash chain recomputed from the stored rows verifies' })
  chainVerified: boolean;

  @ApiProperty({ example: '/t/7K3M9QX2TA', description: 'The public trace page, on this site' })
  tracePath: string;

  @ApiProperty({ example: 'http://localhost:3000/t/7K3M9QX2TA', description: 'The same page at PUBLIC_URL' })
  traceUrl: string;
}

export class ProductTraceDto {
  @ApiProperty()
  productSlug: string;

  @ApiProperty({ type: CurrentBatchDto, nullable: true, description: 'Null when no batch has an event yet' })
  batch: CurrentBatchDto | null;
}

export class RecentBatchesQueryDto {
  @ApiPropertyOptional({ default: 8, minimum: 1, maximum: 24 })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(24)
  limit?: number;
}

export class RecentBatchProductDto {
  @ApiProperty()
  name: string;

  @ApiProperty()
  slug: string;

  @ApiProperty({ type: String, nullable: true })
  imageUrl: string | null;
}

export class RecentBatchDto {
  @ApiProperty()
  code: string;

  @ApiProperty({ type: RecentBatchProductDto })
  product: RecentBatchProductDto;

  @ApiProperty({ type: BatchProducerDto })
  producer: BatchProducerDto;

  @ApiProperty({ type: PlaceDto, description: 'The commune the lot comes from' })
  origin: PlaceDto;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  @ApiProperty()
  eventCount: number;

  @ApiProperty({ example: '/t/7K3M9QX2TA' })
  tracePath: string;
}
