import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Where tests find PostgreSQL: TEST_DATABASE_URL, else the local server on 5432. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A fresh database for one test file; `drop()` removes it (and its connections). */
export async function createTestDatabase(label = 't'): Promise<TestDatabase> {
  const name = `agentry_${label}_${randomBytes(5).toString('hex')}`.toLowerCase();
  const adminUrl = adminDatabaseUrl();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Drops databases left behind by crashed runs older than an hour (so reruns stay clean). */
export async function dropStaleTestDatabases(): Promise<void> {
  const c = new pg.Client({ connectionString: adminDatabaseUrl() });
  await c.connect();
  try {
    const rows = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'agentry\\_%' AND datname <> 'agentry' AND (pg_stat_file('base/'||oid||'/PG_VERSION')).modification < now() - interval '1 hour'`,
    );
    for (const { datname } of rows.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  } catch {
    // Best effort: not every role may read pg_stat_file.
  } finally {
    await c.end();
  }
}
