import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The storefront's "newly recorded batches" reads trace_batches newest first across every seller,
 * skipping batches with no event yet; this partial index lets it stop after the first rows instead
 * of sorting the whole table. A product's current batch uses trace_batches_product_idx.
 */
export class RecentTraceBatches1764000004000 implements MigrationInterface {
  name = 'RecentTraceBatches1764000004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX trace_batches_recent_idx ON trace_batches (created_at DESC, id DESC) WHERE event_count > 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX trace_batches_recent_idx');
  }
}
