/**
 * What the audit tests share: a seeded database, and an attacker with SQL access (drops every trigger, rewrites
 * rows, computes SHA-256 — everything except reading the audit key, which is not in the database).
 */
import { createHash } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { canonicalJson } from '../../src/core/platform/canonical-json.ts';
import { platformMigration } from '../../src/db/migrations/001-platform.ts';
import { rateLimitMigration } from '../../src/db/migrations/002-rate-limits.ts';
import type { Dialect, OpenDatabase } from '../../src/db/open-database.ts';
import type { AuditLogRow } from '../../src/db/schema.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import { createTestDatabase, type TestDatabase } from './test-databases.ts';

export const clock = () => new Date('2026-11-20T02:00:00.000Z');

/** A fresh database of the dialect, migrated and seeded with the demo district, signed with its test key. */
export async function seeded(dialect: Dialect): Promise<TestDatabase> {
  const t = await createTestDatabase(dialect);
  await prepareDatabase(t.open, clock, { demo: true, auditKeys: t.auditKeys });
  return t;
}

/** Every trigger in the database, whatever its name — what someone with DDL rights does first. */
export async function dropAllTriggers(t: TestDatabase): Promise<void> {
  if (t.dialect === 'sqlite') {
    const rows = t.open.sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
      name: string;
    }[];
    for (const r of rows) t.open.sqlite!.exec(`DROP TRIGGER "${r.name}"`);
    return;
  }
  const r = await sql<{ tgname: string; relname: string }>`SELECT t.tgname, c.relname FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal`.execute(t.open.db);
  for (const x of r.rows) await sql.raw(`DROP TRIGGER "${x.tgname}" ON "${x.relname}"`).execute(t.open.db);
}

export async function triggerNames(t: TestDatabase): Promise<string[]> {
  if (t.dialect === 'sqlite') {
    return (
      t.open.sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
  }
  const r = await sql<{ tgname: string }>`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`.execute(
    t.open.db,
  );
  return r.rows.map((x) => x.tgname);
}

export async function auditRows(t: TestDatabase): Promise<AuditLogRow[]> {
  const rows = await t.open.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function headRow(t: TestDatabase) {
  const r = await t.open.db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { ...r, seq: Number(r.seq) };
}

/** Overwrites an entry in place (triggers must be gone). */
export async function writeRow(t: TestDatabase, row: AuditLogRow): Promise<void> {
  const { seq, ...rest } = row;
  await t.open.db.updateTable('audit_log').set(rest).where('seq', '=', seq).execute();
}

export async function writeHead(
  t: TestDatabase,
  head: { seq: number; hash: string; key_id: string | null; mac: string | null },
): Promise<void> {
  await t.open.db.updateTable('audit_head').set(head).where('id', '=', 1).execute();
}

export async function deleteEntry(t: TestDatabase, seq: number): Promise<void> {
  await t.open.db.deleteFrom('audit_log').where('seq', '=', seq).execute();
}

/**
 * The published pre-keys scheme, computed here independently of the implementation: SHA-256 over the canonical
 * JSON of the entry's fields (no key id). Anyone can compute it.
 */
export function sha256Entry(row: Omit<AuditLogRow, 'hash' | 'key_id'> & { key_id?: string | null }): string {
  const body = canonicalJson({
    seq: row.seq,
    at: row.at,
    actor_id: row.actor_id,
    actor_label: row.actor_label,
    action: row.action,
    entity: row.entity,
    entity_id: row.entity_id,
    before_json: row.before_json,
    after_json: row.after_json,
    ip: row.ip,
    prev_hash: row.prev_hash,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Rewrites the whole chain: `edit` changes rows, `sign` computes each hash; prev_hash links are re-made. */
export async function rehashChain(
  t: TestDatabase,
  edit: (row: AuditLogRow) => AuditLogRow,
  sign: (row: AuditLogRow) => string,
): Promise<AuditLogRow[]> {
  let prev = '0'.repeat(64);
  const out: AuditLogRow[] = [];
  for (const original of await auditRows(t)) {
    const row = { ...edit({ ...original }), prev_hash: prev };
    row.hash = sign(row);
    prev = row.hash;
    await writeRow(t, row);
    out.push(row);
  }
  return out;
}

/** Runs a CLI command in-process and collects what it prints. */
export async function runCli(
  run: (args: string[], env: Record<string, string | undefined>, io: CliIo) => Promise<number>,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, env, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** A database as it was before migration 003: the schema of 001 and 002 only. */
export async function migrateToBeforeKeys(o: OpenDatabase, dialect: 'sqlite' | 'postgres') {
  const migrator = new Migrator({
    db: o.db,
    provider: {
      getMigrations: async () => ({
        '001-platform': platformMigration(dialect),
        '002-rate-limits': rateLimitMigration(),
      }),
    },
  });
  const r = await migrator.migrateToLatest();
  if (r.error) throw r.error;
}

/** Entries as the code before migration 003 wrote them: plain SHA-256, head moved along. Returns their count. */
export async function writeLegacyEntries(o: OpenDatabase, n: number): Promise<number> {
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= n; seq++) {
    const row = {
      seq,
      at: `2025-0${seq}-01T00:00:00.000Z`,
      actor_id: null,
      actor_label: '系统（旧版）',
      action: 'test.legacy',
      entity: 'test',
      entity_id: String(seq),
      before_json: null,
      after_json: `{"n":${seq}}`,
      ip: null,
      prev_hash: prev,
    };
    const hash = sha256Entry(row);
    await o.db
      .insertInto('audit_log')
      .values({ ...row, hash } as never)
      .execute();
    await o.db
      .updateTable('audit_head')
      .set({ seq, hash } as never)
      .where('id', '=', 1)
      .execute();
    prev = hash;
  }
  return n;
}
