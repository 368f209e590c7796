import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the KPI dashboard, chosen with EXPLAIN ANALYZE on 1,000,000 generated orders
 * (bench/kpis). "Delivered in the period" is the first `deliver` event of a seller order: the first
 * index finds a period's deliveries without reading the other events, the second answers "was there
 * an earlier one" (and when) from the index alone. The third lets a commune's figures start from
 * its sellers' orders, read from the index alone, instead of reading every order of the period, and
 * the fourth reads those orders' succeeded payments from the index alone.
 * The fifth answers "listed at the end of a trend period" for periods before most products were
 * published without reading the whole catalogue.
 */
export class KpiIndexes1764000002010 implements MigrationInterface {
  name = 'KpiIndexes1764000002010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE INDEX seller_order_events_delivered_idx ON seller_order_events (created_at) INCLUDE (seller_order_id, id) WHERE action = 'deliver'",
    );
    await queryRunner.query(
      "CREATE INDEX seller_order_events_deliver_order_idx ON seller_order_events (seller_order_id, id) INCLUDE (created_at) WHERE action = 'deliver'",
    );
    await queryRunner.query(
      'CREATE INDEX seller_orders_organisation_orders_idx ON seller_orders (organisation_id) INCLUDE (id, customer_order_id, status, goods_total, shipping_fee, code)',
    );
    await queryRunner.query(
      "CREATE INDEX payments_order_paid_idx ON payments (customer_order_id) INCLUDE (id, paid_at, method, is_cash, amount, flags) WHERE status = 'succeeded'",
    );
    await queryRunner.query(
      'CREATE INDEX products_first_published_idx ON products (first_published_at) WHERE first_published_at IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX products_first_published_idx');
    await queryRunner.query('DROP INDEX payments_order_paid_idx');
    await queryRunner.query('DROP INDEX seller_orders_organisation_orders_idx');
    await queryRunner.query('DROP INDEX seller_order_events_deliver_order_idx');
    await queryRunner.query('DROP INDEX seller_order_events_delivered_idx');
  }
}
