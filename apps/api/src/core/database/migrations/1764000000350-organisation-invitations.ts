import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An owner invites a person by email or phone; the person joins when they accept, signed in. */
export class OrganisationInvitations1764000000350 implements MigrationInterface {
  name = 'OrganisationInvitations1764000000350';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisation_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        login text NOT NULL,
        invited_by uuid NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users(id),
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX organisation_invitations_open_key ON organisation_invitations (organisation_id, login) WHERE accepted_at IS NULL AND revoked_at IS NULL',
    );
    await queryRunner.query('CREATE INDEX organisation_invitations_login_idx ON organisation_invitations (login)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE organisation_invitations');
  }
}
