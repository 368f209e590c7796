import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ProvinceDto {
  @ApiProperty({ example: '20' })
  code: string;

  @ApiProperty({ example: 'Lạng Sơn' })
  name: string;

  @ApiProperty({ example: 'Tỉnh' })
  kind: string;

  @ApiProperty({ example: 65, description: 'Communes and wards in force today' })
  communeCount: number;
}

export class CommuneDto {
  @ApiProperty({ example: '05977' })
  code: string;

  @ApiProperty({ example: 'Phường Đông Kinh' })
  name: string;

  @ApiProperty({ enum: ['commune', 'ward', 'special_zone'] })
  kind: string;

  @ApiProperty({ example: '20' })
  provinceCode: string;
}

export class CommuneQueryDto {
  @ApiProperty({ example: '20', description: 'Two-digit province code' })
  @Matches(/^\d{2}$/, { message: 'province must be a two-digit province code such as 20' })
  province: string;

  @ApiPropertyOptional({ example: 'dong kinh', description: 'Part of the name, with or without diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  q?: string;
}

export class PlatformDto {
  @ApiProperty({ type: ProvinceDto, description: 'The province this marketplace serves' })
  homeProvince: ProvinceDto;
}
