import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The list-price trigger rewrote every product whose variants were touched, even when only the
 * stock changed. Each checkout decrements stock, so that meant a new product row version, an
 * update of all the product indexes (the trigram one included) and a row lock on the product for
 * every order line. Now the product is written only when its cheapest active price really changes.
 */
export class CatalogListPriceGuard1764000000410 implements MigrationInterface {
  name = 'CatalogListPriceGuard1764000000410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION refresh_product_list_price() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE products p
        SET list_price = m.list_price
        FROM (
          SELECT c.product_id,
                 (SELECT min(v.price) FROM product_variants v WHERE v.product_id = c.product_id AND v.active) AS list_price
          FROM (SELECT DISTINCT product_id FROM changed_variants) c
        ) m
        WHERE p.id = m.product_id AND p.list_price IS DISTINCT FROM m.list_price;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION refresh_product_list_price() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE products p
        SET list_price = (SELECT min(v.price) FROM product_variants v WHERE v.product_id = p.id AND v.active)
        WHERE p.id IN (SELECT DISTINCT product_id FROM changed_variants);
        RETURN NULL;
      END $$`);
  }
}
