import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { ShippingService } from '../shipping/shipping.service.js';
import { BUYABLE_SQL, type CartOwner, CartService } from './cart.service.js';
import type { CheckoutDto, CustomerOrderDto, OrderEventDto, OrderLineDto, SellerOrderDto } from './dto/checkout.dto.js';
import { NOTIFICATION_SENDER, type NotificationSender, type OrderNotification } from './notifications.js';
import { newOrderCode } from './order-code.js';
import { OrderInvoicing } from './order-invoicing.js';
import { ORDER_TRANSITION_HOOKS, type OrderTransitionHooks } from './order-transition-hooks.js';
import {
  actionsAvailable,
  type OrderAction,
  type OrderActor,
  releasesStock,
  type SellerOrderStatus,
  transition,
} from './seller-order-lifecycle.js';

/** How long a buyer has to pay online before the order is cancelled and its stock goes back. */
export const PAYMENT_WINDOW_MINUTES = 15;

interface LockedVariant {
  id: string;
  price: string;
  stock: number;
  weight_grams: number | null;
  label: string;
  sku: string;
  product_id: string;
  product_name: string;
  organisation_id: string;
  buyable: boolean;
}

interface SellerOrderRow {
  id: string;
  customer_order_id: string;
  organisation_id: string;
  organisation_name: string;
  code: string;
  status: SellerOrderStatus;
  goods_total: string;
  shipping_fee: string;
  total: string;
  shipping_zone: string;
  paid_online: boolean;
  created_at: Date;
}

