import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsPositive, IsString, Length, MaxLength } from 'class-validator';
import { PAYMENT_STATUSES, type PaymentStatus } from '../payment-method.js';

/** VNPay's answer codes to an IPN, exactly as its documentation spells them. */
export class VnpayIpnReplyDto {
  @ApiProperty({ enum: ['00', '01', '02', '04', '97', '99'] })
  RspCode: string;

  @ApiProperty({ example: 'Confirm Success' })
  Message: string;
}

/** What the buyer's browser shows after VNPay sends it back. Reading it changes nothing. */
export class VnpayReturnDto {
  @ApiProperty({ description: "VNPay's signature checked out" })
  verified: boolean;

  @ApiProperty({ description: 'VNPay says the buyer paid; the payment status confirms it once the IPN has arrived' })
  paid: boolean;

  @ApiProperty({ example: 'Giao dịch thành công' })
  message: string;

  @ApiProperty({ example: 'OCOPK7M2Q9XA' })
  reference: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  paymentId: string | null;

  @ApiProperty({ enum: PAYMENT_STATUSES, nullable: true, description: 'What our records say now' })
  status: PaymentStatus | null;
}

const asString = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);

/**
 * A bank transaction as SePay posts it (Casso and others map onto the same fields). Unknown fields
 * are dropped rather than refused: a provider adding a field must not make us reject payments.
 */
export interface BankTransferNotification {
  id: string;
  gateway?: string;
  transactionDate?: string;
  accountNumber: string;
  subAccount?: string | null;
  code?: string | null;
  content: string;
  description?: string;
  transferType: 'in' | 'out';
  transferAmount: number;
  referenceCode?: string;
}

export class BankTransferNotificationDto implements BankTransferNotification {
  @ApiProperty({ example: 92704, description: "The bank-feed provider's transaction id; repeats carry the same id" })
  @Transform(asString)
  @IsString()
  @Length(1, 100)
  id: string;

  @ApiPropertyOptional({ example: 'Vietcombank' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  gateway?: string;

  @ApiPropertyOptional({ example: '2026-11-23 14:02:37', description: 'Bank time (GMT+7)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  transactionDate?: string;

  @ApiProperty({ example: '0011004123456' })
  @Transform(asString)
  @IsString()
  @Length(1, 40)
  accountNumber: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Virtual account, when the bank uses them' })
  @IsOptional()
  @Transform(asString)
  @IsString()
  @MaxLength(40)
  subAccount?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Payment code the provider recognised, if any' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  code?: string | null;

  @ApiProperty({ example: 'MBVCB.3278907687.OCOPK7M2Q9XA.CT tu 0123 toi 0011' })
  @IsString()
  @MaxLength(1000)
  content: string;

  @ApiPropertyOptional({ example: 'BankAPINotify OCOPK7M2Q9XA' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiProperty({ enum: ['in', 'out'] })
  @IsIn(['in', 'out'])
  transferType: 'in' | 'out';

  @ApiProperty({ example: 1_250_000, description: 'Đồng' })
  @IsInt()
  @IsPositive()
  transferAmount: number;

  @ApiPropertyOptional({ example: 'MBVCB.3278907687', description: "The bank's own reference" })
  @IsOptional()
  @Transform(asString)
  @IsString()
  @MaxLength(100)
  referenceCode?: string;
}

export class BankWebhookReplyDto {
  @ApiProperty({ description: 'SePay retries until it reads true' })
  success: boolean;

  @ApiProperty({
    example: 'captured',
    enum: ['captured', 'underpaid', 'overpaid', 'late_payment', 'duplicate', 'unmatched', 'ignored'],
  })
  outcome: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  paymentId: string | null;
}

export class StripeWebhookReplyDto {
  @ApiProperty()
  received: boolean;

  @ApiProperty({ example: 'captured' })
  outcome: string;
}
