import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { type CashPaymentRow, PaymentsService } from '../payments/payments.service.js';
import { ruleFromRow, ShippingService } from '../shipping/shipping.service.js';
import type { ShippingRule } from '../shipping/shipping-fee.js';
import { BUYABLE_SQL, type CartOwner, hashCartToken } from './cart.service.js';
import type {
  CheckoutDto,
  CheckoutResultDto,
  CustomerOrderDto,
  PaymentMethod,
  SellerOrderDto,
  StartedPaymentDto,
} from './dto/checkout.dto.js';
import type { OrderNotification } from './notifications.js';
import { newOrderCode } from './order-code.js';
import { OrdersService, PAYMENT_WINDOW_MINUTES } from './orders.service.js';
import { preparedQuery } from '../core/database/prepared-query.js';
import { actionsAvailable } from './seller-order-lifecycle.js';

export interface BuyerRequestContext {
  ip: string;
  locale: 'vi' | 'en';
}

/** One cart line with everything checkout needs about it, read in one query (see `readCart`). */
interface CartLineRow {
  destination_province: string | null;
  commune_name: string | null;
  province_name: string | null;
  cart_id: string | null;
  variant_id: string | null;
  quantity: number;
  price: string;
  stock: number;
  weight_grams: number | null;
  label: string;
  sku: string;
  product_id: string;
  product_name: string;
  organisation_id: string;
  organisation_name: string;
  buyable: boolean | null;
  origin_province: string | null;
  rates: ShippingRule['rates'] | null;
  free_shipping_threshold: string | null;
}

/** A line as it goes into the order: the price and weight it was priced with, checked again under lock. */
interface WantedLine {
  variant_id: string;
  quantity: number;
  unit_price: number;
  weight_grams: number;
  organisation_id: string;
  product_id: string;
  product_name: string;
  variant_label: string;
  sku: string;
}

interface SellerPart {
  organisation_id: string;
  organisation_name: string;
  code: string;
  goods_total: number;
  shipping_fee: number;
  total: number;
  shipping_zone: string;
  weight_grams: number;
}

