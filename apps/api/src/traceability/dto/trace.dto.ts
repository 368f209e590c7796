import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TRACE_EVENT_KINDS,
  TRACE_STANDARDS,
  TRACE_UNITS,
  type TraceEventKind,
  type TraceStandard,
  type TraceUnit,
} from '../trace.constants.js';

export class PlaceDto {
  @ApiProperty({ example: '06253' })
  code: string;

  @ApiProperty({ example: 'Xã Văn Quan' })
  name: string;

  @ApiProperty({ example: 'Lạng Sơn' })
  provinceName: string;
}

export class StandardViewDto {
  @ApiProperty({ enum: TRACE_STANDARDS })
  code: TraceStandard;

  @ApiProperty({ example: 'VietGAP' })
  label: string;

  @ApiProperty({ type: String, nullable: true })
  reference: string | null;
}

export class MaterialViewDto {
  @ApiProperty()
  name: string;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ enum: TRACE_UNITS })
  unit: TraceUnit;

  @ApiProperty({ example: 'kg' })
  unitLabel: string;
}

export class PhotoDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Where a browser loads it' })
  url: string;

  @ApiProperty({ description: 'SHA-256 of the file as uploaded; evidence hashes are part of the chain' })
  sha256: string;
}

export class TraceEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Position in the chain, from 1' })
  seq: number;

  @ApiProperty({ enum: TRACE_EVENT_KINDS })
  kind: TraceEventKind;

  @ApiProperty({ example: 'Thu hoạch' })
  kindLabel: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ type: PlaceDto, nullable: true })
  place: PlaceDto | null;

  @ApiProperty()
  placeName: string;

  @ApiProperty()
  actorName: string;

  @ApiProperty({ type: [MaterialViewDto] })
  inputs: MaterialViewDto[];

  @ApiProperty({ type: [MaterialViewDto] })
  outputs: MaterialViewDto[];

  @ApiProperty()
  notes: string;

  @ApiProperty({ type: [PhotoDto] })
  evidence: PhotoDto[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The earlier event this one corrects' })
  correctsEventId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The latest later event that corrects this one',
  })
  correctedByEventId: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  @ApiProperty()
  prevHash: string;

  @ApiProperty()
  hash: string;
}

export class ChainStatusDto {
  @ApiProperty({ description: 'Every hash recomputes from the stored data and the links are unbroken' })
  verified: boolean;

  @ApiProperty()
  eventCount: number;

  @ApiProperty({ type: Number, nullable: true, description: 'First link that fails (0 = the batch record itself)' })
  brokenAtSeq: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['batch_record_changed', 'event_changed', 'link_broken', 'sequence_gap', 'head_mismatch'],
  })
  problem: string | null;

  @ApiProperty({ description: 'Hash of the last link' })
  headHash: string;
}

export class OcopViewDto {
  @ApiProperty({ example: 4 })
  stars: number;

  @ApiProperty()
  certificateNumber: string;

  @ApiProperty()
  issuingAuthority: string;

  @ApiProperty({ format: 'date' })
  issuedOn: string;

  @ApiProperty({ format: 'date' })
  expiresOn: string;

  @ApiProperty({ description: 'Verified and not past its expiry date' })
  valid: boolean;
}

export class CertificateViewDto {
  @ApiProperty({ example: 'vietgap' })
  kind: string;

  @ApiProperty({ example: 'VietGAP' })
  label: string;

  @ApiProperty()
  certificateNumber: string;

  @ApiProperty()
  issuer: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  issuedOn: string | null;

  @ApiProperty({ format: 'date' })
  expiresOn: string;

  @ApiProperty()
  valid: boolean;
}

export class TraceProductDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  categoryName: string;

  @ApiProperty({ type: [String] })
  imageUrls: string[];

  @ApiProperty({ type: String, nullable: true, description: 'Where to buy it; null when it is not on sale now' })
  buyUrl: string | null;
}

export class TraceProducerDto {
  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  slug: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The seller’s shop on the storefront, when it is open' })
  shopUrl: string | null;

  @ApiProperty({ example: 'cooperative' })
  legalType: string;

  @ApiProperty({ example: 'Hợp tác xã' })
  legalTypeLabel: string;

  @ApiProperty({ description: 'Street, commune and province, as Circular 02/2024 asks' })
  address: string;

  @ApiProperty({ type: PlaceDto, nullable: true })
  commune: PlaceDto | null;
}

