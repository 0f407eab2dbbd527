/**
 * The audit chain against someone with SQL access to the database (drops triggers, updates and deletes rows,
 * computes SHA-256) but without the audit key, which lives outside the database. Every tampering must be caught;
 * what only an anchor kept outside the database can catch is shown with one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { run as auditCommand } from '../../src/cli/commands/audit.ts';
import { auditHeadMac, keyedEntryHash } from '../../src/use-cases/platform/audit-hash.ts';
import { currentKey, ephemeralKeyring } from '../../src/use-cases/platform/audit-keyring.ts';
import { defaultSecurity, type UseCaseContext } from '../../src/use-cases/platform/context.ts';
import { recordAudit } from '../../src/use-cases/platform/record-audit.ts';
import { verifyAuditChain, type ChainVerdict } from '../../src/use-cases/platform/verify-audit-chain.ts';
import {
  auditRows,
  clock,
  deleteEntry,
  dropAllTriggers,
  headRow,
  rehashChain,
  runCli,
  seeded,
  sha256Entry,
  writeHead,
  writeRow,
} from './audit-attacker.ts';
import { testDialects, type TestDatabase } from './test-databases.ts';

function verify(t: TestDatabase, expect: { seq: number; hash: string }[] = []) {
  return verifyAuditChain({ db: t.open.db, auditKeys: t.auditKeys }, { expect });
}

function cli(t: TestDatabase, args: string[]) {
  return runCli(auditCommand, [...args, '--database', t.url], t.auditKeyEnv);
}

function ctxOf(t: TestDatabase): UseCaseContext {
  return { db: t.open.db, clock, actor: null, ip: '127.0.0.1', security: defaultSecurity, auditKeys: t.auditKeys };
}

async function append(t: TestDatabase, ctx: UseCaseContext = ctxOf(t)): Promise<number> {
  return t.open.db
    .transaction()
    .execute((trx) => recordAudit(trx, ctx, { action: 'test.append', entity: 'test', entityId: null }));
}

function assertBroken(v: ChainVerdict, code: string, seq?: number): void {
  assert.equal(v.ok, false, `expected a broken chain (${code}), got ${JSON.stringify(v)}`);
  if (v.ok) return;
  assert.equal(v.code, code, v.problem);
  if (seq !== undefined) assert.equal(v.brokenSeq, seq, v.problem);
}

/** Wraps a test body with a seeded database that is disposed afterwards. */
function withDb(dialect: TestDatabase['dialect'], fn: (t: TestDatabase) => Promise<void>) {
  return async () => {
    const t = await seeded(dialect);
    try {
      await fn(t);
    } finally {
      await t.dispose();
    }
  };
}

