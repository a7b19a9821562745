import type { DataSource, EntityManager } from 'typeorm';

/** The rows of a raw statement: TypeORM answers `[rows, count]` for UPDATE/DELETE and `rows` otherwise. */
export async function sqlRows<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

interface PreparedPool {
  query<T>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
}

/**
 * Runs a named prepared statement on the DataSource's pg pool: parsed and planned once per
 * connection, then only bound and executed. For the hot paths.
 */
export async function preparedRows<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: PreparedPool }).master;
  const result = await pool.query<T>({ name, text, values });
  return result.rows;
}
