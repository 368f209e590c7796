import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The list-price trigger ran after every UPDATE statement on product_variants, so each checkout
 * (which only takes stock) ran the trigger's UPDATE of products, which in turn ran the search
 * triggers on products, although a product's list price depends only on its variants' price and
 * active flag. The update trigger is now a row trigger whose WHEN clause lets through only rows
 * whose price, active flag or product changed: a stock change costs nothing. (A statement trigger
 * with a transition table cannot be limited to columns.) Inserts and deletes keep the statement
 * triggers.
 */
export class ListPriceTriggerPriceColumns1764000001000 implements MigrationInterface {
  name = 'ListPriceTriggerPriceColumns1764000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER product_variants_list_price_update ON product_variants');
    await queryRunner.query(`
      CREATE FUNCTION refresh_product_list_price_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE products p
        SET list_price = m.list_price
        FROM (
          SELECT c.product_id,
                 (SELECT min(v.price) FROM product_variants v WHERE v.product_id = c.product_id AND v.active) AS list_price
          FROM (SELECT DISTINCT unnest(ARRAY[OLD.product_id, NEW.product_id]) AS product_id) c
        ) m
        WHERE p.id = m.product_id AND p.list_price IS DISTINCT FROM m.list_price;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER product_variants_list_price_update AFTER UPDATE ON product_variants FOR EACH ROW
      WHEN (OLD.price IS DISTINCT FROM NEW.price OR OLD.active IS DISTINCT FROM NEW.active
            OR OLD.product_id IS DISTINCT FROM NEW.product_id)
      EXECUTE FUNCTION refresh_product_list_price_row()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER product_variants_list_price_update ON product_variants');
    await queryRunner.query('DROP FUNCTION refresh_product_list_price_row()');
    await queryRunner.query(`
      CREATE TRIGGER product_variants_list_price_update AFTER UPDATE ON product_variants
      REFERENCING NEW TABLE AS changed_variants FOR EACH STATEMENT EXECUTE FUNCTION refresh_product_list_price()`);
  }
}
