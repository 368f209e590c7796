import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { SHIPPING_ZONES, type ShippingZone } from '../regions.js';

const MAX_FEE = 10_000_000;

export class ZoneRateDto {
  @ApiProperty({ example: 25000, description: 'Fee in đồng for a parcel up to includedGrams' })
  @IsInt({ message: 'baseFee must be a whole number of đồng' })
  @Min(0)
  @Max(MAX_FEE)
  baseFee: number;

  @ApiProperty({ example: 5000, description: 'Fee in đồng for each started kilogram above includedGrams' })
  @IsInt({ message: 'perKgFee must be a whole number of đồng' })
  @Min(0)
  @Max(MAX_FEE)
  perKgFee: number;

  @ApiProperty({ example: 1000 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  includedGrams: number;
}

export class ZoneRatesDto implements Record<ShippingZone, ZoneRateDto> {
  @ApiProperty({ type: ZoneRateDto, description: 'Nội tỉnh' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ZoneRateDto)
  same_province: ZoneRateDto;

  @ApiProperty({ type: ZoneRateDto, description: 'Nội miền' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ZoneRateDto)
  same_region: ZoneRateDto;

  @ApiProperty({ type: ZoneRateDto, description: 'Liên miền' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ZoneRateDto)
  other_region: ZoneRateDto;
}

export class ShippingRuleInputDto {
  @ApiProperty({ type: ZoneRatesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ZoneRatesDto)
  rates: ZoneRatesDto;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 500000,
    description: 'Free shipping from this order value (đồng)',
  })
  @IsOptional()
  @IsInt({ message: 'freeShippingThreshold must be a whole number of đồng' })
  @Min(0)
  freeShippingThreshold?: number | null;
}

export class ShippingRuleDto extends ShippingRuleInputDto {
  @ApiProperty({ description: 'True while the seller has not set its own rule and the platform default applies' })
  isDefault: boolean;

  @ApiProperty({ type: Number, nullable: true })
  declare freeShippingThreshold: number | null;
}

export class ShippingQuoteQueryDto {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'organisationId must be a UUID' })
  organisationId: string;

  @ApiProperty({ example: '79', description: 'Destination province code' })
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode: string;

  @ApiProperty({ example: 1500 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  weightGrams: number;

  @ApiProperty({ example: 350000, description: 'Value of the goods from this seller, in đồng' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  subtotal: number;
}

export class ShippingQuoteDto {
  @ApiProperty({ enum: SHIPPING_ZONES })
  zone: ShippingZone;

  @ApiProperty({ example: 35000, description: 'Fee in đồng' })
  fee: number;
}