/** What the placing statement answers: `ok` false means it wrote nothing and says what it found. */
interface PlacedRow {
  ok: boolean;
  placed_at: Date;
  customer_order_id: string | null;
  payment_due_at: Date | null;
  seller_orders: { id: string; organisation_id: string }[] | null;
  lines: { id: string; seller_order_id: string; variant_id: string }[] | null;
  payment_id: string | null;
  locked: { id: string; stock: number; buyable: boolean | null }[] | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** PostgreSQL gave up one of two transactions waiting on each other; running it again is safe. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

/** Two orders drew the same random code (33 million a day): the statement wrote nothing, draw again. */
function isCodeCollision(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && (constraint === 'customer_orders_code_key' || constraint === 'seller_orders_code_key');
}

/** The cart changed between reading it and placing the order (another tab, a second click): read it again. */
class CartMoved extends Error {}

const ATTEMPTS = 4;

/**
 * Places the order, then starts its payment.
 *
 * Placing is one read and one statement. The read takes the cart with prices, stock, the sellers'
 * shipping rules and the destination, and prices everything. The statement, in its own
 * transaction, locks the cart's lines and then the variants in id order (so two checkouts never
 * wait on each other in a cycle), re-checks under those locks that stock suffices and that price,
 * weight and availability are still what was priced, and only then takes the stock and writes the
 * customer order, the seller orders, their lines and events (and, for cash on delivery, the
 * payment) and empties the cart. If any check fails it writes nothing: either the buyer is told
 * what changed, or (a price moved, the cart changed) the read is simply done again. Locks are
 * held for that one statement only.
 *
 * An online payment starts after the order is committed, so that a slow payment gateway never
 * holds the stock locks; if it fails, the order waits for payment and the buyer can try again
 * (`startPayment`) until the payment window closes.
 */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly shipping: ShippingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkout(
    owner: CartOwner,
    buyer: AuthenticatedUser | null,
    input: CheckoutDto,
    context: BuyerRequestContext,
  ): Promise<CheckoutResultDto> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.placeOnce(owner, buyer, input, context);
      } catch (error) {
        const again = error instanceof CartMoved || isRetryable(error) || isCodeCollision(error);
        if (again && attempt < ATTEMPTS) continue;
        if (error instanceof CartMoved) {
          // Prices or the cart kept changing under us: the storefront reloads the cart on this code.
          throw new DomainError(
            'total_changed',
            'The cart or its prices changed during checkout; please review the cart',
            HttpStatus.CONFLICT,
          );
        }
        throw error;
      }
    }
  }

  private async placeOnce(
    owner: CartOwner,
    buyer: AuthenticatedUser | null,
    input: CheckoutDto,
    context: BuyerRequestContext,
  ): Promise<CheckoutResultDto> {
    const rows = await this.readCart(owner, input.delivery.communeCode);
    const lines = rows.filter((row) => row.variant_id !== null);
    if (lines.length === 0) throw new DomainError('cart_empty', 'The cart is empty', HttpStatus.CONFLICT);
    const destination = rows[0]!;
    const provinceCode = destination.destination_province;
    if (!provinceCode) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'delivery.communeCode', messages: [`no commune has the code ${input.delivery.communeCode}`] },
      ]);
    }
    const shortages = lines
      .filter((line) => !line.buyable || line.stock < line.quantity)
      .map((line) => ({ variantId: line.variant_id!, buyable: line.buyable === true, stock: line.stock }));
    if (shortages.length > 0) throw stockChanged(shortages);

    // Group by seller and price everything with today's prices and each seller's shipping rule.
    const code = newOrderCode();
    const sellers = new Map<string, SellerPart & { lines: WantedLine[]; origin: string | null; rule: ShippingRule }>();
    const wanted: WantedLine[] = [];
    for (const row of lines) {
      const line: WantedLine = {
        variant_id: row.variant_id!,
        quantity: row.quantity,
        unit_price: Number(row.price),
        weight_grams: row.weight_grams ?? 0,
        organisation_id: row.organisation_id,
        product_id: row.product_id,
        product_name: row.product_name,
        variant_label: row.label,
        sku: row.sku,
      };
      wanted.push(line);
      const part = sellers.get(row.organisation_id) ?? {
        organisation_id: row.organisation_id,
        organisation_name: row.organisation_name,
        code: `${code}-${sellers.size + 1}`,
        goods_total: 0,
        shipping_fee: 0,
        total: 0,
        shipping_zone: '',
        weight_grams: 0,
        lines: [],
        origin: row.origin_province,
        rule: ruleFromRow(row),
      };
      part.lines.push(line);
      part.goods_total += line.unit_price * line.quantity;
      part.weight_grams += line.weight_grams * line.quantity;
      sellers.set(row.organisation_id, part);
    }
    for (const part of sellers.values()) {
      const quote = this.shipping.quoteWithRule({
        originProvinceCode: part.origin,
        provinceCode,
        rule: part.rule,
        weightGrams: part.weight_grams,
        subtotal: part.goods_total,
      });
      part.shipping_fee = quote.fee;
      part.shipping_zone = quote.zone;
      part.total = part.goods_total + quote.fee;
    }
    const parts = [...sellers.values()];
    const goodsTotal = parts.reduce((sum, part) => sum + part.goods_total, 0);
    const shippingTotal = parts.reduce((sum, part) => sum + part.shipping_fee, 0);
    const grandTotal = goodsTotal + shippingTotal;
    if (input.expectedGrandTotal !== undefined && input.expectedGrandTotal !== grandTotal) {
      throw new DomainError(
        'total_changed',
        `The total is now ${grandTotal} đồng; please review the cart`,
        HttpStatus.CONFLICT,
      );
    }

    const orderAccessToken = randomBytes(24).toString('base64url');
    const cash = this.payments.cashPaymentRow(input.paymentMethod, grandTotal);
    const placed = await this.place({
      cartId: destination.cart_id!,
      wanted,
      parts,
      code,
      buyer,
      input,
      provinceCode,
      goodsTotal,
      shippingTotal,
      grandTotal,
      orderAccessToken,
      cash,
    });
    if (!placed.ok) {
      const found = new Map((placed.locked ?? []).map((variant) => [variant.id, variant]));
      const problems = wanted.flatMap((line) => {
        const variant = found.get(line.variant_id);
        if (!variant?.buyable) return [{ variantId: line.variant_id, buyable: false, stock: 0 }];
        if (variant.stock < line.quantity) return [{ variantId: line.variant_id, buyable: true, stock: variant.stock }];
        return [];
      });
      if (problems.length > 0) throw stockChanged(problems);
      // Stock is there but the cart or a price moved since the read: price it again.
      throw new CartMoved();
    }

    const customerOrderId = placed.customer_order_id!;
    const sellerOrderIds = new Map((placed.seller_orders ?? []).map((row) => [row.organisation_id, row.id]));
    this.orders.notifyPlaced(
      parts.flatMap((part) =>
        (['buyer', 'seller'] as const).map((audience): OrderNotification => ({
          audience,
          event: 'order_placed',
          customerOrderCode: code,
          sellerOrderCode: part.code,
          organisationId: part.organisation_id,
          status: 'awaiting_payment',
          buyerEmail: input.buyer.email?.toLowerCase() ?? null,
        })),
      ),
    );

    let payment: StartedPaymentDto | null = null;
    let paymentError: string | null = null;
    if (cash && placed.payment_id) {
      payment = {
        id: placed.payment_id,
        method: input.paymentMethod,
        status: 'pending',
        accessToken: cash.accessToken,
        action: cash.action,
      };
    } else {
      try {
        payment = await this.start(customerOrderId, code, grandTotal, input.paymentMethod, context);
      } catch (error) {
        this.logger.warn({ err: error, order: code }, 'The order was placed but its payment could not start');
        paymentError = error instanceof DomainError ? error.code : 'payment_provider_failed';
      }
    }

    // The answer is what GET /api/orders/:code would show the buyer, built from what was just written.
    const at = placed.placed_at.toISOString();
    const lineIds = new Map((placed.lines ?? []).map((row) => [row.variant_id, row.id]));
    const sellerOrders: SellerOrderDto[] = parts
      .map((part) => ({
        id: sellerOrderIds.get(part.organisation_id)!,
        code: part.code,
        organisationId: part.organisation_id,
        organisationName: part.organisation_name,
        status: 'awaiting_payment' as const,
        goodsTotal: part.goods_total,
        shippingFee: part.shipping_fee,
        total: part.total,
        shippingZone: part.shipping_zone,
        lines: [...part.lines]
          .sort((a, b) => compare(a.product_name, b.product_name) || compare(a.variant_label, b.variant_label))
          .map((line) => ({
            id: lineIds.get(line.variant_id)!,
            variantId: line.variant_id,
            productId: line.product_id,
            productName: line.product_name,
            variantLabel: line.variant_label,
            sku: line.sku,
            unitPrice: line.unit_price,
            quantity: line.quantity,
            lineTotal: line.unit_price * line.quantity,
          })),
        events: [
          {
            action: 'place',
            fromStatus: null,
            toStatus: 'awaiting_payment' as const,
            actorType: 'buyer',
            note: null,
            at,
          },
        ],
        availableActions: actionsAvailable('awaiting_payment', 'buyer', {
          cashOnDelivery: input.paymentMethod === 'cod',
          paidOnline: false,
        }),
        invoices: [],
        createdAt: at,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const order: CustomerOrderDto = {
      id: customerOrderId,
      code,
      paymentMethod: input.paymentMethod,
      goodsTotal,
      shippingTotal,
      grandTotal,
      paymentDueAt: placed.payment_due_at?.toISOString() ?? null,
      recipientName: input.delivery.recipientName.trim(),
      recipientPhone: input.delivery.recipientPhone,
      streetAddress: input.delivery.streetAddress.trim(),
      communeName: destination.commune_name!,
      provinceName: destination.province_name!,
      sellerOrders,
      createdAt: at,
    };
    return { order, orderAccessToken, payment, paymentError };
  }

  /**
   * The cart's lines with their variant, product and seller, the seller's commune and shipping rule,
   * and the destination commune: one round trip, no locks. Always at least one row (the destination),
   * with `variant_id` null when there is no cart or it is empty.
   */
  private readCart(owner: CartOwner, communeCode: string): Promise<CartLineRow[]> {
    const [ownerColumn, ownerValue] =
      'userId' in owner ? ['user_id', owner.userId] : ['guest_token_hash', hashCartToken(owner.guestToken)];
    return preparedQuery<CartLineRow>(
      this.db,
      `checkout-read-cart-by-${ownerColumn}`,
      `SELECT d.province_code AS destination_province, d.commune_name, d.province_name,
              c.id AS cart_id, l.variant_id, l.quantity, v.price, v.stock, v.weight_grams, v.label, v.sku,
              p.id AS product_id, p.name AS product_name, v.organisation_id, o.name AS organisation_name,
              ${BUYABLE_SQL} AS buyable, oc.province_code AS origin_province, r.rates, r.free_shipping_threshold
       FROM (SELECT 1) AS one
       LEFT JOIN (SELECT cm.province_code, cm.name AS commune_name, pr.name AS province_name
                  FROM communes cm JOIN provinces pr ON pr.code = cm.province_code WHERE cm.code = $2) d ON true
       LEFT JOIN carts c ON c.${ownerColumn} = $1
       LEFT JOIN cart_lines l ON l.cart_id = c.id
       LEFT JOIN product_variants v ON v.id = l.variant_id
       LEFT JOIN products p ON p.id = v.product_id
       LEFT JOIN organisations o ON o.id = v.organisation_id
       LEFT JOIN communes oc ON oc.code = o.commune_code
       LEFT JOIN shipping_rules r ON r.organisation_id = v.organisation_id
       ORDER BY l.variant_id`,
      [ownerValue, communeCode],
    );
  }

  /**
   * The one statement that places the order (see the class comment). Run on its own it is its own
   * transaction: all of it commits or none of it does. `ok` is computed from the rows as locked, and
   * every write is conditional on it.
   */
  private async place(order: {
    cartId: string;
    wanted: WantedLine[];
    parts: SellerPart[];
    code: string;
    buyer: AuthenticatedUser | null;
    input: CheckoutDto;
    provinceCode: string;
    goodsTotal: number;
    shippingTotal: number;
    grandTotal: number;
    orderAccessToken: string;
    cash: CashPaymentRow | null;
  }): Promise<PlacedRow> {
    const { input, cash } = order;
    const rows = await preparedQuery<PlacedRow>(
      this.db,
      'checkout-place-order',
      `WITH wanted AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(variant_id uuid, quantity int, unit_price bigint,
           weight_grams int, organisation_id uuid, product_id uuid, product_name text, variant_label text, sku text)),
       -- A second checkout of the same cart waits here, then finds the lines gone.
       cart AS MATERIALIZED (
         SELECT variant_id, quantity FROM cart_lines WHERE cart_id = $2 ORDER BY variant_id FOR UPDATE),
       locked AS MATERIALIZED (
         SELECT v.id, v.stock, v.price, v.weight_grams, v.organisation_id, ${BUYABLE_SQL} AS buyable
         FROM product_variants v JOIN products p ON p.id = v.product_id JOIN organisations o ON o.id = v.organisation_id
         WHERE v.id IN (SELECT variant_id FROM wanted) ORDER BY v.id FOR UPDATE OF v),
       verdict AS (
         SELECT (SELECT count(*) FROM cart) = (SELECT count(*) FROM wanted)
           AND NOT EXISTS (
             SELECT 1 FROM wanted w LEFT JOIN cart c ON c.variant_id = w.variant_id
             LEFT JOIN locked v ON v.id = w.variant_id
             WHERE c.quantity IS DISTINCT FROM w.quantity OR v.id IS NULL OR v.buyable IS NOT TRUE
               OR v.stock < w.quantity OR v.price <> w.unit_price OR coalesce(v.weight_grams, 0) <> w.weight_grams
               OR v.organisation_id <> w.organisation_id) AS ok),
       reserved AS (
         UPDATE product_variants v SET stock = v.stock - w.quantity, updated_at = now()
         FROM wanted w WHERE v.id = w.variant_id AND (SELECT ok FROM verdict)
         RETURNING v.id),
       co AS (
         INSERT INTO customer_orders (code, buyer_user_id, buyer_name, buyer_phone, buyer_email, recipient_name,
           recipient_phone, street_address, commune_code, province_code, invoice_name, invoice_tax_code, invoice_email,
           invoice_address, payment_method, goods_total, shipping_total, grand_total, payment_due_at, access_token_hash)
         SELECT $3, $4::uuid, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::bigint, $19::bigint,
                $20::bigint, CASE WHEN $21::boolean THEN now() + make_interval(mins => $22::int) END, $23
         WHERE (SELECT ok FROM verdict)
         RETURNING id, payment_due_at),
       so AS (
         INSERT INTO seller_orders (customer_order_id, organisation_id, code, status, goods_total, shipping_fee, total,
           shipping_zone, weight_grams)
         SELECT co.id, s.organisation_id, s.code, 'awaiting_payment', s.goods_total, s.shipping_fee, s.total,
                s.shipping_zone, s.weight_grams
         FROM co CROSS JOIN jsonb_to_recordset($24::jsonb) AS s(organisation_id uuid, code text, goods_total bigint,
           shipping_fee bigint, total bigint, shipping_zone text, weight_grams int)
         RETURNING id, organisation_id),
       lines AS (
         INSERT INTO seller_order_lines (seller_order_id, product_id, variant_id, product_name, variant_label, sku,
           unit_price, quantity, line_total, weight_grams)
         SELECT so.id, w.product_id, w.variant_id, w.product_name, w.variant_label, w.sku, w.unit_price, w.quantity,
                w.unit_price * w.quantity, w.weight_grams
         FROM so JOIN wanted w ON w.organisation_id = so.organisation_id
         RETURNING id, seller_order_id, variant_id),
       events AS (
         INSERT INTO seller_order_events (seller_order_id, action, from_status, to_status, actor_type, actor_user_id)
         SELECT so.id, 'place', NULL, 'awaiting_payment', 'buyer', $4::uuid FROM so),
       -- A reference collision leaves the order without a payment here; it is then started on its own.
       payment AS (
         INSERT INTO payments (customer_order_id, method, amount, reference, access_token_hash, created_at, updated_at)
         SELECT co.id, $25, $26::bigint, $27, $28, $29::timestamptz, $29::timestamptz FROM co WHERE $25::text IS NOT NULL
         ON CONFLICT (reference) DO NOTHING
         RETURNING id),
       emptied AS (
         DELETE FROM cart_lines WHERE cart_id = $2 AND variant_id IN (SELECT variant_id FROM wanted)
           AND (SELECT ok FROM verdict))
       SELECT (SELECT ok FROM verdict) AS ok, now() AS placed_at,
              (SELECT id FROM co) AS customer_order_id, (SELECT payment_due_at FROM co) AS payment_due_at,
              (SELECT json_agg(so) FROM so) AS seller_orders, (SELECT json_agg(lines) FROM lines) AS lines,
              (SELECT id FROM payment) AS payment_id,
              (SELECT json_agg(json_build_object('id', id, 'stock', stock, 'buyable', buyable)) FROM locked) AS locked`,
      [
        JSON.stringify(order.wanted),
        order.cartId,
        order.code,
        order.buyer?.userId ?? null,
        input.buyer.name.trim(),
        input.buyer.phone,
        input.buyer.email?.toLowerCase() ?? null,
        input.delivery.recipientName.trim(),
        input.delivery.recipientPhone,
        input.delivery.streetAddress.trim(),
        input.delivery.communeCode,
        order.provinceCode,
        input.invoice.name.trim(),
        input.invoice.taxCode ?? null,
        input.invoice.email?.toLowerCase() ?? null,
        input.invoice.address?.trim() ?? null,
        input.paymentMethod,
        order.goodsTotal,
        order.shippingTotal,
        order.grandTotal,
        input.paymentMethod !== 'cod',
        PAYMENT_WINDOW_MINUTES,
        hashToken(order.orderAccessToken),
        JSON.stringify(
          order.parts.map((part) => ({
            organisation_id: part.organisation_id,
            code: part.code,
            goods_total: part.goods_total,
            shipping_fee: part.shipping_fee,
            total: part.total,
            shipping_zone: part.shipping_zone,
            weight_grams: part.weight_grams,
          })),
        ),
        cash?.method ?? null,
        cash?.amount ?? null,
        cash?.reference ?? null,
        cash?.accessTokenHash ?? null,
        cash?.createdAt ?? null,
      ],
    );
    return rows[0]!;
  }

  /** A new payment attempt for what the order still owes (after a failed or abandoned one). */
  async startPayment(
    code: string,
    buyer: AuthenticatedUser | null,
    accessToken: string | undefined,
    method: PaymentMethod,
    context: BuyerRequestContext,
  ): Promise<StartedPaymentDto> {
    const order = await this.orders.getForBuyer(code, buyer, accessToken);
    const amount = await this.orders.amountAwaitingPayment(order.id);
    if (amount === 0)
      throw new DomainError('nothing_to_pay', 'Nothing in this order is waiting for payment', HttpStatus.CONFLICT);
    if (method === 'cod' && order.paymentMethod !== 'cod') {
      throw new DomainError(
        'payment_method_unavailable',
        'Cash on delivery must be chosen at checkout',
        HttpStatus.CONFLICT,
      );
    }
    // Only one attempt may be open, so that money cannot arrive twice for the same goods.
    await this.payments.closePendingForOrder(order.id, 'cancelled');
    return this.start(order.id, order.code, amount, method, context);
  }

  private async start(
    customerOrderId: string,
    code: string,
    amount: number,
    method: PaymentMethod,
    context: BuyerRequestContext,
  ): Promise<StartedPaymentDto> {
    const base = this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`;
    const created = await this.payments.createPayment({
      customerOrderId,
      amount,
      method,
      buyerIp: context.ip,
      // VNPay and bank apps show this; kept ASCII because some of them mangle diacritics.
      orderInfo: `Thanh toan don hang ${code}`,
      returnUrl: `${base}/thanh-toan/vnpay`,
      locale: context.locale,
    });
    return {
      id: created.payment.id,
      method,
      status: created.payment.status,
      accessToken: created.accessToken,
      action: created.action,
    };
  }
}

/** Code-point order, as PostgreSQL sorts text in the C.UTF-8 collation the order read-back uses. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stockChanged(problems: { variantId: string; buyable: boolean; stock: number }[]): DomainError {
  return new DomainError(
    'stock_changed',
    'Some products are no longer available in the quantity asked for',
    HttpStatus.CONFLICT,
    problems.map((p) => ({
      field: `lines.${p.variantId}`,
      messages: [p.buyable ? `only ${p.stock} left` : 'no longer on sale'],
    })),
  );
}
