import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShippingRules1764000000500 implements MigrationInterface {
  name = 'ShippingRules1764000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One rule per seller; `rates` holds the three zones' fees as integer đồng, validated by the API.
    await queryRunner.query(`
      CREATE TABLE shipping_rules (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
        rates jsonb NOT NULL,
        free_shipping_threshold bigint CHECK (free_shipping_threshold IS NULL OR free_shipping_threshold >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE shipping_rules');
  }
}
