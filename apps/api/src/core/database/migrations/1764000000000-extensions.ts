import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search folds Vietnamese diacritics with `unaccent` and matches typos with `pg_trgm`.
 * `unaccent()` itself is only STABLE, so it cannot back an index; the IMMUTABLE wrapper pins the
 * dictionary, which makes expression indexes on folded text possible. `đ` is not decomposable in
 * Unicode, so it is mapped to `d` explicitly.
 */
export class Extensions1764000000000 implements MigrationInterface {
  name = 'Extensions1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION fold_vi(input text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT translate(lower(public.unaccent('public.unaccent'::regdictionary, input)), 'đĐ', 'dd') $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION IF EXISTS fold_vi(text)');
    await queryRunner.query('DROP EXTENSION IF EXISTS pgcrypto');
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
    await queryRunner.query('DROP EXTENSION IF EXISTS unaccent');
  }
}
