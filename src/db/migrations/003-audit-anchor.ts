import { sql, type Kysely } from 'kysely';
import { installAuditTriggers } from '../audit-triggers.ts';
import type { Dialect } from '../open-database.ts';

/**
 * Keyed audit chain (issue 6, item 5). Each entry records the id of the audit key that signed it (HMAC-SHA256;
 * the key itself lives outside the database); entries already stored keep key_id NULL and their SHA-256 hashes,
 * and are sealed by the first keyed entry written at the next start (seal-audit-chain.ts). The head gets the key
 * id and a MAC, and triggers that keep it from moving backwards (audit-triggers.ts).
 */
export function auditAnchorMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('audit_log').addColumn('key_id', 'text').execute();
      await db.schema.alterTable('audit_head').addColumn('key_id', 'text').execute();
      await db.schema.alterTable('audit_head').addColumn('mac', 'text').execute();
      await installAuditTriggers(db, dialect);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') {
        for (const t of ['audit_head_forward_only', 'audit_head_no_delete', 'audit_head_no_insert']) {
          await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
        }
      } else {
        await sql`DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log`.execute(db);
        await sql`DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_head`.execute(db);
        await sql`DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head`.execute(db);
        await sql`DROP FUNCTION IF EXISTS audit_head_forward_only()`.execute(db);
      }
      await db.schema.alterTable('audit_head').dropColumn('mac').execute();
      await db.schema.alterTable('audit_head').dropColumn('key_id').execute();
      await db.schema.alterTable('audit_log').dropColumn('key_id').execute();
    },
  };
}
