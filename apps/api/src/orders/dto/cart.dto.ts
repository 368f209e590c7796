import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export const MAX_LINE_QUANTITY = 999;

export class AddCartLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'variantId must be a variant id' })
  variantId: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: MAX_LINE_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;
}

export class SetCartLineDto {
  @ApiProperty({ example: 3, minimum: 1, maximum: MAX_LINE_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;
}

export class MergeCartDto {
  @ApiProperty({ description: 'The guest cart token the browser kept before signing in' })
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'guestCartToken is not a cart token' })
  guestCartToken: string;
}

export class CartQueryDto {
  @ApiPropertyOptional({ example: '79', description: 'Destination province, to quote each seller’s shipping fee' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

export const CART_LINE_PROBLEMS = ['unavailable', 'out_of_stock', 'insufficient_stock'] as const;
export type CartLineProblem = (typeof CART_LINE_PROBLEMS)[number];

export class CartLineDto {
  @ApiProperty({ format: 'uuid' })
  variantId: string;

  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty()
  productName: string;

  @ApiProperty()
  productSlug: string;

  @ApiProperty({ example: '500 g' })
  variantLabel: string;

  @ApiProperty({ description: 'Current price in đồng' })
  unitPrice: number;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ description: 'unitPrice × quantity, in đồng' })
  lineTotal: number;

  @ApiProperty({ description: 'Units on the shelf now' })
  stock: number;

  @ApiProperty({ description: 'Grams per unit (0 when unknown)' })
  weightGrams: number;

  @ApiProperty({
    enum: CART_LINE_PROBLEMS,
    nullable: true,
    type: String,
    description: 'Why this line cannot be bought as it is',
  })
  problem: CartLineProblem | null;
}

export class CartSellerGroupDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty({ type: String, nullable: true })
  organisationSlug: string | null;

  @ApiProperty({ type: [CartLineDto] })
  lines: CartLineDto[];

  @ApiProperty({ description: 'Goods from this seller, in đồng' })
  goodsTotal: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Shipping fee in đồng, when a provinceCode was given' })
  shippingFee: number | null;
}

export class CartDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Token of a guest cart; keep it and send it as X-Cart-Token',
  })
  cartToken: string | null;

  @ApiProperty({ type: [CartSellerGroupDto] })
  sellers: CartSellerGroupDto[];

  @ApiProperty()
  itemCount: number;

  @ApiProperty({ description: 'All goods, in đồng' })
  goodsTotal: number;

  @ApiProperty({ type: Number, nullable: true })
  shippingTotal: number | null;

  @ApiProperty({ type: Number, nullable: true })
  grandTotal: number | null;

  @ApiProperty({ description: 'True when every line can be bought as it is' })
  ready: boolean;
}
