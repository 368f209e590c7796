import pg from 'pg';

/** A test database: its URL, or a running test app (which carries one). */
export type TestDatabase = string | { readonly databaseUrl: string };

/** Runs one statement on a test database: for arranging data the API has no route for, and for checking what was written. */
export async function sql<T extends pg.QueryResultRow = any>(
  database: TestDatabase,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: typeof database === 'string' ? database : database.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
