import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import {
  INVOICE_KINDS,
  INVOICE_PROVIDERS,
  INVOICE_STATUSES,
  type InvoiceKind,
  type InvoiceProviderName,
  type InvoiceStatus,
} from '../invoice-model.js';

export class RateTotalDto {
  @ApiProperty({ example: '8%', description: '`10%`, `8%`, `5%`, `0%`, `KCT` or `KKKNT`' })
  rate: string;

  @ApiProperty({ example: 1500000 })
  taxableAmount: number;

  @ApiProperty({ example: 120000 })
  vatAmount: number;
}

export class InvoiceLineDto {
  @ApiProperty()
  lineNumber: number;

  @ApiProperty({ enum: [1, 4], description: '1 goods or services, 4 a note without amounts' })
  nature: number;

  @ApiProperty()
  name: string;

  @ApiPropertyOptional()
  unit?: string;

  @ApiPropertyOptional()
  quantity?: number;

  @ApiPropertyOptional()
  unitPrice?: number;

  @ApiPropertyOptional({ description: 'Before VAT; negative on a decreasing adjustment' })
  amount?: number;

  @ApiPropertyOptional({ example: '8%' })
  vatRate?: string;
}

export class RelatedInvoiceDto {
  @ApiProperty({ enum: ['adjusts', 'replaces'] })
  relation: string;

  @ApiProperty({ example: '1C26TAA', nullable: true })
  displaySymbol: string | null;

  @ApiProperty({ nullable: true })
  number: number | null;

  @ApiProperty({ nullable: true, example: '2026-03-15' })
  issueDate: string | null;

  @ApiProperty({ nullable: true })
  lookupCode: string | null;
}

export class InvoicePartyDto {
  @ApiProperty()
  name: string;

  @ApiProperty({ nullable: true })
  taxCode: string | null;

  @ApiProperty({ nullable: true })
  address: string | null;
}

export class InvoiceLinksDto {
  @ApiProperty({ example: '/api/invoices/lookup/7K3M9QH2XW4T?format=html' })
  html: string;

  @ApiProperty({ example: '/api/invoices/lookup/7K3M9QH2XW4T/pdf' })
  pdf: string;

  @ApiProperty({ example: '/api/invoices/lookup/7K3M9QH2XW4T/xml', nullable: true })
  xml: string | null;
}

/** What anyone holding the lookup code may read: the content of the invoice, nothing internal. */
export class InvoiceLookupDto {
  @ApiProperty({ example: '7K3M-9QH2-XW4T' })
  lookupCode: string;

  @ApiProperty({ enum: INVOICE_KINDS })
  kind: InvoiceKind;

  @ApiProperty({ enum: INVOICE_STATUSES })
  status: InvoiceStatus;

  @ApiProperty({ nullable: true, example: '1C26TAA' })
  displaySymbol: string | null;

  @ApiProperty({ nullable: true })
  number: number | null;

  @ApiProperty({ nullable: true, example: '2026-03-15' })
  issueDate: string | null;

  @ApiProperty({ type: InvoicePartyDto, nullable: true })
  seller: InvoicePartyDto | null;

  @ApiProperty({ type: InvoicePartyDto })
  buyer: InvoicePartyDto;

  @ApiProperty({ type: [InvoiceLineDto] })
  lines: InvoiceLineDto[];

  @ApiProperty({ type: [RateTotalDto] })
  totalsByRate: RateTotalDto[];

  @ApiProperty()
  totalBeforeVat: number;

  @ApiProperty()
  totalVat: number;

  @ApiProperty()
  totalPayable: number;

  @ApiProperty({ example: 'Hai triệu năm trăm tám mươi sáu nghìn đồng' })
  amountInWords: string;

  @ApiProperty()
  signed: boolean;

  @ApiProperty({ nullable: true })
  signedBy: string | null;

  @ApiProperty({ enum: INVOICE_PROVIDERS, nullable: true })
  provider: InvoiceProviderName | null;

  @ApiProperty({ nullable: true, description: 'Code to look the invoice up at its provider' })
  providerReference: string | null;

  @ApiProperty({ type: RelatedInvoiceDto, nullable: true })
  related: RelatedInvoiceDto | null;

  @ApiProperty({ type: InvoiceLinksDto })
  links: InvoiceLinksDto;
}

/** The seller's view of one of its invoices, with the delivery state of the outbox. */
export class SellerInvoiceDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ example: 'seller_order' })
  sourceType: string;

  @ApiProperty({ description: 'The seller order the invoice is for' })
  sourceId: string;

  @ApiProperty({ enum: INVOICE_KINDS })
  kind: InvoiceKind;

  @ApiProperty({ enum: INVOICE_STATUSES })
  status: InvoiceStatus;

  @ApiProperty({ nullable: true, example: '1C26TAA' })
  displaySymbol: string | null;

  @ApiProperty({ nullable: true })
  number: number | null;

  @ApiProperty({ nullable: true })
  issueDate: string | null;

  @ApiProperty()
  buyerName: string;

  @ApiProperty()
  totalPayable: number;

  @ApiProperty()
  totalVat: number;

  @ApiProperty({ example: '7K3M-9QH2-XW4T' })
  lookupCode: string;

  @ApiProperty({ enum: INVOICE_PROVIDERS, nullable: true })
  provider: InvoiceProviderName | null;

  @ApiProperty()
  signed: boolean;

  @ApiProperty({ nullable: true })
  relatedInvoiceId: string | null;

  @ApiProperty({ nullable: true, enum: ['adjusts', 'replaces'] })
  relationType: string | null;

  @ApiProperty({ nullable: true })
  note: string | null;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ nullable: true, format: 'date-time' })
  nextAttemptAt: string | null;

  @ApiProperty({ nullable: true, example: 'Nhà cung cấp Viettel S-Invoice không kết nối được' })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ nullable: true, format: 'date-time' })
  issuedAt: string | null;
}

export class SellerInvoicePageDto {
  @ApiProperty({ type: [SellerInvoiceDto] })
  items: SellerInvoiceDto[];

  @ApiProperty()
  total: number;
}

export class ListInvoicesQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Requested at or after' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Requested before' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class LookupQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'html'],
    description: 'Defaults to HTML for browsers (Accept: text/html), JSON otherwise',
  })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}
