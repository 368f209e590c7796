import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764000000100 implements MigrationInterface {
  name = 'Identity1764000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A minimal organisation row so that seller members can belong to one; the sellers capability
    // extends this table with its own migrations.
    await queryRunner.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text,
        phone text,
        full_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('buyer', 'seller_member', 'province_officer', 'platform_admin')),
        organisation_id uuid REFERENCES organisations(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_has_login CHECK (email IS NOT NULL OR phone IS NOT NULL),
        CONSTRAINT users_seller_has_organisation CHECK (role <> 'seller_member' OR organisation_id IS NOT NULL)
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL');
    await queryRunner.query('CREATE UNIQUE INDEX users_phone_key ON users (phone) WHERE phone IS NOT NULL');
    await queryRunner.query(`
      CREATE TABLE refresh_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX refresh_sessions_family_idx ON refresh_sessions (family_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE refresh_sessions');
    await queryRunner.query('DROP TABLE users');
    await queryRunner.query('DROP TABLE organisations');
  }
}
