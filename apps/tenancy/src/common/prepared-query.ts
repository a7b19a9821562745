import type { DataSource } from 'typeorm';

interface PgPool {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/**
 * Runs a hot-path query as a named prepared statement on the DataSource's pg pool: each pooled
 * connection parses and plans it once (planning a four-table join costs more than executing it).
 * TypeORM's `query()` has no named statements, hence the pool.
 */
export async function preparedQuery<R>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return dataSource.query(text, values);
  const { rows } = await pool.query<R>({ name, text, values });
  return rows;
}
