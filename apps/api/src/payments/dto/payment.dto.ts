import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import {
  CALLBACK_SOURCES,
  type CallbackSource,
  PAYMENT_FLAGS,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  type PaymentFlag,
  REFUND_STATUSES,
  type RefundStatus,
  type PaymentMethod,
  type PaymentStatus,
} from '../payment-method.js';

export class VietQrInstructionsDto {
  @ApiProperty({ description: 'EMVCo VietQR string (NAPAS 247); render it as a QR code or use the image routes' })
  payload: string;

  @ApiProperty({ example: '970436' })
  bankBin: string;

  @ApiProperty({ type: String, nullable: true, example: 'Vietcombank' })
  bankName: string | null;

  @ApiProperty({ example: '0011004123456' })
  accountNumber: string;

  @ApiProperty({ example: 'SAN OCOP TINH LANG SON' })
  accountName: string;

  @ApiProperty({ example: 1_250_000, description: 'Đồng' })
  amount: number;

  @ApiProperty({ example: 'OCOPK7M2Q9XA', description: 'Must appear in the transfer note' })
  reference: string;
}

export class PaymentInstructionsDto {
  @ApiPropertyOptional({ description: 'VNPay payment page to send the buyer to' })
  redirectUrl?: string;

  @ApiPropertyOptional({ type: VietQrInstructionsDto })
  vietqr?: VietQrInstructionsDto;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  customerOrderId: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  method: PaymentMethod;

  @ApiProperty({ description: 'True only for cash on delivery' })
  isCash: boolean;

  @ApiProperty({ example: 1_250_000, description: 'Đồng' })
  amount: number;

  @ApiProperty({ example: 'VND' })
  currency: 'VND';

  @ApiProperty({ enum: PAYMENT_STATUSES })
  status: PaymentStatus;

  @ApiProperty({ example: 'OCOPK7M2Q9XA', description: 'Our code for this payment, quoted by buyers and support' })
  reference: string;

  @ApiProperty({ description: 'Đồng that actually arrived' })
  amountReceived: number;

  @ApiProperty({ description: 'Đồng still to pay while pending (after an under-payment, the rest)' })
  amountDue: number;

  @ApiProperty({ description: 'Đồng that arrived and must go back: an excess, or everything for a closed payment' })
  amountToRefund: number;

  @ApiProperty({ description: 'Đồng the provider confirmed it gave back (refunded seller orders)' })
  amountRefunded: number;

  @ApiProperty({ enum: PAYMENT_FLAGS, isArray: true, description: 'What a person should look at' })
  flags: PaymentFlag[];

  @ApiProperty({ type: String, nullable: true, example: '24', description: 'Provider code of the last failure' })
  failureCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  failureMessage: string | null;

  @ApiProperty({ type: PaymentInstructionsDto, nullable: true, description: 'How to pay; only while pending' })
  instructions: PaymentInstructionsDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paidAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** A payment someone has to look at, with the order it belongs to, for the people who sort it out. */
export class AttentionPaymentDto extends PaymentDto {
  @ApiProperty({ type: String, nullable: true, description: 'The customer order code the buyer sees, e.g. DH…' })
  orderCode: string | null;
}

export class PaymentCallbackDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: CALLBACK_SOURCES })
  source: CallbackSource;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  paymentId: string | null;

  @ApiProperty()
  signatureValid: boolean;

  @ApiProperty({ example: 'underpaid', description: "VNPay's RspCode for IPNs, otherwise what was done" })
  outcome: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Đồng reported by the notification' })
  amount: number | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As received, secrets removed' })
  payload: unknown;

  @ApiProperty({ type: String, format: 'date-time' })
  receivedAt: string;
}

export class PaymentRefundDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  paymentId: string;

  @ApiProperty({ format: 'uuid', description: 'The refunded seller order' })
  sellerOrderId: string;

  @ApiProperty({ example: 185_000, description: 'Đồng' })
  amount: number;

  @ApiProperty({
    enum: REFUND_STATUSES,
    description: 'manual: the provider has no refund API, a person must send the money back',
  })
  status: RefundStatus;

  @ApiProperty({ type: String, nullable: true, description: "The provider's id of the refund" })
  providerReference: string | null;

  @ApiProperty({ description: 'Calls made to the provider so far' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last call failed' })
  lastError: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt: string | null;
}

export class RefundSentByHandDto {
  @ApiProperty({
    example: 'FT26327012345678',
    description: 'The reference of the bank transfer that gave the money back',
  })
  @IsString()
  @Length(3, 100, { message: 'reference must be the transfer reference, 3 to 100 characters' })
  @Matches(/\S/, { message: 'reference must not be blank' })
  reference: string;
}

export class PaymentDetailDto extends PaymentDto {
  @ApiProperty({ type: [PaymentCallbackDto], description: 'Every notification about this payment, oldest first' })
  callbacks: PaymentCallbackDto[];

  @ApiProperty({ type: [PaymentRefundDto], description: 'Money given back for refunded seller orders, oldest first' })
  refunds: PaymentRefundDto[];
}

export class AvailableMethodDto {
  @ApiProperty({ enum: PAYMENT_METHODS })
  method: PaymentMethod;

  @ApiProperty()
  isCash: boolean;
}

export class PaymentMixLineDto {
  @ApiProperty({ enum: PAYMENT_METHODS })
  method: PaymentMethod;

  @ApiProperty()
  isCash: boolean;

  @ApiProperty()
  count: number;

  @ApiProperty({ description: 'Đồng' })
  amount: number;
}

/** Succeeded payments by method, for KPI K-30 (non-cash share), both by count and by value. */
export class PaymentMixDto {
  @ApiProperty({ type: [PaymentMixLineDto] })
  byMethod: PaymentMixLineDto[];

  @ApiProperty({ type: Number, nullable: true, example: 0.82, description: 'Null when nothing was paid' })
  nonCashShareByCount: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.9 })
  nonCashShareByValue: number | null;
}

export class PaymentMixQueryDto {
  @ApiProperty({ example: '2026-01-01T00:00:00+07:00', description: 'Start, inclusive (paid at)' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2027-01-01T00:00:00+07:00', description: 'End, exclusive' })
  @IsISO8601({ strict: true })
  to: string;
}
