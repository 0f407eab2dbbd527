import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Dialect, type OpenDatabase } from '../../src/db/open-database.ts';
import { newAuditKeyLine, parseAuditKeys, type AuditKeyring } from '../../src/use-cases/platform/audit-keyring.ts';
import { requireInCi } from '../require-in-ci.ts';

/**
 * One test suite, every database: SQLite always; PostgreSQL when GONGKAI_TEST_PG_URL (or a postgres://
 * DATABASE_URL) names a server. Each run gets a FRESH database (gongkai_test_<random>) dropped at the end.
 */
export function pgAdminUrl(): string | undefined {
  const u = process.env['GONGKAI_TEST_PG_URL'] ?? process.env['DATABASE_URL'];
  return u && /^postgres(ql)?:\/\//.test(u) ? u : undefined;
}

/**
 * SQLite always; PostgreSQL too when a server is named. In CI (CI=1) PostgreSQL is required: a run without it
 * fails instead of passing on SQLite alone.
 */
export function testDialects(): Dialect[] {
  const skip = requireInCi(
    pgAdminUrl() !== undefined,
    ' PostgreSQL',
    '设置 GONGKAI_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres 以在 PostgreSQL 上运行数据库套件',
  );
  return skip === false ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  dialect: Dialect;
  url: string;
  open: OpenDatabase;
  /** The audit keys of this database's deployment (a fresh key per test database, held only in memory)… */
  auditKeys: AuditKeyring;
  /** …and the same key as the environment gives it to a CLI command. */
  auditKeyEnv: { GONGKAI_AUDIT_KEY: string };
  /** Closes and removes the database. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const open = openDatabase(url);
    return {
      dialect,
      url,
      open,
      ...testAuditKeys(),
      async dispose() {
        await open.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = pgAdminUrl();
  if (!admin) throw new Error('PostgreSQL test URL missing');
  const name = `gongkai_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(admin, async (client) => {
    try {
      // C.UTF-8 so that later full-text features see CJK characters (see stack notes).
      await client.query(
        `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
      );
    } catch {
      await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    }
  });
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  const open = openDatabase(url, { poolSize: 5 });
  return {
    dialect,
    url,
    open,
    ...testAuditKeys(),
    async dispose() {
      await open.close();
      await adminQuery(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

function testAuditKeys(): Pick<TestDatabase, 'auditKeys' | 'auditKeyEnv'> {
  const line = newAuditKeyLine('k1');
  const parsed = parseAuditKeys(line, 'test');
  if (!parsed.ok) throw new Error(parsed.problem);
  return { auditKeys: parsed.keyring, auditKeyEnv: { GONGKAI_AUDIT_KEY: line } };
}

async function adminQuery(url: string, fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
