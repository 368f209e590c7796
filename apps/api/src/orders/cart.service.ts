import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import { ShippingService } from '../shipping/shipping.service.js';
import type { CartDto, CartLineDto, CartLineProblem, CartSellerGroupDto } from './dto/cart.dto.js';
import { MAX_LINE_QUANTITY } from './dto/cart.dto.js';
import { preparedQuery } from '../core/database/prepared-query.js';

/** Whose cart: a signed-in buyer's, or a guest's identified by the token their browser keeps. */
export type CartOwner = { userId: string } | { guestToken: string };

interface CartRow {
  variant_id: string;
  product_id: string;
  product_name: string;
  product_slug: string;
  variant_label: string;
  price: string;
  quantity: number;
  stock: number;
  weight_grams: number | null;
  organisation_id: string;
  organisation_name: string;
  organisation_slug: string | null;
  buyable: boolean;
}

export function hashCartToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const CART_NOT_FOUND = () =>
  new DomainError('cart_not_found', 'This cart does not exist (any more)', HttpStatus.NOT_FOUND);

/** A variant can be bought when its product is published, its seller approved, and it is active. */
export const BUYABLE_SQL = `(p.status = 'published' AND o.status = 'approved' AND v.active)`;

@Injectable()
export class CartService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly shipping: ShippingService,
  ) {}

  async view(owner: CartOwner | null, provinceCode?: string): Promise<CartDto> {
    const cartId = owner ? await this.findCartId(this.db.manager, owner) : null;
    return this.render(this.db.manager, cartId, owner && 'guestToken' in owner ? owner.guestToken : null, provinceCode);
  }

  /** Adds to a line (creating the cart when needed); the quantity is checked against stock now. */
  async addLine(owner: CartOwner | null, variantId: string, quantity: number): Promise<CartDto> {
    if (!owner) return this.startGuestCart(variantId, quantity);
    return this.db.transaction(async (manager) => {
      const { cartId, guestToken } = await this.findOrCreateCart(manager, owner);
      const existing: { quantity: number }[] = await manager.query(
        'SELECT quantity FROM cart_lines WHERE cart_id = $1 AND variant_id = $2',
        [cartId, variantId],
      );
      const wanted = (existing[0]?.quantity ?? 0) + quantity;
      await this.checkBuyable(manager, variantId, wanted);
      await manager.query(
        `INSERT INTO cart_lines (cart_id, variant_id, quantity) VALUES ($1, $2, $3)
         ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
        [cartId, variantId, wanted],
      );
      await manager.query('UPDATE carts SET updated_at = now() WHERE id = $1', [cartId]);
      return this.render(manager, cartId, guestToken);
    });
  }

  /**
   * A first visitor's first add: the cart and its line are created by one statement, and only when
   * the variant may be sold in that quantity, so a refused add leaves no empty cart behind. The
   * answer is built from what the statement read, as `render` would read it back.
   */
  private async startGuestCart(variantId: string, quantity: number): Promise<CartDto> {
    const guestToken = randomBytes(24).toString('base64url');
    const rows = await preparedQuery<CartRow & { cart_id: string | null }>(
      this.db,
      'cart-start-guest-cart',
      `WITH item AS (
         SELECT v.id AS variant_id, p.id AS product_id, p.name AS product_name, p.slug AS product_slug,
                v.label AS variant_label, v.price, v.stock, v.weight_grams,
                o.id AS organisation_id, o.name AS organisation_name, o.slug AS organisation_slug,
                ${BUYABLE_SQL} AS buyable
         FROM product_variants v JOIN products p ON p.id = v.product_id JOIN organisations o ON o.id = v.organisation_id
         WHERE v.id = $1),
       cart AS (
         INSERT INTO carts (guest_token_hash) SELECT $2 FROM item WHERE item.buyable AND $3 <= least(item.stock, $4)
         RETURNING id),
       line AS (INSERT INTO cart_lines (cart_id, variant_id, quantity) SELECT id, $1, $3 FROM cart RETURNING cart_id)
       SELECT item.*, $3::int AS quantity, (SELECT cart_id FROM line) AS cart_id FROM item`,
      [variantId, hashCartToken(guestToken), quantity, MAX_LINE_QUANTITY],
    );
    const row = rows[0];
    if (!row?.cart_id) {
      // Nothing was written: say why, exactly as for an existing cart.
      this.refuse(row, quantity);
      throw new Error('A guest cart was neither created nor refused');
    }
    return this.toCartDto([row], guestToken);
  }

  async setLine(owner: CartOwner | null, variantId: string, quantity: number): Promise<CartDto> {
    if (!owner) throw CART_NOT_FOUND();
    return this.db.transaction(async (manager) => {
      const cartId = await this.findCartId(manager, owner);
      if (!cartId) throw CART_NOT_FOUND();
      await this.checkBuyable(manager, variantId, quantity);
      const result: [unknown[], number] = await manager.query(
        'UPDATE cart_lines SET quantity = $3 WHERE cart_id = $1 AND variant_id = $2',
        [cartId, variantId, quantity],
      );
      if (result[1] === 0)
        throw new DomainError('cart_line_not_found', 'This product is not in the cart', HttpStatus.NOT_FOUND);
      return this.render(manager, cartId, 'guestToken' in owner ? owner.guestToken : null);
    });
  }

  async removeLine(owner: CartOwner | null, variantId: string): Promise<CartDto> {
    if (!owner) throw CART_NOT_FOUND();
    const cartId = await this.findCartId(this.db.manager, owner);
    if (!cartId) throw CART_NOT_FOUND();
    await this.db.query('DELETE FROM cart_lines WHERE cart_id = $1 AND variant_id = $2', [cartId, variantId]);
    return this.render(this.db.manager, cartId, 'guestToken' in owner ? owner.guestToken : null);
  }

  /**
   * Moves a guest cart into the signed-in buyer's cart: quantities of the same variant add up, capped
   * at what is on the shelf, and the guest cart is deleted so the token cannot be reused.
   */
  async merge(userId: string, guestToken: string): Promise<CartDto> {
    return this.db.transaction(async (manager) => {
      const guestCartId = await this.findCartId(manager, { guestToken });
      const { cartId } = await this.findOrCreateCart(manager, { userId });
      if (guestCartId) {
        await manager.query(
          `INSERT INTO cart_lines (cart_id, variant_id, quantity)
           SELECT $1, g.variant_id, least(g.quantity, $3) FROM cart_lines g WHERE g.cart_id = $2
           ON CONFLICT (cart_id, variant_id) DO UPDATE
             SET quantity = least(cart_lines.quantity + EXCLUDED.quantity,
                                  greatest((SELECT stock FROM product_variants WHERE id = EXCLUDED.variant_id), 1), $3)`,
          [cartId, guestCartId, MAX_LINE_QUANTITY],
        );
        await manager.query('DELETE FROM carts WHERE id = $1', [guestCartId]);
      }
      return this.render(manager, cartId, null);
    });
  }

  async clear(manager: EntityManager, cartId: string): Promise<void> {
    await manager.query('DELETE FROM cart_lines WHERE cart_id = $1', [cartId]);
  }

  async findCartId(manager: EntityManager, owner: CartOwner): Promise<string | null> {
    const rows: { id: string }[] =
      'userId' in owner
        ? await manager.query('SELECT id FROM carts WHERE user_id = $1', [owner.userId])
        : await manager.query('SELECT id FROM carts WHERE guest_token_hash = $1', [hashCartToken(owner.guestToken)]);
    return rows[0]?.id ?? null;
  }

  /** The cart's lines grouped by seller, with current prices, stock and what stops each line. */
  async render(
    manager: EntityManager,
    cartId: string | null,
    guestToken: string | null,
    provinceCode?: string,
  ): Promise<CartDto> {
    const rows: CartRow[] = cartId
      ? await manager.query(
          `SELECT l.variant_id, p.id AS product_id, p.name AS product_name, p.slug AS product_slug,
                  v.label AS variant_label, v.price, l.quantity, v.stock, v.weight_grams,
                  o.id AS organisation_id, o.name AS organisation_name, o.slug AS organisation_slug,
                  ${BUYABLE_SQL} AS buyable
           FROM cart_lines l
           JOIN product_variants v ON v.id = l.variant_id
           JOIN products p ON p.id = v.product_id
           JOIN organisations o ON o.id = v.organisation_id
           WHERE l.cart_id = $1
           ORDER BY o.name, l.added_at, v.position`,
          [cartId],
        )
      : [];
    return this.toCartDto(rows, guestToken, provinceCode, manager);
  }

  private async toCartDto(
    rows: CartRow[],
    guestToken: string | null,
    provinceCode?: string,
    manager: EntityManager = this.db.manager,
  ): Promise<CartDto> {
    const groups = new Map<string, CartSellerGroupDto>();
    for (const row of rows) {
      const unitPrice = Number(row.price);
      const problem: CartLineProblem | null = !row.buyable
        ? 'unavailable'
        : row.stock === 0
          ? 'out_of_stock'
          : row.quantity > row.stock
            ? 'insufficient_stock'
            : null;
      const line: CartLineDto = {
        variantId: row.variant_id,
        productId: row.product_id,
        productName: row.product_name,
        productSlug: row.product_slug,
        variantLabel: row.variant_label,
        unitPrice,
        quantity: row.quantity,
        lineTotal: unitPrice * row.quantity,
        stock: row.stock,
        weightGrams: row.weight_grams ?? 0,
        problem,
      };
      const group = groups.get(row.organisation_id) ?? {
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        organisationSlug: row.organisation_slug,
        lines: [],
        goodsTotal: 0,
        shippingFee: null,
      };
      group.lines.push(line);
      group.goodsTotal += line.lineTotal;
      groups.set(row.organisation_id, group);
    }

    const sellers = [...groups.values()];
    if (provinceCode) {
      for (const group of sellers) {
        const weightGrams = group.lines.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0);
        const quote = await this.shipping.quote(
          { organisationId: group.organisationId, provinceCode, weightGrams, subtotal: group.goodsTotal },
          manager,
        );
        group.shippingFee = quote.fee;
      }
    }
    const goodsTotal = sellers.reduce((sum, group) => sum + group.goodsTotal, 0);
    const shippingTotal = provinceCode ? sellers.reduce((sum, group) => sum + (group.shippingFee ?? 0), 0) : null;
    return {
      cartToken: guestToken,
      sellers,
      itemCount: rows.reduce((sum, row) => sum + row.quantity, 0),
      goodsTotal,
      shippingTotal,
      grandTotal: shippingTotal === null ? null : goodsTotal + shippingTotal,
      ready: rows.length > 0 && sellers.every((group) => group.lines.every((line) => line.problem === null)),
    };
  }

  private async findOrCreateCart(
    manager: EntityManager,
    owner: CartOwner,
  ): Promise<{ cartId: string; guestToken: string | null }> {
    const existing = await this.findCartId(manager, owner);
    if (existing) return { cartId: existing, guestToken: 'guestToken' in owner ? owner.guestToken : null };
    if ('guestToken' in owner) throw CART_NOT_FOUND();
    const created: { id: string }[] = await manager.query(
      'INSERT INTO carts (user_id) VALUES ($1) ON CONFLICT (user_id) DO UPDATE SET updated_at = now() RETURNING id',
      [owner.userId],
    );
    return { cartId: created[0]!.id, guestToken: null };
  }

  private async checkBuyable(manager: EntityManager, variantId: string, quantity: number): Promise<void> {
    const rows: { stock: number; buyable: boolean }[] = await manager.query(
      `SELECT v.stock, ${BUYABLE_SQL} AS buyable
       FROM product_variants v JOIN products p ON p.id = v.product_id JOIN organisations o ON o.id = v.organisation_id
       WHERE v.id = $1`,
      [variantId],
    );
    this.refuse(rows[0], quantity);
  }

  /** Throws the reason a variant cannot be in a cart in this quantity; returns when it can. */
  private refuse(variant: { stock: number; buyable: boolean } | undefined, quantity: number): void {
    if (!variant || !variant.buyable) {
      throw new DomainError('product_unavailable', 'This product is not on sale', HttpStatus.NOT_FOUND);
    }
    if (quantity > MAX_LINE_QUANTITY) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'quantity', messages: [`quantity must not be greater than ${MAX_LINE_QUANTITY}`] },
      ]);
    }
    if (quantity > variant.stock) {
      throw new DomainError('insufficient_stock', `Only ${variant.stock} left in stock`, HttpStatus.CONFLICT, [
        { field: 'quantity', messages: [`only ${variant.stock} left in stock`] },
      ]);
    }
  }
}
