import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which batch each packed order line came from: one step forward in the traceability record. Kept
 * apart from the traceability migration because seller_order_lines is created after it.
 */
export class OrderLineBatch1764000000555 implements MigrationInterface {
  name = 'OrderLineBatch1764000000555';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE seller_order_lines ADD COLUMN batch_id uuid REFERENCES trace_batches(id)');
    await queryRunner.query(
      'CREATE INDEX seller_order_lines_batch_idx ON seller_order_lines (batch_id) WHERE batch_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE seller_order_lines DROP COLUMN batch_id');
  }
}
