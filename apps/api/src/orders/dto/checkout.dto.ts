import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { VietQrInstructionsDto } from '../../payments/dto/payment.dto.js';
import type { PaymentAction } from '../../payments/payment-provider.js';
import { SELLER_ORDER_STATUSES, type SellerOrderStatus } from '../seller-order-lifecycle.js';

export const PAYMENT_METHODS = ['vnpay', 'vietqr', 'card', 'cod'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const stripSeparators = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/[\s.-]/g, '') : value;
const PHONE = /^(?:\+?84|0)[1-9]\d{8,9}$/;

export class BuyerContactDto {
  @ApiProperty({ example: 'Nguyễn Thu Trang' })
  @IsString()
  @Length(2, 120)
  name: string;

  @ApiProperty({ example: '0901000004' })
  @Transform(stripSeparators)
  @Matches(PHONE, { message: 'phone must be a Vietnamese phone number' })
  phone: string;

  @ApiPropertyOptional({ example: 'khach@ocop.demo' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string;
}

export class DeliveryAddressDto {
  @ApiProperty({ example: 'Nguyễn Thu Trang' })
  @IsString()
  @Length(2, 120)
  recipientName: string;

  @ApiProperty({ example: '0901000004' })
  @Transform(stripSeparators)
  @Matches(PHONE, { message: 'recipientPhone must be a Vietnamese phone number' })
  recipientPhone: string;

  @ApiProperty({ example: 'Số 5 ngõ 12 phố Huế' })
  @IsString()
  @Length(3, 250)
  streetAddress: string;

  @ApiProperty({ example: '00004', description: 'Official code of the commune or ward (any province)' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode: string;
}

export class InvoiceDetailsDto {
  @ApiProperty({ example: 'Nguyễn Thu Trang', description: 'Name on the e-invoice (person or company)' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiPropertyOptional({ example: '0100233488', description: 'Buyer’s tax code, for a company invoice' })
  @IsOptional()
  @Transform(stripSeparators)
  @Matches(/^\d{10}(\d{3})?$/, { message: 'taxCode must be 10 digits, or 13 with a branch' })
  taxCode?: string;

  @ApiPropertyOptional({ example: 'ketoan@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string;

  @ApiPropertyOptional({ example: 'Số 1 Tràng Tiền, Hà Nội' })
  @IsOptional()
  @IsString()
  @Length(3, 300)
  address?: string;
}

export class CheckoutDto {
  @ApiProperty({ type: BuyerContactDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BuyerContactDto)
  buyer: BuyerContactDto;

  @ApiProperty({ type: DeliveryAddressDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
  delivery: DeliveryAddressDto;

  @ApiProperty({ type: InvoiceDetailsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => InvoiceDetailsDto)
  invoice: InvoiceDetailsDto;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS, { message: `paymentMethod must be one of ${PAYMENT_METHODS.join(', ')}` })
  paymentMethod: PaymentMethod;

  @ApiPropertyOptional({
    description: 'The grand total (đồng) the buyer was shown; checkout stops with total_changed if it differs now',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedGrandTotal?: number;
}

export class OrderLineDto {
  @ApiProperty({ format: 'uuid', description: 'The line, e.g. to record the batch it was packed from' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  variantId: string;

  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty()
  productName: string;

  @ApiProperty()
  variantLabel: string;

  @ApiProperty()
  sku: string;

  @ApiProperty()
  unitPrice: number;

  @ApiProperty()
  quantity: number;

  @ApiProperty()
  lineTotal: number;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Seller view only: the batch the line was packed from (PUT …/lines/{lineId}/batch)',
  })
  batchId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Seller view only: the batch’s trace code' })
  batchCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Seller view only: the batch’s lot number' })
  batchLot?: string | null;
}

export class OrderEventDto {
  @ApiProperty()
  action: string;

  @ApiProperty({ enum: SELLER_ORDER_STATUSES, nullable: true, type: String })
  fromStatus: SellerOrderStatus | null;

  @ApiProperty({ enum: SELLER_ORDER_STATUSES })
  toStatus: SellerOrderStatus;

  @ApiProperty({ enum: ['buyer', 'seller', 'system'] })
  actorType: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class OrderInvoiceDto {
  @ApiProperty({ enum: ['original', 'adjustment', 'replacement'] })
  kind: string;

  @ApiProperty({ enum: ['queued', 'issuing', 'issued', 'failed', 'replaced', 'adjusted', 'cancelled'] })
  status: string;

  @ApiProperty({ description: 'Look the invoice up at /api/invoices/lookup/{lookupCode} (HTML), /pdf, /xml' })
  lookupCode: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  issuedAt: string | null;
}

/** Where the seller ships the parcel. */
export class SellerOrderRecipientDto {
  @ApiProperty({ example: 'Nguyễn Thu Trang' })
  name: string;

  @ApiProperty({ example: '0901000004' })
  phone: string;

  @ApiProperty({ example: 'Số 5 ngõ 12 phố Huế' })
  streetAddress: string;

  @ApiProperty({ example: '00004' })
  communeCode: string;

  @ApiProperty({ example: 'Phường Ba Đình' })
  communeName: string;

  @ApiProperty({ example: 'Thành phố Hà Nội' })
  provinceName: string;
}

/**
 * The buyer's payment of the customer order this seller order belongs to, as far as the seller
 * needs it. When the payment also covers other sellers' orders, its totals are withheld (they would
 * reveal what the buyer bought from the others); the shortfall, the refund and the flags stay.
 */
export class SellerOrderPaymentDto {
  @ApiProperty({ enum: PAYMENT_METHODS })
  method: PaymentMethod;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'expired', 'cancelled'] })
  status: string;

  @ApiProperty({ description: 'True when the payment also pays for other sellers’ orders' })
  sharedWithOtherSellers: boolean;

  @ApiProperty({ type: Number, nullable: true, description: 'Đồng asked for; null when shared' })
  amountExpected: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Đồng that arrived; null when shared' })
  amountReceived: number | null;

  @ApiProperty({ description: 'Đồng the buyer still has to pay (after an under-payment)' })
  amountDue: number;

  @ApiProperty({ description: 'Đồng that arrived and must go back to the buyer, over all payment attempts' })
  amountToRefund: number;

  @ApiProperty({ description: 'Đồng already given back to the buyer, over all payment attempts' })
  amountRefunded: number;

  @ApiProperty({
    enum: ['underpaid', 'overpaid', 'late_payment', 'amount_mismatch', 'duplicate_order_payment', 'refund_due'],
    isArray: true,
    description: 'What needs attention, over all payment attempts of the order',
  })
  flags: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paidAt: string | null;
}

export class SellerOrderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'DH261123-7KQ4M-1' })
  code: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty({ enum: SELLER_ORDER_STATUSES })
  status: SellerOrderStatus;

  @ApiProperty()
  goodsTotal: number;

  @ApiProperty()
  shippingFee: number;

  @ApiProperty()
  total: number;

  @ApiProperty({ enum: ['same_province', 'same_region', 'other_region'] })
  shippingZone: string;

  @ApiProperty({ type: [OrderLineDto] })
  lines: OrderLineDto[];

  @ApiProperty({ type: [OrderEventDto] })
  events: OrderEventDto[];

  @ApiProperty({ type: [String], description: 'What the caller may do next' })
  availableActions: string[];

  @ApiProperty({ type: [OrderInvoiceDto], description: 'The e-invoices of this seller order, oldest first' })
  invoices: OrderInvoiceDto[];

  @ApiPropertyOptional({ type: SellerOrderRecipientDto, description: 'Seller view only: where to ship' })
  recipient?: SellerOrderRecipientDto;

  @ApiPropertyOptional({
    type: SellerOrderPaymentDto,
    nullable: true,
    description: 'Seller view only: the buyer’s payment; null when none was started',
  })
  payment?: SellerOrderPaymentDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CustomerOrderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'DH261123-7KQ4M' })
  code: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  paymentMethod: PaymentMethod;

  @ApiProperty()
  goodsTotal: number;

  @ApiProperty()
  shippingTotal: number;

  @ApiProperty()
  grandTotal: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Unpaid online orders are cancelled after this',
  })
  paymentDueAt: string | null;

  @ApiProperty()
  recipientName: string;

  @ApiProperty()
  recipientPhone: string;

  @ApiProperty()
  streetAddress: string;

  @ApiProperty()
  communeName: string;

  @ApiProperty()
  provinceName: string;

  @ApiProperty({ type: [SellerOrderDto] })
  sellerOrders: SellerOrderDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** What the buyer's device does next: one of the four shapes, told apart by `type`. */
export class PaymentActionDto {
  @ApiProperty({ enum: ['redirect', 'vietqr', 'card', 'none'] })
  type: 'redirect' | 'vietqr' | 'card' | 'none';

  @ApiPropertyOptional({ description: 'redirect: the VNPay payment page' })
  redirectUrl?: string;

  @ApiPropertyOptional({ type: VietQrInstructionsDto, description: 'vietqr: the code and the transfer details' })
  vietqr?: VietQrInstructionsDto;

  @ApiPropertyOptional({ description: 'card: for Stripe.js' })
  clientSecret?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'card: for Stripe.js' })
  publishableKey?: string | null;
}

export class StartedPaymentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  method: PaymentMethod;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'expired', 'cancelled'] })
  status: string;

  @ApiProperty({ description: 'Send as X-Payment-Token to GET /api/payments/{id} to follow the payment' })
  accessToken: string;

  @ApiProperty({ type: PaymentActionDto })
  action: PaymentAction;
}

export class CheckoutResultDto {
  @ApiProperty({ type: CustomerOrderDto })
  order: CustomerOrderDto;

  @ApiProperty({ description: 'Lets a guest open this order later: keep it with the order code' })
  orderAccessToken: string;

  @ApiProperty({
    type: StartedPaymentDto,
    nullable: true,
    description: 'Null when the payment could not start; see paymentError',
  })
  payment: StartedPaymentDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the payment did not start; the buyer can retry' })
  paymentError: string | null;
}

export class StartPaymentDto {
  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method: PaymentMethod;
}

export class SellerOrderActionDto {
  @ApiPropertyOptional({ example: 'Khách đổi ý' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class OrderAccessQueryDto {
  @ApiPropertyOptional({ description: 'The orderAccessToken returned at checkout (for guests)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not an order access token' })
  token?: string;
}
