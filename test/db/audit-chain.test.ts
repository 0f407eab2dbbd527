import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { run as auditCommand } from '../../src/cli/commands/audit.ts';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { findUserByLogin } from '../../src/db/repositories/platform/user-repository.ts';
import { actorFromUser } from '../../src/use-cases/platform/actor-from-user.ts';
import { updateAgency } from '../../src/use-cases/platform/update-agency.ts';
import type { Dialect } from '../../src/db/open-database.ts';
import { defaultSecurity } from '../../src/use-cases/platform/context.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import { recordAudit } from '../../src/use-cases/platform/record-audit.ts';
import { verifyAuditChain } from '../../src/use-cases/platform/verify-audit-chain.ts';
import { createTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

const clock = () => new Date('2026-11-20T02:00:00.000Z');

async function seeded(dialect: Dialect): Promise<TestDatabase> {
  const t = await createTestDatabase(dialect);
  await prepareDatabase(t.open, clock, { demo: true });
  return t;
}

/** An attacker with database rights: drops the append-only triggers first. */
async function dropTriggers(t: TestDatabase): Promise<void> {
  if (t.dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(t.open.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(t.open.db);
  } else {
    await sql`DROP TRIGGER audit_log_no_change ON audit_log`.execute(t.open.db);
  }
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await auditCommand(args), out };
  } finally {
    process.stdout.write = write;
  }
}

for (const dialect of testDialects()) {
  describe(`audit hash chain (${dialect})`, () => {
    test('an untouched chain verifies; `gongkai audit verify` says so and exits 0', async () => {
      const t = await seeded(dialect);
      try {
        const v = await verifyAuditChain(t.open.db);
        assert.equal(v.ok, true);
        const r = await cli(['verify', '--database', t.url]);
        assert.equal(r.code, 0);
        assert.match(r.out, /审计哈希链完整/);
      } finally {
        await t.dispose();
      }
    });

    test('the database refuses UPDATE and DELETE on audit_log', async () => {
      const t = await seeded(dialect);
      try {
        await assert.rejects(
          sql`UPDATE audit_log SET actor_label = 'x' WHERE seq = 1`.execute(t.open.db),
          /审计日志只允许追加/,
        );
        await assert.rejects(sql`DELETE FROM audit_log WHERE seq = 1`.execute(t.open.db), /审计日志只允许追加/);
      } finally {
        await t.dispose();
      }
    });

    test('an edited entry: verify names its seq and says the content no longer gives its hash', async () => {
      const t = await seeded(dialect);
      try {
        await dropTriggers(t);
        await sql`UPDATE audit_log SET after_json = replace(after_json, '0510', '0000') WHERE seq = 5`.execute(
          t.open.db,
        );
        const v = await verifyAuditChain(t.open.db);
        assert.equal(v.ok, false);
        assert.equal(v.ok ? 0 : v.brokenSeq, 5);
        const r = await cli(['verify', '--database', t.url]);
        assert.equal(r.code, 1);
        assert.match(r.out, /序号 5 处断裂/);
        assert.match(r.out, /内容与其哈希不符/);
      } finally {
        await t.dispose();
      }
    });

    test('a deleted entry and a cut-off tail are found', async () => {
      const t = await seeded(dialect);
      try {
        await dropTriggers(t);
        const total = (await verifyAuditChain(t.open.db)) as { entries: number };
        await sql`DELETE FROM audit_log WHERE seq = ${total.entries}`.execute(t.open.db);
        const tail = await verifyAuditChain(t.open.db);
        assert.equal(tail.ok, false);
        assert.match(tail.ok ? '' : tail.problem, /链尾条目被删除/);
        await sql`DELETE FROM audit_log WHERE seq = 7`.execute(t.open.db);
        const gap = await verifyAuditChain(t.open.db);
        assert.equal(gap.ok ? 0 : gap.brokenSeq, 7);
        assert.match(gap.ok ? '' : gap.problem, /缺少序号 7/);
      } finally {
        await t.dispose();
      }
    });

    test('concurrent writers never fork the chain', async () => {
      const t = await seeded(dialect);
      try {
        const ctx = { db: t.open.db, clock, actor: null, ip: '127.0.0.1', security: defaultSecurity };
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            t.open.db
              .transaction()
              .execute((trx) =>
                recordAudit(trx, ctx, { action: 'test.concurrent', entity: 'test', entityId: String(i) }),
              ),
          ),
        );
        const v = await verifyAuditChain(t.open.db);
        assert.equal(v.ok, true, JSON.stringify(v));
      } finally {
        await t.dispose();
      }
    });
  });
}

for (const dialect of testDialects()) {
  describe(`audit entry in the same transaction as the change (${dialect})`, () => {
    test('if the audit entry cannot be written, the change is rolled back too', async () => {
      const t = await seeded(dialect);
      try {
        const a = (await listAgencies(t.open.db)).find((x) => x.kind === 'subdistrict')!;
        const actor = actorFromUser((await findUserByLogin(t.open.db, 'admin'))!);
        // Make every audit insert fail.
        if (dialect === 'sqlite') {
          await sql`CREATE TRIGGER audit_log_fail BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END`.execute(
            t.open.db,
          );
        } else {
          await sql`CREATE FUNCTION audit_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$`.execute(
            t.open.db,
          );
          await sql`CREATE TRIGGER audit_log_fail BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_fail()`.execute(
            t.open.db,
          );
        }
        const ctx = { db: t.open.db, clock, actor, ip: '127.0.0.1', security: defaultSecurity };
        const input = {
          address: '不应保存的地址',
          postcode: a.postcode,
          officeHours: a.office_hours,
          phone: a.phone,
          fax: a.fax,
          onlineChannel: a.online_channel,
          email: a.email,
          version: a.version,
        };
        await assert.rejects(updateAgency(ctx, a.id, input), /audit down/);
        const after = (await listAgencies(t.open.db)).find((x) => x.id === a.id)!;
        assert.equal(after.address, a.address);
        assert.equal(after.version, a.version);
      } finally {
        await t.dispose();
      }
    });
  });
}
