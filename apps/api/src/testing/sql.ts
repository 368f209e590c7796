import pg from 'pg';

/** Runs one statement on a test database: for arranging data the API has no route for, and for checking what was written. */
export async function sql<T extends pg.QueryResultRow = any>(
  databaseUrl: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
