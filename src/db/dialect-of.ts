import { PostgresAdapter } from 'kysely';
import type { Dialect } from './open-database.ts';
import type { Executor } from './schema.ts';

/**
 * Which database an executor (a database handle or an open transaction) talks to. Repositories that need the
 * few statements that differ between SQLite and PostgreSQL ask this instead of being handed the dialect.
 */
export function dialectOf(ex: Executor): Dialect {
  return ex.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