export interface PlacedOrder {
  customerOrderId: string;
  code: string;
  grandTotal: number;
  paymentMethod: CheckoutDto['paymentMethod'];
  orderAccessToken: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const ORDER_NOT_FOUND = () => new DomainError('order_not_found', 'Order not found', HttpStatus.NOT_FOUND);

/** PostgreSQL gave up one of two transactions waiting on each other; running it again is safe. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly carts: CartService,
    private readonly shipping: ShippingService,
    @Inject(NOTIFICATION_SENDER) private readonly notifications: NotificationSender,
    @Inject(ORDER_TRANSITION_HOOKS) private readonly hooks: OrderTransitionHooks,
    private readonly invoicing: OrderInvoicing,
  ) {}

  /**
   * Turns the cart into one customer order and one seller order per seller, in one transaction.
   * Variants are locked in id order (so two checkouts never wait on each other in a cycle), stock is
   * re-read under the lock and taken, prices are the current ones; if anything changed since the
   * buyer looked, nothing is written and the buyer is told what.
   */
  async checkout(owner: CartOwner, buyer: AuthenticatedUser | null, input: CheckoutDto): Promise<PlacedOrder> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const placed = await this.db.transaction((manager) => this.placeOrder(manager, owner, buyer, input));
        void this.notifyPlaced(placed.customerOrderId);
        return placed;
      } catch (error) {
        if (attempt < 3 && isRetryable(error)) continue;
        throw error;
      }
    }
  }

  private async placeOrder(
    manager: EntityManager,
    owner: CartOwner,
    buyer: AuthenticatedUser | null,
    input: CheckoutDto,
  ): Promise<PlacedOrder> {
    const cartId = await this.carts.findCartId(manager, owner);
    const lines: { variant_id: string; quantity: number }[] = cartId
      ? await manager.query('SELECT variant_id, quantity FROM cart_lines WHERE cart_id = $1 ORDER BY variant_id', [
          cartId,
        ])
      : [];
    if (lines.length === 0) throw new DomainError('cart_empty', 'The cart is empty', HttpStatus.CONFLICT);

    const destination: { province_code: string }[] = await manager.query(
      'SELECT province_code FROM communes WHERE code = $1',
      [input.delivery.communeCode],
    );
    const provinceCode = destination[0]?.province_code;
    if (!provinceCode) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'delivery.communeCode', messages: [`no commune has the code ${input.delivery.communeCode}`] },
      ]);
    }

    const variants: LockedVariant[] = await manager.query(
      `SELECT v.id, v.price, v.stock, v.weight_grams, v.label, v.sku, p.id AS product_id, p.name AS product_name,
              v.organisation_id, ${BUYABLE_SQL} AS buyable
       FROM product_variants v JOIN products p ON p.id = v.product_id JOIN organisations o ON o.id = v.organisation_id
       WHERE v.id = ANY($1) ORDER BY v.id FOR UPDATE OF v`,
      [lines.map((line) => line.variant_id)],
    );
    const byId = new Map(variants.map((variant) => [variant.id, variant]));
    const problems = lines.flatMap((line) => {
      const variant = byId.get(line.variant_id);
      if (!variant?.buyable) return [{ variantId: line.variant_id, problem: 'unavailable', available: 0 }];
      if (variant.stock < line.quantity)
        return [{ variantId: line.variant_id, problem: 'insufficient_stock', available: variant.stock }];
      return [];
    });
    if (problems.length > 0) {
      throw new DomainError(
        'stock_changed',
        'Some products are no longer available in the quantity asked for',
        HttpStatus.CONFLICT,
        problems.map((p) => ({
          field: `lines.${p.variantId}`,
          messages: [p.problem === 'unavailable' ? 'no longer on sale' : `only ${p.available} left`],
        })),
      );
    }

    // Group by seller and price everything with today's prices and each seller's shipping rule.
    const sellers = new Map<
      string,
      { lines: { variant: LockedVariant; quantity: number }[]; goods: number; weight: number }
    >();
    for (const line of lines) {
      const variant = byId.get(line.variant_id)!;
      const group = sellers.get(variant.organisation_id) ?? { lines: [], goods: 0, weight: 0 };
      group.lines.push({ variant, quantity: line.quantity });
      group.goods += Number(variant.price) * line.quantity;
      group.weight += (variant.weight_grams ?? 0) * line.quantity;
      sellers.set(variant.organisation_id, group);
    }
    const quotes = new Map<string, { zone: string; fee: number }>();
    for (const [organisationId, group] of sellers) {
      quotes.set(
        organisationId,
        await this.shipping.quote(
          { organisationId, provinceCode, weightGrams: group.weight, subtotal: group.goods },
          manager,
        ),
      );
    }
    const goodsTotal = [...sellers.values()].reduce((sum, group) => sum + group.goods, 0);
    const shippingTotal = [...quotes.values()].reduce((sum, quote) => sum + quote.fee, 0);
    const grandTotal = goodsTotal + shippingTotal;
    if (input.expectedGrandTotal !== undefined && input.expectedGrandTotal !== grandTotal) {
      throw new DomainError(
        'total_changed',
        `The total is now ${grandTotal} đồng; please review the cart`,
        HttpStatus.CONFLICT,
      );
    }

    await manager.query(
      `UPDATE product_variants v SET stock = v.stock - x.quantity, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS x(id, quantity) WHERE v.id = x.id`,
      [lines.map((line) => line.variant_id), lines.map((line) => line.quantity)],
    );

    const code = newOrderCode();
    const orderAccessToken = randomBytes(24).toString('base64url');
    const paysOnline = input.paymentMethod !== 'cod';
    const [order] = (await manager.query(
      `INSERT INTO customer_orders (code, buyer_user_id, buyer_name, buyer_phone, buyer_email, recipient_name, recipient_phone,
         street_address, commune_code, province_code, invoice_name, invoice_tax_code, invoice_email, invoice_address,
         payment_method, goods_total, shipping_total, grand_total, payment_due_at, access_token_hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,
               CASE WHEN $19 THEN now() + make_interval(mins => $20) END, $21)
       RETURNING id`,
      [
        code,
        buyer?.userId ?? null,
        input.buyer.name.trim(),
        input.buyer.phone,
        input.buyer.email?.toLowerCase() ?? null,
        input.delivery.recipientName.trim(),
        input.delivery.recipientPhone,
        input.delivery.streetAddress.trim(),
        input.delivery.communeCode,
        provinceCode,
        input.invoice.name.trim(),
        input.invoice.taxCode ?? null,
        input.invoice.email?.toLowerCase() ?? null,
        input.invoice.address?.trim() ?? null,
        input.paymentMethod,
        goodsTotal,
        shippingTotal,
        grandTotal,
        paysOnline,
        PAYMENT_WINDOW_MINUTES,
        hashToken(orderAccessToken),
      ],
    )) as { id: string }[];
    const customerOrderId = order!.id;

    let index = 0;
    for (const [organisationId, group] of sellers) {
      index += 1;
      const quote = quotes.get(organisationId)!;
      const [sellerOrder] = (await manager.query(
        `INSERT INTO seller_orders (customer_order_id, organisation_id, code, status, goods_total, shipping_fee, total,
           shipping_zone, weight_grams)
         VALUES ($1, $2, $3, 'awaiting_payment', $4, $5, $6, $7, $8) RETURNING id`,
        [
          customerOrderId,
          organisationId,
          `${code}-${index}`,
          group.goods,
          quote.fee,
          group.goods + quote.fee,
          quote.zone,
          group.weight,
        ],
      )) as { id: string }[];
      await manager.query(
        `INSERT INTO seller_order_lines (seller_order_id, product_id, variant_id, product_name, variant_label, sku,
           unit_price, quantity, line_total, weight_grams)
         SELECT $1, x.product_id, x.variant_id, x.product_name, x.variant_label, x.sku, x.unit_price, x.quantity,
                x.unit_price * x.quantity, x.weight_grams
         FROM jsonb_to_recordset($2::jsonb) AS x(product_id uuid, variant_id uuid, product_name text, variant_label text,
           sku text, unit_price bigint, quantity int, weight_grams int)`,
        [
          sellerOrder!.id,
          JSON.stringify(
            group.lines.map(({ variant, quantity }) => ({
              product_id: variant.product_id,
              variant_id: variant.id,
              product_name: variant.product_name,
              variant_label: variant.label,
              sku: variant.sku,
              unit_price: Number(variant.price),
              quantity,
              weight_grams: variant.weight_grams ?? 0,
            })),
          ),
        ],
      );
      await this.recordEvent(
        manager,
        sellerOrder!.id,
        'place',
        null,
        'awaiting_payment',
        'buyer',
        buyer?.userId ?? null,
        null,
      );
    }
    if (cartId) await this.carts.clear(manager, cartId);
    return { customerOrderId, code, grandTotal, paymentMethod: input.paymentMethod, orderAccessToken };
  }

  /** A buyer's own order, or a guest's with the access token handed out at checkout. */
  async getForBuyer(code: string, caller: AuthenticatedUser | null, accessToken?: string): Promise<CustomerOrderDto> {
    const rows: { id: string; buyer_user_id: string | null; access_token_hash: string }[] = await this.db.query(
      'SELECT id, buyer_user_id, access_token_hash FROM customer_orders WHERE code = $1',
      [code],
    );
    const order = rows[0];
    const allowed =
      order &&
      ((caller && order.buyer_user_id === caller.userId) ||
        (accessToken !== undefined && hashToken(accessToken) === order.access_token_hash));
    if (!order || !allowed) throw ORDER_NOT_FOUND();
    return this.customerOrderDto(this.db.manager, order.id, 'buyer');
  }

  async listForBuyer(caller: AuthenticatedUser): Promise<CustomerOrderDto[]> {
    const rows: { id: string }[] = await this.db.query(
      'SELECT id FROM customer_orders WHERE buyer_user_id = $1 ORDER BY created_at DESC LIMIT 100',
      [caller.userId],
    );
    return Promise.all(rows.map((row) => this.customerOrderDto(this.db.manager, row.id, 'buyer')));
  }

  async listForSeller(caller: AuthenticatedUser, status?: SellerOrderStatus): Promise<SellerOrderDto[]> {
    const rows = await this.sellerOrderRows(
      this.db.manager,
      'so.organisation_id = $1 AND ($2::text IS NULL OR so.status = $2)',
      [caller.organisationId, status ?? null],
    );
    return this.sellerOrderDtos(this.db.manager, rows, 'seller');
  }

  async getForSeller(caller: AuthenticatedUser, sellerOrderId: string): Promise<SellerOrderDto> {
    const rows = await this.sellerOrderRows(this.db.manager, 'so.id = $1 AND so.organisation_id = $2', [
      sellerOrderId,
      caller.organisationId,
    ]);
    if (rows.length === 0) throw ORDER_NOT_FOUND();
    return (await this.sellerOrderDtos(this.db.manager, rows, 'seller'))[0]!;
  }

  /** A seller's step on its own order. Another organisation's order is not found. */
  async actAsSeller(
    caller: AuthenticatedUser,
    sellerOrderId: string,
    action: OrderAction,
    note?: string,
  ): Promise<SellerOrderDto> {
    await this.act(
      sellerOrderId,
      action,
      'seller',
      caller.userId,
      note,
      (row) => row.organisation_id === caller.organisationId,
    );
    return this.getForSeller(caller, sellerOrderId);
  }

  /** A buyer's step (cancel before packing, confirm receipt) on one seller's part of their order. */
  async actAsBuyer(
    code: string,
    sellerOrderId: string,
    action: OrderAction,
    caller: AuthenticatedUser | null,
    accessToken?: string,
    note?: string,
  ): Promise<CustomerOrderDto> {
    const order = await this.getForBuyer(code, caller, accessToken);
    if (!order.sellerOrders.some((sellerOrder) => sellerOrder.id === sellerOrderId)) throw ORDER_NOT_FOUND();
    await this.act(sellerOrderId, action, 'buyer', caller?.userId ?? null, note, () => true);
    return this.getForBuyer(code, caller, accessToken);
  }

  /**
   * Called by payments, inside the transaction that captured the money: every seller order of the
   * customer order that still awaits payment becomes paid.
   */
  async markPaid(manager: EntityManager, customerOrderId: string): Promise<void> {
    const rows: { id: string }[] = await manager.query(
      "SELECT id FROM seller_orders WHERE customer_order_id = $1 AND status = 'awaiting_payment' ORDER BY id FOR UPDATE",
      [customerOrderId],
    );
    for (const row of rows) {
      await this.applyTransition(manager, row.id, 'awaiting_payment', 'pay', 'system', null, null, false);
      await manager.query('UPDATE seller_orders SET paid_online = true WHERE id = $1', [row.id]);
      await this.invoicing.onEvent(manager, row.id, 'paid');
    }
    if (rows.length === 0) return;
    // Read inside the capturing transaction (it sees "paid"), sent once that transaction has ended.
    const notifications = await this.notificationsFor(
      manager,
      rows.map((row) => row.id),
      'status_changed',
    );
    setImmediate(() => void this.dispatch(notifications));
  }

  /**
   * Cancels unpaid online orders whose payment window has passed and puts their stock back. Runs in
   * batches with SKIP LOCKED so that several API processes can sweep at once without colliding.
   */
  async expireOverdue(manager?: EntityManager): Promise<number> {
    const work = async (m: EntityManager) => {
      const rows: { id: string }[] = await m.query(
        `SELECT so.id FROM seller_orders so JOIN customer_orders co ON co.id = so.customer_order_id
         WHERE so.status = 'awaiting_payment' AND co.payment_due_at < now()
           -- A payment still open is closed by the payments sweep, which then expires the order
           -- through the listener: money and order change in one transaction, never apart.
           AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.customer_order_id = co.id AND p.status IN ('pending', 'succeeded'))
         ORDER BY so.id LIMIT 500 FOR UPDATE OF so SKIP LOCKED`,
      );
      for (const row of rows)
        await this.applyTransition(
          m,
          row.id,
          'awaiting_payment',
          'expire',
          'system',
          null,
          'payment window passed',
          false,
        );
      return rows.length;
    };
    return manager ? work(manager) : this.db.transaction(work);
  }

  /** The payment of this order expired: whatever still awaits payment is cancelled and its stock returned. */
  async expireAwaitingPayment(manager: EntityManager, customerOrderId: string): Promise<void> {
    const rows: { id: string }[] = await manager.query(
      "SELECT id FROM seller_orders WHERE customer_order_id = $1 AND status = 'awaiting_payment' ORDER BY id FOR UPDATE",
      [customerOrderId],
    );
    for (const row of rows) {
      await this.applyTransition(
        manager,
        row.id,
        'awaiting_payment',
        'expire',
        'system',
        null,
        'payment expired',
        false,
      );
    }
  }

  /** Total of what still awaits payment in a customer order: what a new payment attempt must cover. */
  async amountAwaitingPayment(customerOrderId: string): Promise<number> {
    const rows: { total: string | null }[] = await this.db.query(
      "SELECT sum(total) AS total FROM seller_orders WHERE customer_order_id = $1 AND status = 'awaiting_payment'",
      [customerOrderId],
    );
    return Number(rows[0]?.total ?? 0);
  }

  private async act(
    sellerOrderId: string,
    action: OrderAction,
    actor: OrderActor,
    actorUserId: string | null,
    note: string | undefined,
    owns: (row: { organisation_id: string }) => boolean,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      // Payments rows are locked before orders rows everywhere (the payment callbacks do the same).
      await manager.query(
        'SELECT p.id FROM payments p JOIN seller_orders so ON so.customer_order_id = p.customer_order_id WHERE so.id = $1 ORDER BY p.id FOR UPDATE OF p',
        [sellerOrderId],
      );
      const rows: {
        id: string;
        status: SellerOrderStatus;
        organisation_id: string;
        paid_online: boolean;
        customer_order_id: string;
      }[] = await manager.query(
        'SELECT id, status, organisation_id, paid_online, customer_order_id FROM seller_orders WHERE id = $1 FOR UPDATE',
        [sellerOrderId],
      );
      const row = rows[0];
      if (!row || !owns(row)) throw ORDER_NOT_FOUND();
      const to = await this.applyTransition(
        manager,
        row.id,
        row.status,
        action,
        actor,
        actorUserId,
        note ?? null,
        row.paid_online,
      );
      await this.hooks.afterTransition(manager, {
        customerOrderId: row.customer_order_id,
        sellerOrderId: row.id,
        from: row.status,
        to,
      });
      if (to === 'delivered') await this.invoicing.onEvent(manager, row.id, 'delivered');
      if (releasesStock(to))
        await this.invoicing.onCancelled(
          manager,
          row.id,
          note ?? `Đơn hàng ${to === 'refunded' ? 'hoàn tiền' : 'bị hủy'}`,
        );
    });
    void this.notifyStatus([sellerOrderId]);
  }

  private async applyTransition(
    manager: EntityManager,
    sellerOrderId: string,
    from: SellerOrderStatus,
    action: OrderAction,
    actor: OrderActor,
    actorUserId: string | null,
    note: string | null,
    paidOnline: boolean,
  ): Promise<SellerOrderStatus> {
    const result = transition(from, action, actor, paidOnline);
    if (!result.ok) {
      throw result.reason === 'not_your_step'
        ? new DomainError('action_not_allowed', `A ${actor} cannot ${action} this order`, HttpStatus.FORBIDDEN)
        : new DomainError(
            'invalid_order_transition',
            `Cannot ${action} an order that is ${from.replace('_', ' ')}`,
            HttpStatus.CONFLICT,
          );
    }
    await manager.query('UPDATE seller_orders SET status = $2, status_changed_at = now() WHERE id = $1', [
      sellerOrderId,
      result.to,
    ]);
    await this.recordEvent(manager, sellerOrderId, action, from, result.to, actor, actorUserId, note);
    if (releasesStock(result.to)) await this.releaseStock(manager, sellerOrderId);
    return result.to;
  }

  /** Puts an order's units back on the shelf, once: `stock_released_at` guards against a second time. */
  private async releaseStock(manager: EntityManager, sellerOrderId: string): Promise<void> {
    const released: unknown[] = await manager.query(
      'UPDATE seller_orders SET stock_released_at = now() WHERE id = $1 AND stock_released_at IS NULL RETURNING id',
      [sellerOrderId],
    );
    if (released.length === 0) return;
    await manager.query(
      `UPDATE product_variants v SET stock = v.stock + l.quantity, updated_at = now()
       FROM (SELECT variant_id, sum(quantity)::int AS quantity FROM seller_order_lines WHERE seller_order_id = $1 GROUP BY variant_id) l
       WHERE v.id = l.variant_id`,
      [sellerOrderId],
    );
  }

  private async recordEvent(
    manager: EntityManager,
    sellerOrderId: string,
    action: string,
    from: SellerOrderStatus | null,
    to: SellerOrderStatus,
    actor: OrderActor,
    actorUserId: string | null,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO seller_order_events (seller_order_id, action, from_status, to_status, actor_type, actor_user_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [sellerOrderId, action, from, to, actor, actorUserId, note],
    );
  }

  private sellerOrderRows(manager: EntityManager, where: string, params: unknown[]): Promise<SellerOrderRow[]> {
    return manager.query(
      `SELECT so.id, so.customer_order_id, so.organisation_id, o.name AS organisation_name, so.code, so.status,
              so.goods_total, so.shipping_fee, so.total, so.shipping_zone, so.paid_online, so.created_at
       FROM seller_orders so JOIN organisations o ON o.id = so.organisation_id
       WHERE ${where} ORDER BY so.created_at DESC, so.code LIMIT 200`,
      params,
    );
  }

  private async sellerOrderDtos(
    manager: EntityManager,
    rows: SellerOrderRow[],
    viewer: OrderActor,
  ): Promise<SellerOrderDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const lines: (OrderLineDto & { seller_order_id: string })[] = await manager.query(
      `SELECT seller_order_id, id, variant_id AS "variantId", product_id AS "productId", product_name AS "productName",
              variant_label AS "variantLabel", sku, unit_price::float8 AS "unitPrice", quantity, line_total::float8 AS "lineTotal"
       FROM seller_order_lines WHERE seller_order_id = ANY($1) ORDER BY product_name, variant_label`,
      [ids],
    );
    const events: (Omit<OrderEventDto, 'at'> & { seller_order_id: string; at: Date })[] = await manager.query(
      `SELECT seller_order_id, action, from_status AS "fromStatus", to_status AS "toStatus", actor_type AS "actorType",
              note, created_at AS at
       FROM seller_order_events WHERE seller_order_id = ANY($1) ORDER BY id`,
      [ids],
    );
    const invoices: { source_id: string; kind: string; status: string; lookup_code: string; issued_at: Date | null }[] =
      await manager.query(
        `SELECT source_id, kind, status, lookup_code, issued_at FROM invoices
         WHERE source_type = 'seller_order' AND source_id = ANY($1) ORDER BY created_at, id`,
        [ids],
      );
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      status: row.status,
      goodsTotal: Number(row.goods_total),
      shippingFee: Number(row.shipping_fee),
      total: Number(row.total),
      shippingZone: row.shipping_zone,
      lines: lines.filter((line) => line.seller_order_id === row.id).map(({ seller_order_id: _omit, ...line }) => line),
      events: events
        .filter((event) => event.seller_order_id === row.id)
        .map(({ seller_order_id: _omit, at, ...event }) => ({ ...event, at: at.toISOString() })),
      availableActions: actionsAvailable(row.status, viewer),
      invoices: invoices
        .filter((invoice) => invoice.source_id === row.id)
        .map((invoice) => ({
          kind: invoice.kind,
          status: invoice.status,
          lookupCode: invoice.lookup_code,
          issuedAt: invoice.issued_at?.toISOString() ?? null,
        })),
      createdAt: row.created_at.toISOString(),
    }));
  }

  private async customerOrderDto(
    manager: EntityManager,
    customerOrderId: string,
    viewer: OrderActor,
  ): Promise<CustomerOrderDto> {
    const rows: {
      id: string;
      code: string;
      payment_method: CustomerOrderDto['paymentMethod'];
      goods_total: string;
      shipping_total: string;
      grand_total: string;
      payment_due_at: Date | null;
      recipient_name: string;
      recipient_phone: string;
      street_address: string;
      commune_name: string;
      province_name: string;
      created_at: Date;
    }[] = await manager.query(
      `SELECT co.id, co.code, co.payment_method, co.goods_total, co.shipping_total, co.grand_total, co.payment_due_at,
              co.recipient_name, co.recipient_phone, co.street_address, c.name AS commune_name, p.name AS province_name, co.created_at
       FROM customer_orders co JOIN communes c ON c.code = co.commune_code JOIN provinces p ON p.code = co.province_code
       WHERE co.id = $1`,
      [customerOrderId],
    );
    const order = rows[0];
    if (!order) throw ORDER_NOT_FOUND();
    const sellerRows = await this.sellerOrderRows(manager, 'so.customer_order_id = $1', [customerOrderId]);
    return {
      id: order.id,
      code: order.code,
      paymentMethod: order.payment_method,
      goodsTotal: Number(order.goods_total),
      shippingTotal: Number(order.shipping_total),
      grandTotal: Number(order.grand_total),
      paymentDueAt: order.payment_due_at?.toISOString() ?? null,
      recipientName: order.recipient_name,
      recipientPhone: order.recipient_phone,
      streetAddress: order.street_address,
      communeName: order.commune_name,
      provinceName: order.province_name,
      sellerOrders: (await this.sellerOrderDtos(manager, sellerRows, viewer)).sort((a, b) =>
        a.code.localeCompare(b.code),
      ),
      createdAt: order.created_at.toISOString(),
    };
  }

  private async notifyPlaced(customerOrderId: string): Promise<void> {
    const ids: { id: string }[] = await this.db.query('SELECT id FROM seller_orders WHERE customer_order_id = $1', [
      customerOrderId,
    ]);
    await this.notifyStatus(
      ids.map((row) => row.id),
      'order_placed',
    );
  }

  /** Reads what to tell; with a transaction's manager it sees that transaction's changes. */
  private async notificationsFor(
    manager: EntityManager,
    sellerOrderIds: string[],
    event: OrderNotification['event'],
  ): Promise<OrderNotification[]> {
    const rows: {
      code: string;
      customer_code: string;
      organisation_id: string;
      status: string;
      buyer_email: string | null;
    }[] = await manager.query(
      `SELECT so.code, co.code AS customer_code, so.organisation_id, so.status, co.buyer_email
         FROM seller_orders so JOIN customer_orders co ON co.id = so.customer_order_id WHERE so.id = ANY($1)`,
      [sellerOrderIds],
    );
    return rows.flatMap((row) =>
      (['buyer', 'seller'] as const).map((audience) => ({
        audience,
        event,
        customerOrderCode: row.customer_code,
        sellerOrderCode: row.code,
        organisationId: row.organisation_id,
        status: row.status,
        buyerEmail: row.buyer_email,
      })),
    );
  }

  private async notifyStatus(
    sellerOrderIds: string[],
    event: OrderNotification['event'] = 'status_changed',
  ): Promise<void> {
    try {
      await this.dispatch(await this.notificationsFor(this.db.manager, sellerOrderIds, event));
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not read an order notification');
    }
  }

  /** Tells the buyer and the seller; a failed notification is logged and never undoes the order. */
  private async dispatch(notifications: OrderNotification[]): Promise<void> {
    for (const notification of notifications) {
      try {
        await this.notifications.send(notification);
      } catch (error) {
        this.logger.warn({ err: error, order: notification.sellerOrderCode }, 'Could not send an order notification');
      }
    }
  }
}
