import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/test-app.js';
import { migrations } from './migrations/index.js';

describe('migrations', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createTestDatabase() });
    await client.connect();
  });
  afterAll(() => client.end());

  it('installs unaccent and pg_trgm', async () => {
    const { rows } = await client.query<{ extname: string }>('SELECT extname FROM pg_extension ORDER BY extname');
    expect(rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent']));
  });

  it('folds Vietnamese text in SQL the way the apps do', async () => {
    const { rows } = await client.query<{ folded: string }>("SELECT fold_vi('Đặc sản Mật ong Hữu Lũng') AS folded");
    expect(rows[0]?.folded).toBe('dac san mat ong huu lung');
  });

  it('records every applied migration', async () => {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(migrations.map((migration) => migration.name));
  });
});
