import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consumer complaints ("phản ánh, khiếu nại") and their status history. `resolved_at` is set only
 * while a complaint stands resolved, so time to resolve is always `resolved_at - received_at`.
 */
export class Complaints1764000000820 implements MigrationInterface {
  name = 'Complaints1764000000820';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE complaint_code_seq');
    await queryRunner.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        received_at timestamptz NOT NULL DEFAULT now(),
        channel text NOT NULL CHECK (channel IN ('web', 'phone', 'email', 'in_person', 'letter', 'national_portal')),
        consumer_name text NOT NULL,
        consumer_phone text,
        consumer_email text,
        submitted_by_user_id uuid REFERENCES users(id),
        organisation_id uuid REFERENCES organisations(id),
        seller_name text,
        order_reference text,
        category text NOT NULL CHECK (category IN (
          'product_quality', 'counterfeit', 'misleading_information', 'price', 'delivery', 'payment',
          'refund_return', 'seller_conduct', 'personal_data', 'other')),
        description text NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_progress', 'resolved', 'rejected')),
        resolved_at timestamptz,
        resolution text,
        handled_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (consumer_phone IS NOT NULL OR consumer_email IS NOT NULL),
        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
        CHECK (resolved_at IS NULL OR resolved_at >= received_at)
      )`);
    await queryRunner.query('CREATE INDEX complaints_received_idx ON complaints (received_at)');
    await queryRunner.query('CREATE INDEX complaints_status_idx ON complaints (status, received_at)');
    await queryRunner.query('CREATE INDEX complaints_organisation_idx ON complaints (organisation_id)');

    await queryRunner.query(`
      CREATE TABLE complaint_status_changes (
        id bigserial PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        actor_user_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX complaint_status_changes_complaint_idx ON complaint_status_changes (complaint_id, created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE complaint_status_changes');
    await queryRunner.query('DROP TABLE complaints');
    await queryRunner.query('DROP SEQUENCE complaint_code_seq');
  }
}
