import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBase64,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  FORM_NUMBERS,
  INVOICE_PROVIDERS,
  type InvoiceProviderName,
  ISSUE_TRIGGERS,
  type IssueTrigger,
} from '../invoice-model.js';

export class UpdateInvoiceSettingsDto {
  @ApiProperty({ enum: INVOICE_PROVIDERS, description: 'builtin: the platform writes and signs the XML itself' })
  @IsIn(INVOICE_PROVIDERS, { message: `provider must be one of ${INVOICE_PROVIDERS.join(', ')}` })
  provider: InvoiceProviderName;

  @ApiPropertyOptional({
    enum: FORM_NUMBERS,
    description: '1 VAT invoice, 2 sales invoice; taken from the symbol when it starts with it',
  })
  @IsOptional()
  @IsInt()
  @IsIn(FORM_NUMBERS, { message: 'formNumber must be 1 (VAT invoice) or 2 (sales invoice)' })
  formNumber?: number;

  @ApiProperty({
    example: '1C26TAA',
    description: 'Ký hiệu: C/K, 2-digit year, type letter, 2 letters; optionally preceded by the form number',
  })
  @IsString()
  @MaxLength(7)
  symbol: string;

  @ApiProperty({ enum: ISSUE_TRIGGERS })
  @IsIn(ISSUE_TRIGGERS, { message: `issueTrigger must be one of ${ISSUE_TRIGGERS.join(', ')}` })
  issueTrigger: IssueTrigger;

  @ApiPropertyOptional({ example: 'https://api-vinvoice.viettel.vn', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  providerBaseUrl?: string | null;

  @ApiPropertyOptional({ example: '1/001', description: 'Template code (Viettel) or pattern (VNPT)', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z/._-]{1,20}$/, { message: 'providerTemplateCode must be 1 to 20 letters, digits or / . _ -' })
  providerTemplateCode?: string | null;

  @ApiPropertyOptional({
    description:
      'Provider account, stored encrypted and never returned. Viettel: {username, password}; VNPT: {account, accountPassword, username, password}. Omit to keep the stored one; null to remove it.',
    nullable: true,
    example: { username: '0100233488', password: '••••••••' },
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  credentials?: Record<string, string> | null;
}

export class UploadCertificateDto {
  @ApiPropertyOptional({ description: 'A .p12/.pfx file, base64' })
  @IsOptional()
  @IsBase64()
  @MaxLength(200_000)
  pkcs12Base64?: string;

  @ApiPropertyOptional({ description: 'Password of the .p12/.pfx file, or passphrase of an encrypted PEM key' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  password?: string;

  @ApiPropertyOptional({ description: 'PEM certificate (with privateKeyPem, instead of a .p12)' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  certificatePem?: string;

  @ApiPropertyOptional({ description: 'PEM private key (PKCS#1 or PKCS#8)' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  privateKeyPem?: string;
}

export class CertificateDto {
  @ApiProperty({ example: 'CN=HỢP TÁC XÃ NÔNG SẢN ĐÔNG KINH, C=VN' })
  subject: string;

  @ApiProperty()
  serialNumber: string;

  @ApiProperty({ format: 'date-time' })
  validFrom: string;

  @ApiProperty({ format: 'date-time' })
  validTo: string;
}

/** What the seller sees of its settings: never a credential or a key, only whether they are there. */
export class InvoiceSettingsDto {
  @ApiProperty({ description: 'False until the seller saves settings; invoices wait until then' })
  configured: boolean;

  @ApiProperty({ enum: INVOICE_PROVIDERS, nullable: true })
  provider: InvoiceProviderName | null;

  @ApiProperty({ nullable: true, example: 1 })
  formNumber: number | null;

  @ApiProperty({ nullable: true, example: 'C26TAA' })
  symbol: string | null;

  @ApiProperty({ nullable: true, example: '1C26TAA' })
  displaySymbol: string | null;

  @ApiProperty({ enum: ISSUE_TRIGGERS })
  issueTrigger: IssueTrigger;

  @ApiProperty({ nullable: true })
  providerBaseUrl: string | null;

  @ApiProperty({ nullable: true })
  providerTemplateCode: string | null;

  @ApiProperty({ description: 'Whether provider credentials are stored (they are never returned)' })
  hasCredentials: boolean;

  @ApiProperty({ type: CertificateDto, nullable: true })
  certificate: CertificateDto | null;

  @ApiProperty({ nullable: true, format: 'date-time' })
  updatedAt: string | null;
}