export class TraceBatchViewDto {
  @ApiProperty({ example: 'HOI-2026/03' })
  lot: string;

  @ApiProperty({ type: String, nullable: true, example: '08934563138165' })
  gtin: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  harvestedOn: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  producedOn: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiresOn: string | null;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ enum: TRACE_UNITS })
  unit: TraceUnit;

  @ApiProperty()
  unitLabel: string;

  @ApiProperty({ type: PlaceDto })
  origin: PlaceDto;

  @ApiProperty({ type: String, nullable: true })
  growingAreaCode: string | null;

  @ApiProperty({ type: [StandardViewDto] })
  standards: StandardViewDto[];

  @ApiProperty()
  notes: string;

  @ApiProperty({ type: [PhotoDto] })
  photos: PhotoDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class TraceLinksDto {
  @ApiProperty({ example: 'https://ocop.example.vn/t/7K2M9QX4PB' })
  shortUri: string;

  @ApiProperty({ type: String, nullable: true, example: 'https://ocop.example.vn/01/08934563138165/10/HOI-2026%2F03' })
  digitalLink: string | null;

  @ApiProperty({ description: 'What the QR code carries: the Digital Link when there is a GTIN, else the short URI' })
  qrUri: string;

  @ApiProperty({ description: 'EPCIS 2.0 JSON-LD export of this batch' })
  epcis: string;
}

/** The public record of one batch: what the trace page shows, for apps. */
export class TraceRecordDto {
  @ApiProperty({ example: '7K2M9QX4PB', description: 'Mã truy vết: the platform’s trace code' })
  code: string;

  @ApiProperty({ type: TraceLinksDto })
  links: TraceLinksDto;

  @ApiProperty({ type: TraceProductDto })
  product: TraceProductDto;

  @ApiProperty({ type: TraceProducerDto })
  producer: TraceProducerDto;

  @ApiProperty({ type: TraceBatchViewDto })
  batch: TraceBatchViewDto;

  @ApiProperty({ type: OcopViewDto, nullable: true, description: 'The officer-verified OCOP certificate, if any' })
  ocop: OcopViewDto | null;

  @ApiProperty({ type: [CertificateViewDto] })
  certificates: CertificateViewDto[];

  @ApiProperty({ type: [TraceEventDto] })
  events: TraceEventDto[];

  @ApiProperty({ type: ChainStatusDto })
  chain: ChainStatusDto;

  @ApiProperty({
    type: [String],
    description: 'Minimum data of Circular 02/2024/TT-BKHCN this record still lacks (empty when complete)',
  })
  circular02Missing: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    description: 'The scan this view recorded, for sharing a location later',
  })
  scanId?: string;
}

export class SellerBatchDto extends TraceRecordDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  variantId: string | null;

  @ApiProperty({ description: 'Times the QR code was opened' })
  scanCount: number;
}

export class SellerBatchSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  lot: string;

  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty()
  productName: string;

  @ApiProperty({ type: String, nullable: true })
  gtin: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  harvestedOn: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  producedOn: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiresOn: string | null;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ enum: TRACE_UNITS })
  unit: TraceUnit;

  @ApiProperty()
  eventCount: number;

  @ApiProperty()
  scanCount: number;

  @ApiProperty()
  qrUri: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class OrderLineBatchDto {
  @ApiProperty({ format: 'uuid' })
  lineId: string;

  @ApiProperty({ format: 'uuid' })
  sellerOrderId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  batchId: string | null;

  @ApiProperty({ type: String, nullable: true })
  batchCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  lot: string | null;
}

export class ScanCountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  scans: number;
}

export class ProductScanCountDto extends ScanCountDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
}

export class ScanStatsDto {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty()
  totalScans: number;

  @ApiProperty({ description: 'Scans where the visitor chose to share an approximate location' })
  scansWithLocation: number;

  @ApiProperty({ type: [ProductScanCountDto] })
  byProduct: ProductScanCountDto[];

  @ApiProperty({ type: [ScanCountDto], description: 'Per seller organisation' })
  bySeller: ScanCountDto[];

  @ApiProperty({ description: 'Products with a verified OCOP certificate valid at `to`' })
  ocopProducts: number;

  @ApiProperty({ description: 'Of those, products with at least one batch recorded before `to` (KPI K-20)' })
  ocopProductsWithTraceability: number;
}
