import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LEGAL_TYPES, type LegalType, ORGANISATION_STATUSES, type OrganisationStatus } from '../organisation.entity.js';

const PHONE = /^(?:\+?84|0)[1-9]\d{8,9}$/;

export class MarketplaceStoreDto {
  @ApiProperty({ example: 'Shopee' })
  @IsString()
  @Length(2, 60)
  marketplace: string;

  @ApiProperty({ example: 'https://shopee.vn/htx-dong-kinh' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url: string;
}

export class BankAccountDto {
  @ApiProperty({ example: '970436', description: 'Bank identification number (BIN), 6 digits' })
  @Matches(/^\d{6}$/, { message: 'bin must be the 6-digit bank identification number' })
  bin: string;

  @ApiProperty({ example: '0011004123456' })
  @Matches(/^[0-9A-Z]{4,19}$/, { message: 'accountNumber must be 4 to 19 letters or digits' })
  accountNumber: string;

  @ApiProperty({ example: 'HTX NONG SAN DONG KINH' })
  @IsString()
  @Length(2, 120)
  accountName: string;
}

/** What an applicant submits; the same fields, all optional, update the profile later. */
export class OrganisationApplicationDto {
  @ApiProperty({ example: 'Hợp tác xã Hồi Văn Quan' })
  @IsString()
  @Length(3, 200)
  name: string;

  @ApiProperty({ enum: LEGAL_TYPES })
  @IsIn(LEGAL_TYPES, { message: `legalType must be one of ${LEGAL_TYPES.join(', ')}` })
  legalType: LegalType;

  @ApiPropertyOptional({ description: 'Small or medium enterprise (Decree 80/2021 criteria)' })
  @IsOptional()
  @IsBoolean()
  isSme?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  womenOwned?: boolean;

  @ApiPropertyOptional({ example: '4900123456', description: 'Mã số thuế: 10 digits, or 10-3 with a branch' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  taxCode?: string;

  @ApiPropertyOptional({ example: '14G8001234' })
  @IsOptional()
  @IsString()
  @Length(3, 40)
  businessRegistrationNumber?: string;

  @ApiProperty({ example: 'Thôn Bản Chu' })
  @IsString()
  @Length(2, 200)
  streetAddress: string;

  @ApiProperty({ example: '06253', description: 'Official code of a commune or ward of the home province' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode: string;

  @ApiProperty({ example: 'Hoàng Văn Quang' })
  @IsString()
  @Length(2, 120)
  contactName: string;

  @ApiProperty({ example: '0912345678' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/[\s.-]/g, '') : value))
  @Matches(PHONE, { message: 'contactPhone must be a Vietnamese phone number' })
  contactPhone: string;

  @ApiPropertyOptional({ example: 'lienhe@htx.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be a valid email address' })
  contactEmail?: string;

  @ApiPropertyOptional({ type: BankAccountDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto;

  @ApiPropertyOptional({ example: 'https://hoivanquan.vn' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  websiteUrl?: string;

  @ApiPropertyOptional({ type: [MarketplaceStoreDto] })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MarketplaceStoreDto)
  marketplaceStores?: MarketplaceStoreDto[];

  @ApiPropertyOptional({ description: 'The story shown on the shop page (plain text)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  story?: string;
}

export class UpdateOrganisationDto extends PartialType(OrganisationApplicationDto) {}

export class StatusReasonDto {
  @ApiProperty({ example: 'Giấy đăng ký kinh doanh không khớp tên tổ chức' })
  @IsString()
  @Length(5, 1000)
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class OrganisationListQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_STATUSES })
  @IsOptional()
  @IsIn(ORGANISATION_STATUSES)
  status?: OrganisationStatus;
}

export class CommuneRefDto {
  @ApiProperty({ example: '06253' })
  code: string;

  @ApiProperty({ example: 'Xã Văn Quan' })
  name: string;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Hợp tác xã Nông sản Đông Kinh' })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  slug: string | null;

  @ApiProperty({ enum: LEGAL_TYPES })
  legalType: LegalType;

  @ApiProperty()
  isSme: boolean;

  @ApiProperty()
  womenOwned: boolean;

  @ApiProperty({ type: String, nullable: true, example: '4900123456' })
  taxCode: string | null;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'False when the tax code fails its check digit: verify it on the tax portal before approving',
  })
  taxCodeChecksumOk: boolean | null;

  @ApiProperty({ type: String, nullable: true })
  businessRegistrationNumber: string | null;

  @ApiProperty()
  streetAddress: string;

  @ApiProperty({ type: CommuneRefDto, nullable: true })
  commune: CommuneRefDto | null;

  @ApiProperty()
  contactName: string;

  @ApiProperty({ type: String, nullable: true })
  contactPhone: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactEmail: string | null;

  @ApiProperty({ type: BankAccountDto, nullable: true })
  bankAccount: BankAccountDto | null;

  @ApiProperty({ type: String, nullable: true })
  websiteUrl: string | null;

  @ApiProperty({ type: [MarketplaceStoreDto] })
  marketplaceStores: MarketplaceStoreDto[];

  @ApiProperty()
  story: string;

  @ApiProperty({ enum: ORGANISATION_STATUSES })
  status: OrganisationStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected or suspended' })
  statusReason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerUserId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class StatusChangeDto {
  @ApiProperty({ enum: ORGANISATION_STATUSES, nullable: true })
  fromStatus: OrganisationStatus | null;

  @ApiProperty({ enum: ORGANISATION_STATUSES })
  toStatus: OrganisationStatus;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorUserId: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorName: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class InviteMemberDto {
  @ApiProperty({ example: 'thanh.vien@example.vn', description: 'Email or phone number of the person to invite' })
  @IsString()
  @Length(3, 254)
  login: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty()
  isOwner: boolean;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty()
  login: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
