import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { canonicalJson } from '../../src/core/platform/canonical-json.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import { verifyAuditChain } from '../../src/use-cases/platform/verify-audit-chain.ts';
import { createTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

const clock = () => new Date('2026-11-20T02:00:00.000Z');

async function dropAllTriggers(t: TestDatabase) {
  if (t.dialect === 'sqlite') {
    const rows = t.open.sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
      name: string;
    }[];
    for (const r of rows) t.open.sqlite!.exec(`DROP TRIGGER "${r.name}"`);
  } else {
    const r = await sql<{
      tgname: string;
      relname: string;
    }>`SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal`.execute(
      t.open.db,
    );
    for (const x of r.rows) await sql.raw(`DROP TRIGGER "${x.tgname}" ON "${x.relname}"`).execute(t.open.db);
  }
}

type Row = Record<string, unknown> & { seq: number; hash: string; prev_hash: string };
function sha(row: Row): string {
  const { hash: _h, key_id: _k, ...fields } = row;
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
}

for (const dialect of testDialects()) {
  describe(`audit tamper, today (${dialect})`, () => {
    test('delete last and move head back is caught', async () => {
      const t = await createTestDatabase(dialect);
      try {
        await prepareDatabase(t.open, clock, { demo: true, adminPassword: undefined });
        await dropAllTriggers(t);
        const last = await t.open.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(2).execute();
        await sql`DELETE FROM audit_log WHERE seq = ${last[0]!.seq}`.execute(t.open.db);
        await sql`UPDATE audit_head SET seq = ${last[1]!.seq}, hash = ${last[1]!.hash}`.execute(t.open.db);
        assert.equal((await verifyAuditChain(t.open.db)).ok, false);
      } finally {
        await t.dispose();
      }
    });
    test('rewrite and re-hash with SHA-256 is caught', async () => {
      const t = await createTestDatabase(dialect);
      try {
        await prepareDatabase(t.open, clock, { demo: true, adminPassword: undefined });
        await dropAllTriggers(t);
        const rows = (await t.open.db.selectFrom('audit_log').selectAll().orderBy('seq').execute()) as unknown as Row[];
        let prev = '0'.repeat(64);
        for (const r of rows) {
          if (r.seq === 3) r['actor_label'] = '别人';
          r.prev_hash = prev;
          r.hash = sha(r);
          prev = r.hash;
          await sql`UPDATE audit_log SET actor_label = ${r['actor_label'] as string}, prev_hash = ${r.prev_hash}, hash = ${r.hash} WHERE seq = ${r.seq}`.execute(
            t.open.db,
          );
        }
        await sql`UPDATE audit_head SET hash = ${prev}`.execute(t.open.db);
        assert.equal((await verifyAuditChain(t.open.db)).ok, false);
      } finally {
        await t.dispose();
      }
    });
  });
}
