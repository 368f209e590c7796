import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { CustomerOrderDto, OrderEventDto, OrderLineDto, SellerOrderDto } from './dto/checkout.dto.js';
import { NOTIFICATION_SENDER, type NotificationSender, type OrderNotification } from './notifications.js';
import { OrderInvoicing } from './order-invoicing.js';
import {
  ORDER_TRANSITION_HOOKS,
  type OrderTransitionHooks,
  type SellerOrderTransition,
} from './order-transition-hooks.js';
import { loadSellerViewExtras } from './seller-order-view.js';
import {
  actionsAvailable,
  type OrderAction,
  type OrderActor,
  type PaymentFacts,
  releasesStock,
  type SellerOrderStatus,
  transition,
} from './seller-order-lifecycle.js';

/** How long a buyer has to pay online before the order is cancelled and its stock goes back. */
export const PAYMENT_WINDOW_MINUTES = 15;

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
  cash_on_delivery: boolean;
  created_at: Date;
}

/** What the system's own steps (payment captured, payment window passed) know of an unpaid online order. */
const UNPAID_ONLINE: PaymentFacts = { cashOnDelivery: false, paidOnline: false };

const paymentFacts = (row: { cash_on_delivery: boolean; paid_online: boolean }): PaymentFacts => ({
  cashOnDelivery: row.cash_on_delivery,
  paidOnline: row.paid_online,
});

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const ORDER_NOT_FOUND = () => new DomainError('order_not_found', 'Order not found', HttpStatus.NOT_FOUND);

@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NOTIFICATION_SENDER) private readonly notifications: NotificationSender,
    @Inject(ORDER_TRANSITION_HOOKS) private readonly hooks: OrderTransitionHooks,
    private readonly invoicing: OrderInvoicing,
  ) {}

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
      await this.applyTransition(manager, row.id, 'awaiting_payment', 'pay', 'system', null, null, UNPAID_ONLINE);
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
          UNPAID_ONLINE,
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
        UNPAID_ONLINE,
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
    let committed: SellerOrderTransition | null = null;
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
        cash_on_delivery: boolean;
        customer_order_id: string;
      }[] = await manager.query(
        `SELECT so.id, so.status, so.organisation_id, so.paid_online, so.customer_order_id,
                co.payment_method = 'cod' AS cash_on_delivery
         FROM seller_orders so JOIN customer_orders co ON co.id = so.customer_order_id
         WHERE so.id = $1 FOR UPDATE OF so`,
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
        paymentFacts(row),
      );
      committed = { customerOrderId: row.customer_order_id, sellerOrderId: row.id, from: row.status, to };
      await this.hooks.afterTransition(manager, committed);
      if (to === 'delivered') await this.invoicing.onEvent(manager, row.id, 'delivered');
      if (releasesStock(to))
        await this.invoicing.onCancelled(
          manager,
          row.id,
          note ?? `Đơn hàng ${to === 'refunded' ? 'hoàn tiền' : 'bị hủy'}`,
        );
    });
    void this.notifyStatus([sellerOrderId]);
    // E.g. a refund sent to the payment provider: the request does not wait for it (the sweep retries).
    if (committed && this.hooks.afterCommit) void this.hooks.afterCommit(committed);
  }

  private async applyTransition(
    manager: EntityManager,
    sellerOrderId: string,
    from: SellerOrderStatus,
    action: OrderAction,
    actor: OrderActor,
    actorUserId: string | null,
    note: string | null,
    payment: PaymentFacts,
  ): Promise<SellerOrderStatus> {
    const result = transition(from, action, actor, payment);
    if (!result.ok) {
      if (result.reason === 'not_cash_on_delivery')
        throw new DomainError(
          'not_cash_on_delivery',
          'Only an order the buyer chose to pay in cash on delivery can be accepted before it is paid',
          HttpStatus.CONFLICT,
        );
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
              so.goods_total, so.shipping_fee, so.total, so.shipping_zone, so.paid_online, so.created_at,
              co.payment_method = 'cod' AS cash_on_delivery
       FROM seller_orders so JOIN organisations o ON o.id = so.organisation_id
            JOIN customer_orders co ON co.id = so.customer_order_id
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
      `SELECT l.seller_order_id, l.id, l.variant_id AS "variantId", l.product_id AS "productId", l.product_name AS "productName",
              l.variant_label AS "variantLabel", l.sku, l.unit_price::float8 AS "unitPrice", l.quantity,
              l.line_total::float8 AS "lineTotal"${
                viewer === 'seller' ? ', l.batch_id AS "batchId", b.code AS "batchCode", b.lot AS "batchLot"' : ''
              }
       FROM seller_order_lines l LEFT JOIN trace_batches b ON b.id = l.batch_id
       WHERE l.seller_order_id = ANY($1) ORDER BY l.product_name, l.variant_label`,
      [ids],
    );
    // The address and the payment are the seller's working data; the buyer reads them on the customer order.
    const extras =
      viewer === 'seller'
        ? await loadSellerViewExtras(
            manager,
            rows.map((row) => row.customer_order_id),
          )
        : null;
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
      availableActions: actionsAvailable(row.status, viewer, paymentFacts(row)),
      invoices: invoices
        .filter((invoice) => invoice.source_id === row.id)
        .map((invoice) => ({
          kind: invoice.kind,
          status: invoice.status,
          lookupCode: invoice.lookup_code,
          issuedAt: invoice.issued_at?.toISOString() ?? null,
        })),
      ...(extras
        ? {
            recipient: extras.recipients.get(row.customer_order_id),
            payment: extras.payments.get(row.customer_order_id) ?? null,
          }
        : {}),
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

  /**
   * Checkout (CheckoutService) builds what to tell from what it has just written, so nothing is
   * read back; sent in the background, after the order is committed.
   */
  notifyPlaced(notifications: OrderNotification[]): void {
    setImmediate(() => void this.dispatch(notifications));
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
