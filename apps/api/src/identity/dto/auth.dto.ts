import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@ocop/shared';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../password-policy.js';

const PHONE_PATTERN = /^(?:\+?84|0)[35789]\d{8}$/;

export class SignUpDto {
  @ApiPropertyOptional({ example: 'lan.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '0912345678', description: 'Vietnamese mobile number, 0… or +84…' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/[\s.-]/g, '') : value))
  @Matches(PHONE_PATTERN, { message: 'phone must be a Vietnamese mobile number such as 0912345678' })
  phone?: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @Length(2, 120)
  fullName: string;

  @ApiProperty({ example: 'mat-khau-2026', minLength: 10, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password: string;
}

export class CreateAccountDto extends SignUpDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(['buyer', 'province_officer', 'platform_admin'], {
    message: 'role must be buyer, province_officer or platform_admin (seller members join through their organisation)',
  })
  role: Role;
}

export class SignInDto {
  @ApiProperty({ example: 'lan.nguyen@example.vn', description: 'Email or phone number' })
  @IsString()
  @Length(3, 254)
  login: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class SessionDto {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn: number;

  @ApiProperty()
  refreshToken: string;

  @ApiProperty({ type: AccountDto })
  account: AccountDto;
}
