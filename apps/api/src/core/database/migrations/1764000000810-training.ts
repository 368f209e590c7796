import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training events and attendance, counted the way the plans count them: in participations
 * ("lượt"), by participant type, per commune. A participation is unique per event and person
 * (`dedupe_key`), so re-importing the same attendance sheet adds nothing.
 */
export class Training1764000000810 implements MigrationInterface {
  name = 'Training1764000000810';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE training_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        organiser text NOT NULL,
        province_code text NOT NULL REFERENCES provinces(code),
        commune_code text REFERENCES communes(code),
        location text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        format text NOT NULL CHECK (format IN ('online', 'offline', 'hybrid')),
        topic text NOT NULL,
        audience text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at >= starts_at)
      )`);
    await queryRunner.query('CREATE INDEX training_events_starts_idx ON training_events (province_code, starts_at)');
    await queryRunner.query('CREATE INDEX training_events_commune_idx ON training_events (commune_code, starts_at)');

    await queryRunner.query(`
      CREATE TABLE training_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES training_events(id) ON DELETE CASCADE,
        file_name text NOT NULL,
        file_type text NOT NULL CHECK (file_type IN ('csv', 'xlsx')),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        total integer NOT NULL,
        processed integer NOT NULL DEFAULT 0,
        inserted integer NOT NULL DEFAULT 0,
        skipped_duplicates integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);

    await queryRunner.query(`
      CREATE TABLE training_participations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES training_events(id) ON DELETE CASCADE,
        participant_name text NOT NULL,
        name_key text NOT NULL,
        participant_type text NOT NULL CHECK (participant_type IN (
          'enterprise_staff', 'cooperative_member', 'household_business', 'official', 'student',
          'startup_youth', 'farmer', 'individual', 'other')),
        organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
        organisation_name text,
        organisation_tax_code text,
        gender text CHECK (gender IN ('female', 'male', 'other')),
        phone text,
        attended boolean NOT NULL DEFAULT true,
        dedupe_key text NOT NULL,
        import_id uuid REFERENCES training_imports(id) ON DELETE SET NULL,
        -- The row of the imported file it came from, to point officers back to their sheet.
        source_row integer,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, dedupe_key)
      )`);
    await queryRunner.query(
      'CREATE INDEX training_participations_organisation_idx ON training_participations (organisation_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE training_participations');
    await queryRunner.query('DROP TABLE training_imports');
    await queryRunner.query('DROP TABLE training_events');
  }
}
