import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { run as backup } from '../../src/cli/commands/backup.ts';
import { run as restore } from '../../src/cli/commands/restore.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { loadAuditKeyring } from '../../src/use-cases/platform/load-audit-keyring.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import { verifyAuditChain } from '../../src/use-cases/platform/verify-audit-chain.ts';
import {
  auditRows,
  clock,
  dropAllTriggers,
  migrateToBeforeKeys,
  runCli,
  seeded,
  sha256Entry,
  writeLegacyEntries,
  writeRow,
} from '../db/audit-attacker.ts';
import { createTestDatabase, pgAdminUrl, type TestDatabase } from '../db/test-databases.ts';

const noEnv = {};

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A live SQLite database as `npm start` leaves it: key generated beside it, demo seeded. */
async function liveSqlite(dir: string) {
  const url = `sqlite:${join(dir, 'live.db')}`;
  const keys = loadAuditKeyring({ key: undefined, keyFile: undefined, databaseUrl: url }, { create: true });
  assert.ok(keys.ok);
  const live = openDatabase(url);
  await prepareDatabase(live, clock, { demo: true, auditKeys: keys.keyring });
  return { url, live, keys: keys.keyring };
}

/** Reads a SQLite file's audit log and triggers without opening it for writing. */
function inspect(file: string) {
  const db = new SQLite(file, { readonly: true });
  try {
    const last = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      action: string;
      actor_label: string;
      after_json: string;
    };
    const triggers = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[])
      .map((r) => r.name)
      .sort();
    return { last, after: JSON.parse(last.after_json) as Record<string, unknown>, triggers };
  } finally {
    db.close();
  }
}

const appendOnly = [
  'audit_head_forward_only',
  'audit_head_no_delete',
  'audit_head_no_insert',
  'audit_log_no_delete',
  'audit_log_no_update',
];

