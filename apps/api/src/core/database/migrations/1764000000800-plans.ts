import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provincial plans as data: a plan, its KPI targets (catalogue KPIs live in code, officers' own
 * KPIs in `plan_custom_kpis`), and the province-wide figures officers enter per year. Target edits
 * and figure corrections keep their previous versions, because the annual report must be able to
 * say what the target or the denominator was when it was written.
 */
export class Plans1764000000800 implements MigrationInterface {
  name = 'Plans1764000000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        preset_key text UNIQUE,
        province_code text NOT NULL REFERENCES provinces(code),
        name text NOT NULL,
        period_start_year integer NOT NULL CHECK (period_start_year BETWEEN 2000 AND 2100),
        period_end_year integer NOT NULL CHECK (period_end_year BETWEEN 2000 AND 2100),
        source_document text NOT NULL,
        is_preset boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end_year >= period_start_year)
      )`);
    // The dashboard follows one plan per province at a time.
    await queryRunner.query('CREATE UNIQUE INDEX plans_one_active_per_province ON plans (province_code) WHERE active');

    await queryRunner.query(`
      CREATE TABLE plan_custom_kpis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        kpi_id text NOT NULL CHECK (kpi_id ~ '^custom\\.[a-z0-9][a-z0-9_]{1,60}$'),
        name_vi text NOT NULL,
        name_en text,
        unit text NOT NULL CHECK (unit IN ('percent', 'count', 'participations', 'vnd', 'days', 'rank')),
        direction text NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
        definition text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (plan_id, kpi_id),
        UNIQUE (id, plan_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE plan_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        kpi_id text NOT NULL,
        custom_kpi_id uuid,
        preset_key text,
        target_value numeric NOT NULL,
        stretch_value numeric,
        comparison text NOT NULL CHECK (comparison IN ('>=', '>', '<=', '<')),
        target_year integer CHECK (target_year BETWEEN 2000 AND 2100),
        basis text NOT NULL CHECK (basis IN ('at_year', 'cumulative', 'each_year')),
        citation text,
        reference text,
        note text,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        is_preset boolean NOT NULL DEFAULT false,
        archived_at timestamptz,
        created_by uuid REFERENCES users(id),
        updated_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A custom KPI can only be targeted by the plan that defines it.
        FOREIGN KEY (custom_kpi_id, plan_id) REFERENCES plan_custom_kpis (id, plan_id),
        CHECK ((kpi_id LIKE 'custom.%') = (custom_kpi_id IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX plan_targets_plan_idx ON plan_targets (plan_id)');
    // Presets are re-applied on every start; this is what makes that insert-if-missing.
    await queryRunner.query(
      'CREATE UNIQUE INDEX plan_targets_preset_key ON plan_targets (plan_id, preset_key) WHERE preset_key IS NOT NULL',
    );

    await queryRunner.query(`
      CREATE TABLE plan_target_changes (
        id bigserial PRIMARY KEY,
        target_id uuid NOT NULL REFERENCES plan_targets(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('created', 'updated', 'archived')),
        before jsonb,
        after jsonb,
        actor_user_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX plan_target_changes_target_idx ON plan_target_changes (target_id, created_at)',
    );

    await queryRunner.query(`
      CREATE TABLE external_figures (
        id bigserial PRIMARY KEY,
        province_code text NOT NULL REFERENCES provinces(code),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        key text NOT NULL,
        value numeric NOT NULL,
        unit text NOT NULL,
        source text NOT NULL,
        source_date date NOT NULL,
        note text,
        entered_by uuid REFERENCES users(id),
        entered_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (province_code, year, key)
      )`);
    await queryRunner.query(`
      CREATE TABLE external_figure_revisions (
        id bigserial PRIMARY KEY,
        figure_id bigint NOT NULL REFERENCES external_figures(id) ON DELETE CASCADE,
        value numeric NOT NULL,
        unit text NOT NULL,
        source text NOT NULL,
        source_date date NOT NULL,
        note text,
        set_by uuid REFERENCES users(id),
        set_at timestamptz NOT NULL,
        replaced_by uuid REFERENCES users(id),
        replaced_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX external_figure_revisions_figure_idx ON external_figure_revisions (figure_id, replaced_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE external_figure_revisions');
    await queryRunner.query('DROP TABLE external_figures');
    await queryRunner.query('DROP TABLE plan_target_changes');
    await queryRunner.query('DROP TABLE plan_targets');
    await queryRunner.query('DROP TABLE plan_custom_kpis');
    await queryRunner.query('DROP TABLE plans');
  }
}
