import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sellers as the plans count them: by legal type, SME status, women ownership and commune.
 * `status` gates everything public: only `approved` organisations can publish or appear in the shop.
 */
export class Organisations1764000000300 implements MigrationInterface {
  name = 'Organisations1764000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE organisations
        ADD COLUMN legal_type text NOT NULL DEFAULT 'cooperative'
          CHECK (legal_type IN ('cooperative', 'enterprise', 'household_business', 'cooperative_group', 'individual_business')),
        ADD COLUMN is_sme boolean NOT NULL DEFAULT false,
        ADD COLUMN women_owned boolean NOT NULL DEFAULT false,
        ADD COLUMN tax_code text,
        ADD COLUMN tax_code_checksum_ok boolean,
        ADD COLUMN business_registration_number text,
        ADD COLUMN street_address text NOT NULL DEFAULT '',
        ADD COLUMN commune_code text REFERENCES communes(code),
        ADD COLUMN contact_name text NOT NULL DEFAULT '',
        ADD COLUMN contact_phone text,
        ADD COLUMN contact_email text,
        ADD COLUMN bank_bin text,
        ADD COLUMN bank_account_number text,
        ADD COLUMN bank_account_name text,
        ADD COLUMN website_url text,
        ADD COLUMN marketplace_stores jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN story text NOT NULL DEFAULT '',
        ADD COLUMN slug text,
        ADD COLUMN status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
        ADD COLUMN status_reason text,
        ADD COLUMN approved_at timestamptz,
        ADD COLUMN owner_user_id uuid REFERENCES users(id),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX organisations_slug_key ON organisations (slug) WHERE slug IS NOT NULL',
    );
    await queryRunner.query(
      "CREATE UNIQUE INDEX organisations_tax_code_key ON organisations (tax_code) WHERE tax_code IS NOT NULL AND status <> 'rejected'",
    );
    await queryRunner.query('CREATE INDEX organisations_status_idx ON organisations (status)');
    await queryRunner.query('CREATE INDEX organisations_commune_idx ON organisations (commune_code)');

    // Who changed an organisation's status, when and why; officers read it, nobody edits it.
    await queryRunner.query(`
      CREATE TABLE organisation_status_changes (
        id bigserial PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        actor_user_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX organisation_status_changes_org_idx ON organisation_status_changes (organisation_id, created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE organisation_status_changes');
    for (const column of [
      'legal_type',
      'is_sme',
      'women_owned',
      'tax_code',
      'tax_code_checksum_ok',
      'business_registration_number',
      'street_address',
      'commune_code',
      'contact_name',
      'contact_phone',
      'contact_email',
      'bank_bin',
      'bank_account_number',
      'bank_account_name',
      'website_url',
      'marketplace_stores',
      'story',
      'slug',
      'status',
      'status_reason',
      'approved_at',
      'owner_user_id',
      'updated_at',
    ]) {
      await queryRunner.query(`ALTER TABLE organisations DROP COLUMN ${column}`);
    }
  }
}
