import { sql, type Kysely } from 'kysely';
import type { Dialect } from './open-database.ts';

const noChange = '审计日志只允许追加，不得修改或删除';
const headForward = '审计链头只能随新条目前进，不得回退、删除或改写';

/**
 * The database's own guard for the audit trail, (re)installed by migration 003 and after every restore: audit_log
 * refuses UPDATE, DELETE and (PostgreSQL) TRUNCATE; audit_head refuses DELETE, a second row, and any UPDATE other
 * than the two steps of an append — seq + 1 with the hash unchanged (reserving the next entry), then the hash of
 * the entry just inserted at that seq. So while the triggers exist the head never moves backwards, even by direct
 * SQL. Someone with DDL rights can drop them: that is what the keyed hash chain, the head MAC and the operator's
 * anchors are for (docs/ARCHITECTURE.md, "What the audit trail guarantees"). Idempotent: drops and re-creates, so
 * a restored backup whose triggers were dropped or whose trigger functions were replaced gets the real ones back.
 */
export async function installAuditTriggers<T>(db: Kysely<T>, dialect: Dialect): Promise<void> {
  const forbiddenHeadUpdate = `NEW.id <> OLD.id OR NEW.seq < OLD.seq OR NEW.seq > OLD.seq + 1
      OR (NEW.seq = OLD.seq + 1 AND NEW.hash <> OLD.hash)
      OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash
          AND NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash))`;
  if (dialect === 'sqlite') {
    for (const t of [
      'audit_log_no_update',
      'audit_log_no_delete',
      'audit_head_forward_only',
      'audit_head_no_delete',
      'audit_head_no_insert',
    ]) {
      await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
    }
    await sql
      .raw(
        `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, '审计日志只允许追加，不得修改'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, '审计日志只允许追加，不得删除'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
      WHEN ${forbiddenHeadUpdate}
      BEGIN SELECT RAISE(ABORT, '${headForward}'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      BEGIN SELECT RAISE(ABORT, '${headForward}'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_head_no_insert BEFORE INSERT ON audit_head
      WHEN (SELECT count(*) FROM audit_head) > 0
      BEGIN SELECT RAISE(ABORT, '${headForward}'); END`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '${noChange}'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION '${headForward}'; END IF;
      IF ${forbiddenHeadUpdate} THEN RAISE EXCEPTION '${headForward}'; END IF;
      RETURN NEW;
    END $$`,
    )
    .execute(db);
  for (const [name, table] of [
    ['audit_log_no_change', 'audit_log'],
    ['audit_log_no_truncate', 'audit_log'],
    ['audit_head_forward_only', 'audit_head'],
    ['audit_head_no_truncate', 'audit_head'],
  ] as const) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`).execute(db);
  }
  await sql
    .raw(
      `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    )
    .execute(db);
  // Row triggers do not fire on TRUNCATE: without this one, TRUNCATE audit_log would empty the log silently.
  await sql
    .raw(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER audit_head_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only()`,
    )
    .execute(db);
}