for (const dialect of testDialects()) {
  describe(`audit chain tamper suite (${dialect})`, () => {
    test(
      'an untouched chain verifies: every entry signed with the key, none legacy; the CLI says so, exit 0',
      withDb(dialect, async (t) => {
        const v = await verify(t);
        assert.ok(v.ok, JSON.stringify(v));
        assert.equal(v.legacyEntries, 0);
        assert.deepEqual(v.keyIds, ['k1']);
        const rows = await auditRows(t);
        assert.ok(rows.length > 10);
        assert.ok(rows.every((r) => r.key_id === 'k1'));
        // The first entry says which key took over, the hash is not the public SHA-256 of the entry.
        assert.equal(rows[0]!.action, 'audit.keyInstalled');
        assert.notEqual(rows[0]!.hash, sha256Entry(rows[0]!));
        const r = await cli(t, ['verify']);
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /审计哈希链完整/);
      }),
    );

    test(
      'an edited entry: broken at its seq, content no longer gives its hash',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        const row = (await auditRows(t))[4]!;
        await writeRow(t, { ...row, after_json: '{"name":"篡改"}' });
        assertBroken(await verify(t), 'content', row.seq);
        const r = await cli(t, ['verify']);
        assert.equal(r.code, 1);
        assert.match(r.out, new RegExp(`序号 ${row.seq} 处断裂`));
      }),
    );

    test(
      'the last entry deleted, head left alone: the head names an entry that is gone',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        const rows = await auditRows(t);
        await deleteEntry(t, rows.at(-1)!.seq);
        assertBroken(await verify(t), 'head');
      }),
    );

    test(
      'the last entry deleted and the head moved back onto the one before: the head MAC gives it away',
      withDb(dialect, async (t) => {
        const anchor = await cli(t, ['anchor']);
        assert.equal(anchor.code, 0, anchor.err);
        await dropAllTriggers(t);
        const rows = await auditRows(t);
        const [prev, last] = [rows.at(-2)!, rows.at(-1)!];
        await deleteEntry(t, last.seq);
        const head = await headRow(t);
        // The attacker can copy the previous entry's hash and key id; the MAC needs the key: keep the old one,
        // or try the hash the attacker can compute.
        for (const mac of [head.mac, sha256Entry(prev), null]) {
          await writeHead(t, { seq: prev.seq, hash: prev.hash, key_id: prev.key_id, mac });
          assertBroken(await verify(t), 'head-mac');
        }
        // And against the anchor taken before, the cut is named as such.
        assertBroken(await verify(t, [parseAnchorOut(anchor.out)]), 'truncated');
      }),
    );

    test(
      'cut off the tail and put back a head row copied earlier: only the anchor catches it',
      withDb(dialect, async (t) => {
        const earlierHead = await headRow(t); // the attacker's copy, taken at some point
        await append(t);
        await append(t);
        const anchor = await cli(t, ['anchor']);
        assert.equal(anchor.code, 0, anchor.err);
        await dropAllTriggers(t);
        for (const r of (await auditRows(t)).filter((x) => x.seq > earlierHead.seq)) await deleteEntry(t, r.seq);
        await writeHead(t, earlierHead);
        // A consistent, shorter chain: without an anchor nothing in the database can tell (documented).
        assert.equal((await verify(t)).ok, true);
        const r = await cli(t, ['verify', '--expect', anchor.out.trim()]);
        assert.equal(r.code, 1, r.out);
        assert.match(r.out, /日志被截断/);
        assertBroken(await verify(t, [parseAnchorOut(anchor.out)]), 'truncated', earlierHead.seq + 1);
      }),
    );

    test(
      'the whole chain rewritten and re-hashed with SHA-256, key ids removed: unsigned entries seal nothing',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        const rows = await rehashChain(
          t,
          (r) => ({ ...r, key_id: null, actor_label: r.seq === 3 ? '别人' : r.actor_label }),
          sha256Entry,
        );
        const last = rows.at(-1)!;
        await writeHead(t, { seq: last.seq, hash: last.hash, key_id: null, mac: null });
        assertBroken(await verify(t), 'unsealed');
        const r = await cli(t, ['verify']);
        assert.equal(r.code, 1);
        assert.match(r.out, /旧式条目/);
      }),
    );

    test(
      'the chain re-hashed with SHA-256 but key ids kept, or re-signed with the attacker’s own key: content breaks at the edit',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        const attackerKey = currentKey(ephemeralKeyring('k1')); // same id, different secret
        for (const sign of [sha256Entry, (r: Parameters<typeof sha256Entry>[0]) => keyedEntryHash(r, attackerKey)]) {
          const rows = await rehashChain(t, (r) => ({ ...r, actor_label: r.seq === 3 ? '别人' : r.actor_label }), sign);
          const last = rows.at(-1)!;
          await writeHead(t, { seq: last.seq, hash: last.hash, key_id: 'k1', mac: auditHeadMac(last, attackerKey) });
          assertBroken(await verify(t), 'content', 1);
        }
      }),
    );

    test(
      'entries signed with an invented key id are not trusted',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        const invented = currentKey(ephemeralKeyring('k9'));
        const rows = await rehashChain(
          t,
          (r) => ({ ...r, key_id: 'k9' }),
          (r) => keyedEntryHash(r, invented),
        );
        const last = rows.at(-1)!;
        await writeHead(t, { seq: last.seq, hash: last.hash, key_id: 'k9', mac: auditHeadMac(last, invented) });
        assertBroken(await verify(t), 'unknown-key', 1);
      }),
    );

    test(
      'a legacy (SHA-256) entry slipped in after signed ones is a downgrade',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        const last = (await auditRows(t)).at(-1)!;
        const forged = { ...last, key_id: null, actor_label: '别人' };
        forged.hash = sha256Entry(forged);
        await writeRow(t, forged);
        assertBroken(await verify(t), 'downgrade', last.seq);
      }),
    );

    test(
      'someone who HAS the key rewrites entry 2 and re-signs everything: verify alone passes, the anchor does not',
      withDb(dialect, async (t) => {
        const anchor = parseAnchorOut((await cli(t, ['anchor'])).out);
        await dropAllTriggers(t);
        const key = currentKey(t.auditKeys);
        const rows = await rehashChain(
          t,
          (r) => ({ ...r, actor_label: r.seq === 2 ? '别人' : r.actor_label }),
          (r) => keyedEntryHash(r, key),
        );
        const last = rows.at(-1)!;
        await writeHead(t, { seq: last.seq, hash: last.hash, key_id: key.id, mac: auditHeadMac(last, key) });
        assert.equal((await verify(t)).ok, true);
        assertBroken(await verify(t, [anchor]), 'diverged', anchor.seq);
        const r = await cli(t, ['verify', '--expect', `${anchor.seq}:${anchor.hash}`]);
        assert.equal(r.code, 1);
        assert.match(r.out, /与锚点记录的/);
      }),
    );

    test(
      'an empty log with the head reset to genesis is not an intact log',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        for (const r of await auditRows(t)) await deleteEntry(t, r.seq);
        await writeHead(t, { seq: 0, hash: '0'.repeat(64), key_id: null, mac: null });
        assertBroken(await verify(t), 'empty');
      }),
    );

    test(
      'a missing head row is reported, not a crash',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        await t.open.db.deleteFrom('audit_head').execute();
        assertBroken(await verify(t), 'head-missing');
      }),
    );
  });

  describe(`audit_head only moves forward while the triggers exist (${dialect})`, () => {
    test(
      'direct SQL cannot move the head back, skip ahead, rewrite its hash, delete it or add a second one',
      withDb(dialect, async (t) => {
        const db = t.open.db;
        const head = await headRow(t);
        const rows = await auditRows(t);
        const refused = /审计链头只能随新条目前进/;
        await assert.rejects(sql`UPDATE audit_head SET seq = seq - 1`.execute(db), refused);
        await assert.rejects(
          sql`UPDATE audit_head SET seq = ${rows.at(-2)!.seq}, hash = ${rows.at(-2)!.hash}`.execute(db),
          refused,
        );
        await assert.rejects(sql`UPDATE audit_head SET seq = 0, hash = ${'0'.repeat(64)}`.execute(db), refused);
        await assert.rejects(sql`UPDATE audit_head SET seq = seq + 5`.execute(db), refused);
        await assert.rejects(sql`UPDATE audit_head SET seq = seq + 1, hash = ${'a'.repeat(64)}`.execute(db), refused);
        await assert.rejects(sql`UPDATE audit_head SET hash = ${rows.at(-2)!.hash}`.execute(db), refused);
        await assert.rejects(sql`DELETE FROM audit_head`.execute(db), refused);
        await assert.rejects(
          sql`INSERT INTO audit_head (id, seq, hash) VALUES (2, 0, ${'0'.repeat(64)})`.execute(db),
          refused,
        );
        await assert.rejects(sql`DELETE FROM audit_log WHERE seq = ${head.seq}`.execute(db), /只允许追加/);
        if (dialect === 'postgres') {
          await assert.rejects(sql`TRUNCATE audit_log`.execute(db), /只允许追加/);
          await assert.rejects(sql`TRUNCATE audit_head`.execute(db), refused);
        }
        assert.deepEqual(await headRow(t), head);
        // The application's own appends still pass the triggers, and the chain stays intact.
        await append(t);
        const v = await verify(t);
        assert.ok(v.ok, JSON.stringify(v));
        assert.equal(v.entries, head.seq + 1);
      }),
    );
  });

  describe(`anchors: gongkai audit anchor / verify --expect (${dialect})`, () => {
    test(
      'anchor prints exactly SEQ:HASH of the verified head; later appends still match it',
      withDb(dialect, async (t) => {
        const a = await cli(t, ['anchor']);
        assert.equal(a.code, 0, a.err);
        assert.match(a.out, /^\d+:[0-9a-f]{64}\n$/);
        const head = await headRow(t);
        assert.equal(a.out, `${head.seq}:${head.hash}\n`);
        assert.match(a.err, /保存在数据库以外/);
        const json = await cli(t, ['anchor', '--json']);
        assert.deepEqual(JSON.parse(json.out), { anchor: a.out.trim(), seq: head.seq, hash: head.hash });
        await append(t);
        const r = await cli(t, ['verify', '--expect', a.out.trim()]);
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, /与 1 个锚点一致/);
      }),
    );

    test(
      'an anchor naming a hash the log never had, or a seq beyond it, fails; a malformed one is a usage error',
      withDb(dialect, async (t) => {
        const head = await headRow(t);
        const other = await cli(t, ['verify', '--expect', `${head.seq}:${'b'.repeat(64)}`]);
        assert.equal(other.code, 1);
        assert.match(other.out, /与锚点记录的/);
        const beyond = await cli(t, ['verify', `--expect=${head.seq + 3}:${head.hash}`]);
        assert.equal(beyond.code, 1);
        assert.match(beyond.out, /日志被截断/);
        for (const bad of ['12', `x:${head.hash}`, `0:${head.hash}`, `${head.seq}:${head.hash.slice(1)}`]) {
          const r = await cli(t, ['verify', '--expect', bad]);
          assert.equal(r.code, 2, bad);
          assert.match(r.err, /不是锚点/);
        }
      }),
    );

    test(
      'anchor refuses to print for a broken chain',
      withDb(dialect, async (t) => {
        await dropAllTriggers(t);
        const row = (await auditRows(t))[2]!;
        await writeRow(t, { ...row, ip: '10.0.0.1' });
        const r = await cli(t, ['anchor']);
        assert.equal(r.code, 1);
        assert.doesNotMatch(r.out, /^\d+:[0-9a-f]{64}$/m);
      }),
    );

    test(
      'verify without the key configured: exit 2 with a Chinese explanation, not a tampering verdict',
      withDb(dialect, async (t) => {
        const r = await runCli(auditCommand, ['verify', '--database', t.url], {});
        assert.equal(r.code, 2);
        assert.match(r.err, /审计密钥/);
      }),
    );
  });
}

function parseAnchorOut(out: string): { seq: number; hash: string } {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(out.trim());
  assert.ok(m, `not an anchor: ${out}`);
  return { seq: Number(m[1]), hash: m[2]! };
}
