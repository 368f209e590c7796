import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carts and orders. One checkout makes one customer order, split at once into one seller order per
 * seller; every line keeps a snapshot of what was bought (name, label, SKU, price, weight) so later
 * catalog edits never change a past order. Stock lives on `product_variants.stock` and is taken at
 * checkout; `stock_released_at` makes giving it back happen at most once.
 */
export class Orders1764000000550 implements MigrationInterface {
  name = 'Orders1764000000550';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE carts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        guest_token_hash text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT carts_has_owner CHECK ((user_id IS NULL) <> (guest_token_hash IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE cart_lines (
        cart_id uuid NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES product_variants(id) ON DELETE CASCADE,
        quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 999),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cart_id, variant_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE customer_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        buyer_user_id uuid REFERENCES users(id),
        buyer_name text NOT NULL,
        buyer_phone text NOT NULL,
        buyer_email text,
        recipient_name text NOT NULL,
        recipient_phone text NOT NULL,
        street_address text NOT NULL,
        commune_code text NOT NULL REFERENCES communes(code),
        province_code text NOT NULL REFERENCES provinces(code),
        invoice_name text NOT NULL,
        invoice_tax_code text,
        invoice_email text,
        invoice_address text,
        payment_method text NOT NULL CHECK (payment_method IN ('vnpay', 'vietqr', 'card', 'cod')),
        goods_total bigint NOT NULL CHECK (goods_total >= 0),
        shipping_total bigint NOT NULL CHECK (shipping_total >= 0),
        grand_total bigint NOT NULL CHECK (grand_total = goods_total + shipping_total),
        payment_due_at timestamptz,
        access_token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX customer_orders_buyer_idx ON customer_orders (buyer_user_id, created_at DESC)',
    );
    await queryRunner.query('CREATE INDEX customer_orders_created_idx ON customer_orders (created_at)');

    await queryRunner.query(`
      CREATE TABLE seller_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_order_id uuid NOT NULL REFERENCES customer_orders(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        code text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'cod_accepted', 'packed', 'shipped',
          'delivered', 'completed', 'cancelled', 'refunded')),
        goods_total bigint NOT NULL CHECK (goods_total >= 0),
        shipping_fee bigint NOT NULL CHECK (shipping_fee >= 0),
        total bigint NOT NULL CHECK (total = goods_total + shipping_fee),
        shipping_zone text NOT NULL,
        weight_grams int NOT NULL CHECK (weight_grams >= 0),
        paid_online boolean NOT NULL DEFAULT false,
        stock_released_at timestamptz,
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX seller_orders_customer_idx ON seller_orders (customer_order_id)');
    await queryRunner.query(
      'CREATE INDEX seller_orders_organisation_idx ON seller_orders (organisation_id, created_at DESC)',
    );
    await queryRunner.query('CREATE INDEX seller_orders_status_idx ON seller_orders (status, created_at)');

    await queryRunner.query(`
      CREATE TABLE seller_order_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_order_id uuid NOT NULL REFERENCES seller_orders(id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products(id),
        variant_id uuid NOT NULL REFERENCES product_variants(id),
        product_name text NOT NULL,
        variant_label text NOT NULL,
        sku text NOT NULL,
        unit_price bigint NOT NULL CHECK (unit_price > 0),
        quantity int NOT NULL CHECK (quantity > 0),
        line_total bigint NOT NULL CHECK (line_total = unit_price * quantity),
        weight_grams int NOT NULL CHECK (weight_grams >= 0)
      )`);
    await queryRunner.query('CREATE INDEX seller_order_lines_order_idx ON seller_order_lines (seller_order_id)');
    await queryRunner.query('CREATE INDEX seller_order_lines_variant_idx ON seller_order_lines (variant_id)');

    // Every step of a seller order: who took it and when. Written with the change, never updated.
    await queryRunner.query(`
      CREATE TABLE seller_order_events (
        id bigserial PRIMARY KEY,
        seller_order_id uuid NOT NULL REFERENCES seller_orders(id) ON DELETE CASCADE,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('buyer', 'seller', 'system')),
        actor_user_id uuid REFERENCES users(id),
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX seller_order_events_order_idx ON seller_order_events (seller_order_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'seller_order_events',
      'seller_order_lines',
      'seller_orders',
      'customer_orders',
      'cart_lines',
      'carts',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
