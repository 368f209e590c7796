import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Yearly KPI report jobs, kept in the database so that a download survives a restart and any API
 * instance can serve it. The finished workbook and CSV are stored with the job (a few kilobytes:
 * one row per target of a plan).
 */
export class KpiReportJobs1764000002000 implements MigrationInterface {
  name = 'KpiReportJobs1764000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kpi_report_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        processed integer NOT NULL DEFAULT 0 CHECK (processed >= 0),
        total integer NOT NULL CHECK (total >= 0),
        error text,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        plan_name text NOT NULL,
        province_name text NOT NULL,
        xlsx bytea,
        csv text,
        generated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CHECK ((status = 'succeeded') = (xlsx IS NOT NULL AND csv IS NOT NULL AND generated_at IS NOT NULL)),
        CHECK ((status IN ('succeeded', 'failed')) = (finished_at IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX kpi_report_jobs_created_idx ON kpi_report_jobs (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE kpi_report_jobs');
  }
}