describe('SQLite backup and restore', () => {
  test('online backup while the database is open, then restore after a change; the restore is audited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
    try {
      const { url, live, keys } = await liveSqlite(dir);
      const backupFile = join(dir, 'backup.db');
      const b = await runCli(backup, [backupFile, '--database', url], noEnv);
      assert.equal(b.code, 0, b.out + b.err);
      assert.match(b.out, /已备份/);
      assert.match(b.out, /审计密钥不在备份中/);
      assert.equal((await runCli(backup, [backupFile, '--database', url], noEnv)).code, 2, 'refuses to overwrite');

      live.sqlite!.prepare("UPDATE agencies SET phone = 'changed'").run();
      const inUse = await runCli(restore, [backupFile, '--database', url], noEnv);
      assert.equal(inUse.code, 2);
      assert.match(inUse.err, /正在被使用/);
      await live.close();

      const r = await runCli(restore, [backupFile, '--database', url], noEnv);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /审计哈希链完整/);
      assert.match(r.out, /记入审计日志/);
      const db = new SQLite(join(dir, 'live.db'), { readonly: true });
      const changed = db.prepare("SELECT count(*) AS n FROM agencies WHERE phone = 'changed'").get() as { n: number };
      db.close();
      assert.equal(changed.n, 0);
      assert.ok(existsSync(join(dir, 'live.db.before-restore')));

      const restored = inspect(join(dir, 'live.db'));
      assert.equal(restored.last.action, 'system.restored');
      assert.match(restored.last.actor_label, /gongkai restore/);
      assert.equal(restored.after['source'], backupFile);
      assert.equal(restored.after['sourceSha256'], sha256(backupFile));
      assert.equal(restored.after['forced'], false);
      assert.deepEqual(restored.triggers, appendOnly);
      const o = openDatabase(url);
      try {
        const v = await verifyAuditChain({ db: o.db, auditKeys: keys });
        assert.ok(v.ok, JSON.stringify(v));
      } finally {
        await o.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a backup whose audit log was tampered with is refused, the database untouched; --force restores and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-restore-'));
    try {
      const { url, live } = await liveSqlite(dir);
      const backupFile = join(dir, 'backup.db');
      assert.equal((await runCli(backup, [backupFile, '--database', url], noEnv)).code, 0);
      await live.close();
      // The attacker edits the backup: drops the triggers, rewrites an entry and re-hashes it with SHA-256.
      const bad = new SQLite(backupFile);
      for (const { name } of bad.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
        name: string;
      }[])
        bad.exec(`DROP TRIGGER "${name}"`);
      const row = bad.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as Parameters<typeof sha256Entry>[0];
      const edited = { ...row, actor_label: '别人' };
      bad.prepare('UPDATE audit_log SET actor_label = ?, hash = ? WHERE seq = 4').run('别人', sha256Entry(edited));
      bad.close();

      const liveFile = join(dir, 'live.db');
      const before = sha256(liveFile);
      const r = await runCli(restore, [backupFile, '--database', url], noEnv);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /拒绝恢复：备份的审计哈希链在序号 4 处断裂/);
      assert.match(r.err, /--force/);
      assert.equal(sha256(liveFile), before, 'the database was not touched');
      assert.ok(!existsSync(`${liveFile}.before-restore`));
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.includes('.restore-')),
        [],
        'no temporary file left behind',
      );

      const forced = await runCli(restore, [backupFile, '--force', '--database', url], noEnv);
      assert.equal(forced.code, 1, forced.out + forced.err);
      assert.match(forced.out, /--force/);
      const restored = inspect(liveFile);
      assert.equal(restored.last.action, 'system.restored');
      assert.equal(restored.after['forced'], true);
      assert.deepEqual(restored.after['chain'] && (restored.after['chain'] as { verified: boolean }).verified, false);
      assert.deepEqual(restored.triggers, appendOnly, 'triggers dropped in the backup are re-created');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a backup with an intact chain but its triggers dropped gets the triggers back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-restore-'));
    try {
      const { url, live } = await liveSqlite(dir);
      const backupFile = join(dir, 'backup.db');
      assert.equal((await runCli(backup, [backupFile, '--database', url], noEnv)).code, 0);
      await live.close();
      const b = new SQLite(backupFile);
      b.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_head_forward_only');
      b.close();
      const r = await runCli(restore, [backupFile, '--database', url], noEnv);
      assert.equal(r.code, 0, r.out + r.err);
      const restored = inspect(join(dir, 'live.db'));
      assert.deepEqual(restored.triggers, appendOnly);
      const db = new SQLite(join(dir, 'live.db'));
      assert.throws(() => db.exec("UPDATE audit_log SET ip = 'x' WHERE seq = 1"), /只允许追加/);
      assert.throws(() => db.exec('UPDATE audit_head SET seq = seq - 1'), /审计链头/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without the audit key the restore is refused (it could neither verify nor record)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-restore-'));
    try {
      const { url, live } = await liveSqlite(dir);
      const backupFile = join(dir, 'backup.db');
      assert.equal((await runCli(backup, [backupFile, '--database', url], noEnv)).code, 0);
      await live.close();
      const elsewhere = `sqlite:${join(dir, 'other', 'target.db')}`;
      const r = await runCli(restore, [backupFile, '--database', elsewhere], noEnv);
      assert.equal(r.code, 2);
      assert.match(r.err, /拒绝恢复：未找到审计密钥/);
      // With the key of the backup's deployment given explicitly, it goes through.
      const ok = await runCli(restore, [backupFile, '--database', elsewhere], {
        GONGKAI_AUDIT_KEY_FILE: join(dir, 'live.db.audit-key'),
      });
      assert.equal(ok.code, 0, ok.out + ok.err);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a backup from before audit keys (migration 003) is restored, its SHA-256 entries sealed by the restore entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-restore-'));
    try {
      const old = join(dir, 'old.db');
      const o = openDatabase(`sqlite:${old}`);
      await migrateToBeforeKeys(o, 'sqlite');
      const legacy = await writeLegacyEntries(o, 4);
      o.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
      await o.close();
      const target = `sqlite:${join(dir, 'live.db')}`;
      const keyFile = join(dir, 'audit.key');
      writeFileSync(keyFile, `k1:${'ab'.repeat(32)}\n`, { mode: 0o600 });
      const env = { GONGKAI_AUDIT_KEY_FILE: keyFile };
      const r = await runCli(restore, [old, '--database', target], env);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /早于审计密钥/);
      const keys = loadAuditKeyring({ key: undefined, keyFile, databaseUrl: target }, { create: false });
      assert.ok(keys.ok);
      const db = openDatabase(target);
      try {
        const v = await verifyAuditChain({ db: db.db, auditKeys: keys.keyring });
        assert.ok(v.ok, JSON.stringify(v));
        assert.equal(v.legacyEntries, legacy);
        assert.equal(v.entries, legacy + 1);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('restore refuses a file that is not a Gongkai database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-restore-'));
    try {
      const junk = join(dir, 'junk.db');
      writeFileSync(junk, 'not a database at all');
      const other = join(dir, 'other.db');
      new SQLite(other).exec('CREATE TABLE t (x)').close();
      for (const f of [junk, other, join(dir, 'missing.db')]) {
        const r = await runCli(restore, [f, '--database', `sqlite:${join(dir, 'target.db')}`], noEnv);
        assert.equal(r.code, 2, r.out);
        assert.match(r.err, /拒绝恢复/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Like every database suite: on PostgreSQL when GONGKAI_TEST_PG_URL names a server (test/db/test-databases.ts).
if (pgAdminUrl())
  describe('PostgreSQL restore from pg_dump', () => {
    async function dump(t: TestDatabase, file: string): Promise<void> {
      const r = spawnSync('pg_dump', ['-Fc', '-f', file, t.url], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }

    async function tableCount(t: TestDatabase): Promise<number> {
      const r = await t.open.db
        .selectFrom('information_schema.tables' as never)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('table_schema' as never, '=', 'public' as never)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    }

    test('an intact dump goes into an empty database: chain verified, triggers re-created, restore audited', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gongkai-pgrestore-'));
      const source = await seeded('postgres');
      const target = await createTestDatabase('postgres');
      try {
        const file = join(dir, 'g.dump');
        await dump(source, file);
        const r = await runCli(restore, [file, '--database', target.url], source.auditKeyEnv);
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /审计哈希链完整/);
        const v = await verifyAuditChain({ db: target.open.db, auditKeys: source.auditKeys });
        assert.ok(v.ok, JSON.stringify(v));
        const rows = await auditRows(target);
        const last = rows.at(-1)!;
        assert.equal(last.action, 'system.restored');
        assert.equal(JSON.parse(last.after_json!).sourceSha256, sha256(file));
        assert.equal(rows.length, (await auditRows(source)).length + 1);
        await assert.rejects(target.open.db.deleteFrom('audit_log').where('seq', '=', 1).execute(), /只允许追加/);
        // Restoring again into the now non-empty database is refused.
        const again = await runCli(restore, [file, '--database', target.url], source.auditKeyEnv);
        assert.equal(again.code, 2);
        assert.match(again.err, /不是空库/);
      } finally {
        await source.dispose();
        await target.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a dump of a tampered database is refused before anything is written; --force restores and records it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gongkai-pgrestore-'));
      const source = await seeded('postgres');
      const target = await createTestDatabase('postgres');
      try {
        await dropAllTriggers(source);
        const row = (await auditRows(source))[5]!;
        const edited = { ...row, before_json: '{"说明":"含\\t制表符与\\n换行"}' };
        await writeRow(source, { ...edited, hash: sha256Entry(edited) });
        const file = join(dir, 'g.dump');
        await dump(source, file);

        const r = await runCli(restore, [file, '--database', target.url], source.auditKeyEnv);
        assert.equal(r.code, 2, r.out + r.err);
        assert.match(r.err, new RegExp(`拒绝恢复：备份的审计哈希链在序号 ${row.seq} 处断裂`));
        assert.equal(await tableCount(target), 0, 'the target database is still empty');

        const forced = await runCli(restore, [file, '--force', '--database', target.url], source.auditKeyEnv);
        assert.equal(forced.code, 1, forced.out + forced.err);
        const last = (await auditRows(target)).at(-1)!;
        assert.equal(last.action, 'system.restored');
        assert.equal(JSON.parse(last.after_json!).forced, true);
        // The tampered row came through the dump byte for byte (tab, newline, CJK), and is still caught.
        const v = await verifyAuditChain({ db: target.open.db, auditKeys: source.auditKeys });
        assert.equal(v.ok ? 0 : v.brokenSeq, row.seq);
      } finally {
        await source.dispose();
        await target.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a file that is not a pg_dump archive, or a dump of another database, is refused', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gongkai-pgrestore-'));
      const target = await createTestDatabase('postgres');
      try {
        const junk = join(dir, 'junk.dump');
        writeFileSync(junk, 'PGDMX not a dump');
        const r = await runCli(restore, [junk, '--database', target.url], target.auditKeyEnv);
        assert.equal(r.code, 2);
        assert.match(r.err, /不是 pg_dump -Fc/);
        const foreign = await createTestDatabase('postgres');
        try {
          await foreign.open.db.schema.createTable('t').addColumn('x', 'text').execute();
          const f = join(dir, 'foreign.dump');
          await dump(foreign, f);
          const r2 = await runCli(restore, [f, '--database', target.url], target.auditKeyEnv);
          assert.equal(r2.code, 2);
          assert.match(r2.err, /不是 Gongkai 的数据库备份/);
        } finally {
          await foreign.dispose();
        }
        assert.equal(await tableCount(target), 0);
      } finally {
        await target.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
