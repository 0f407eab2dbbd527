import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenDatabase {
  db: Db;
  dialect: Dialect;
  /** For SQLite: the open better-sqlite3 handle (online backup); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** For PostgreSQL: the connection pool (the job runner shares it); null on SQLite. */
  pgPool: pg.Pool | null;
  /** What to print in logs: the file, or the PostgreSQL URL without its password. */
  description: string;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** SQLite file path from "sqlite:./x.db", "file:./x.db" or a plain path. */
export function sqlitePath(url: string): string {
  return url.replace(/^(sqlite|file):(\/\/)?/, '');
}

export function openDatabase(url: string, options: { poolSize?: number } = {}): OpenDatabase {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle client losing its connection (server restart, failover, admin termination) emits 'error' on the
    // pool; without a listener that would crash the process. The pool replaces the client on next use.
    pool.on('error', (e) => {
      process.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: 'postgres idle client error', error: e.message })}\n`,
      );
    });
    // A checked-out client can fail too (graphile-worker holds one for LISTEN): log, the pool recovers.
    pool.on('connect', (client) => client.on('error', (e) => pool.emit('error', e, client)));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const safe = new URL(url);
    if (safe.password) safe.password = '***';
    return {
      db,
      dialect: 'postgres',
      sqlite: null,
      pgPool: pool,
      description: safe.toString(),
      close: () => db.destroy(),
    };
  }
  const file = sqlitePath(url);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL: readers never block the writer. synchronous=FULL: a committed record survives a power cut, which a
  // system of record needs more than the last bit of write speed. busy_timeout: a second process (the CLI
  // backup) waits instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, pgPool: null, description: file, close: () => db.destroy() };
}
