/**
 * Where the audit key lives and how it changes: parsing, the key file generated beside a SQLite database, the
 * refusal to start PostgreSQL without a configured key, keygen and rotate-key, entries from before migration 003.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run as auditCommand } from '../../src/cli/commands/audit.ts';
import { loadConfig } from '../../src/server/config.ts';
import { keyedEntryHash, auditHeadMac } from '../../src/use-cases/platform/audit-hash.ts';
import { parseAuditKeys, type AuditKeyring } from '../../src/use-cases/platform/audit-keyring.ts';
import { defaultSecurity } from '../../src/use-cases/platform/context.ts';
import { loadAuditKeyring } from '../../src/use-cases/platform/load-audit-keyring.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import { recordAudit } from '../../src/use-cases/platform/record-audit.ts';
import { verifyAuditChain } from '../../src/use-cases/platform/verify-audit-chain.ts';
import { startServer, stopServer } from '../server/spawn-server.ts';
import {
  auditRows,
  clock,
  dropAllTriggers,
  headRow,
  migrateToBeforeKeys,
  runCli,
  seeded,
  sha256Entry,
  writeHead,
  writeLegacyEntries,
  writeRow,
} from './audit-attacker.ts';
import { createTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const hex = (c: string) => c.repeat(64);

function ring(text: string): AuditKeyring {
  const r = parseAuditKeys(text, 'test');
  if (!r.ok) throw new Error(r.problem);
  return r.keyring;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gongkai-keys-'));
}

describe('audit key syntax', () => {
  test('keys are "id:hex", oldest first, separated by newlines or commas; comments ignored', () => {
    const r = parseAuditKeys(`# comment\nk1:${hex('a')}\n\n  k2:${hex('B')}  ,k3:${'c'.repeat(128)}\n`, 'x');
    assert.ok(r.ok);
    assert.deepEqual(
      r.keyring.keys.map((k) => k.id),
      ['k1', 'k2', 'k3'],
    );
  });

  test('each malformed key is refused with a Chinese message naming the source', () => {
    const cases: [string, RegExp][] = [
      [hex('a'), /缺少编号/],
      [`k1:${'a'.repeat(62)}`, /至少 256 位/],
      [`k1:${'g'.repeat(64)}`, /十六进制/],
      [`k1:${'a'.repeat(63)}`, /十六进制/],
      [`bad id:${hex('a')}`, /编号无效/],
      [`k1:${hex('a')},k1:${hex('b')}`, /重复/],
      ['# only a comment', /没有审计密钥/],
    ];
    for (const [text, message] of cases) {
      const r = parseAuditKeys(text, '环境变量 GONGKAI_AUDIT_KEY');
      assert.equal(r.ok, false, text);
      assert.match(r.ok ? '' : r.problem, message, text);
      assert.match(r.ok ? '' : r.problem, /GONGKAI_AUDIT_KEY/);
    }
  });
});

describe('where the key comes from', () => {
  test('SQLite without configuration: a key file is generated beside the database, mode 0600, and reused', () => {
    const dir = tempDir();
    try {
      const url = `sqlite:${join(dir, 'sub', 'g.db')}`;
      const first = loadAuditKeyring({ key: undefined, keyFile: undefined, databaseUrl: url }, { create: true });
      assert.ok(first.ok, first.ok ? '' : first.problem);
      const file = join(dir, 'sub', 'g.db.audit-key');
      assert.equal(first.file, file);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.match(first.notices.join('\n'), /已生成审计密钥文件/);
      const again = loadAuditKeyring({ key: undefined, keyFile: undefined, databaseUrl: url }, { create: true });
      assert.ok(again.ok);
      assert.deepEqual(again.notices, []);
      const probe = { seq: 1, hash: hex('0') };
      assert.equal(auditHeadMac(probe, again.keyring.keys[0]!), auditHeadMac(probe, first.keyring.keys[0]!));
      // The CLI never creates one.
      const other = loadAuditKeyring(
        { key: undefined, keyFile: undefined, databaseUrl: `sqlite:${join(dir, 'x.db')}` },
        { create: false },
      );
      assert.equal(other.ok, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('PostgreSQL is never given a generated key; both variables at once, or a missing file, are refused', () => {
    const pg = 'postgres://u@127.0.0.1:1/db';
    const none = loadAuditKeyring({ key: undefined, keyFile: undefined, databaseUrl: pg }, { create: true });
    assert.equal(none.ok, false);
    assert.match(none.ok ? '' : none.problem, /PostgreSQL.*GONGKAI_AUDIT_KEY_FILE/);
    const both = loadAuditKeyring({ key: `k1:${hex('a')}`, keyFile: '/x', databaseUrl: pg }, { create: true });
    assert.match(both.ok ? '' : both.problem, /只能设置其中一个/);
    const missing = loadAuditKeyring({ key: undefined, keyFile: '/nonexistent/k', databaseUrl: pg }, { create: true });
    assert.match(missing.ok ? '' : missing.problem, /GONGKAI_AUDIT_KEY_FILE.*无法读取/);
    const fromEnv = loadAuditKeyring({ key: `k7:${hex('a')}`, keyFile: undefined, databaseUrl: pg }, { create: true });
    assert.ok(fromEnv.ok);
    assert.equal(fromEnv.keyring.keys[0]!.id, 'k7');
  });

  test('config: a PostgreSQL DATABASE_URL without an audit key is a configuration error', () => {
    const r = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db' });
    assert.equal(r.ok, false);
    assert.match(
      r.ok ? '' : r.problems.join('\n'),
      /环境变量 GONGKAI_AUDIT_KEY_FILE：使用 PostgreSQL 时必须配置审计密钥/,
    );
    const ok = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1/db',
      GONGKAI_AUDIT_KEY_FILE: '/etc/gongkai/audit.key',
    });
    assert.ok(ok.ok);
    assert.equal(ok.config.auditKeyFile, '/etc/gongkai/audit.key');
    assert.ok(loadConfig({}).ok, 'the zero-setup SQLite start needs nothing');
  });

  test('the server refuses to start (exit 78) on PostgreSQL without a key, and with a malformed key', () => {
    for (const env of [
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
      { DATABASE_URL: `sqlite:${join(tmpdir(), 'never.db')}`, GONGKAI_AUDIT_KEY: 'k1:short' },
    ]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, GONGKAI_AUDIT_KEY: '', GONGKAI_AUDIT_KEY_FILE: '', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(r.status, 78, r.stderr);
      assert.match(r.stderr, /配置有误，无法启动/);
      assert.match(r.stderr, /GONGKAI_AUDIT_KEY/);
    }
  });

  test('npm start on SQLite generates the key file and says so; audit verify then finds it by itself', async () => {
    const dir = tempDir();
    try {
      const db = join(dir, 'g.db');
      const s = await startServer(
        { DATABASE_URL: `sqlite:${db}`, GONGKAI_AUDIT_KEY: '', GONGKAI_AUDIT_KEY_FILE: '' },
        60_000, // a loaded CI machine can take long to start tsx
      );
      try {
        assert.match(s.output(), /已生成审计密钥文件 .*g\.db\.audit-key（权限 0600）/);
      } finally {
        await stopServer(s);
      }
      assert.equal(statSync(`${db}.audit-key`).mode & 0o777, 0o600);
      const r = await runCli(auditCommand, ['verify', '--database', `sqlite:${db}`], {});
      assert.equal(r.code, 0, r.out + r.err);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gongkai audit keygen / rotate-key', () => {
  test('keygen writes a 0600 key file and never overwrites one; without a file it prints a key', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'audit.key');
      const r = await runCli(auditCommand, ['keygen', file], {});
      assert.equal(r.code, 0, r.err);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const parsed = parseAuditKeys(readFileSync(file, 'utf8'), file);
      assert.ok(parsed.ok);
      assert.equal(parsed.keyring.keys[0]!.id, 'k1');
      const before = readFileSync(file, 'utf8');
      const again = await runCli(auditCommand, ['keygen', file], {});
      assert.equal(again.code, 2);
      assert.match(again.err, /已存在，未覆盖/);
      assert.equal(readFileSync(file, 'utf8'), before);
      const printed = await runCli(auditCommand, ['keygen'], {});
      assert.match(printed.out, /^k1:[0-9a-f]{64}\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rotate-key appends k2 to the key file and keeps k1; with the key in the environment it prints the new value', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'audit.key');
      const k1 = `k1:${hex('1')}`;
      writeFileSync(file, `${k1}\n`, { mode: 0o600 });
      const r = await runCli(auditCommand, ['rotate-key', '--database', 'postgres://x@127.0.0.1/db'], {
        GONGKAI_AUDIT_KEY_FILE: file,
      });
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /新密钥“k2”/);
      const text = readFileSync(file, 'utf8');
      assert.ok(text.startsWith(`${k1}\n`));
      const parsed = parseAuditKeys(text, file);
      assert.ok(parsed.ok);
      assert.deepEqual(
        parsed.keyring.keys.map((k) => k.id),
        ['k1', 'k2'],
      );
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const env = await runCli(auditCommand, ['rotate-key', '--database', 'postgres://x@127.0.0.1/db'], {
        GONGKAI_AUDIT_KEY: k1,
      });
      assert.equal(env.code, 0, env.err);
      assert.match(env.out, new RegExp(`^${k1},k2:[0-9a-f]{64}\\n$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const dialect of testDialects()) {
  describe(`key rotation on a live chain (${dialect})`, () => {
    test('after rotation the next start records the new key, both keys verify, the old one alone does not', async () => {
      const t = await seeded(dialect);
      try {
        const k1 = t.auditKeyEnv.GONGKAI_AUDIT_KEY;
        const rotated = ring(`${k1}\nk2:${hex('2')}`);
        await prepareDatabase(t.open, clock, { demo: true, auditKeys: rotated });
        const rows = await auditRows(t);
        const last = rows.at(-1)!;
        assert.equal(last.action, 'audit.keyInstalled');
        assert.equal(last.key_id, 'k2');
        assert.deepEqual(JSON.parse(last.after_json!), { keyId: 'k2', previousKeyId: 'k1' });
        const v = await verifyAuditChain({ db: t.open.db, auditKeys: rotated });
        assert.ok(v.ok, JSON.stringify(v));
        assert.deepEqual(v.keyIds, ['k1', 'k2']);
        // Dropping the old key from the ring makes the older entries unverifiable, not silently trusted.
        const onlyNew = await verifyAuditChain({ db: t.open.db, auditKeys: ring(`k2:${hex('2')}`) });
        assert.equal(onlyNew.ok ? '' : onlyNew.code, 'unknown-key');

        // A server still on the old ring refuses to write (it would sign with the retired key).
        const stale = { db: t.open.db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys: ring(k1) };
        await assert.rejects(
          t.open.db
            .transaction()
            .execute((trx) => recordAudit(trx, stale, { action: 'x', entity: 'x', entityId: null })),
          /本服务器的审计密钥中没有它/,
        );

        // Someone holding only the old, retired key forges an entry after the rotation: refused.
        await dropAllTriggers(t);
        const oldKey = t.auditKeys.keys[0]!;
        const forged = {
          ...last,
          seq: last.seq + 1,
          prev_hash: last.hash,
          action: 'user.create',
          key_id: 'k1',
          after_json: '{"login":"backdoor"}',
        };
        forged.hash = keyedEntryHash(forged, oldKey);
        await t.open.db.insertInto('audit_log').values(forged).execute();
        await writeHead(t, { seq: forged.seq, hash: forged.hash, key_id: 'k1', mac: auditHeadMac(forged, oldKey) });
        const v2 = await verifyAuditChain({ db: t.open.db, auditKeys: rotated });
        assert.equal(v2.ok ? '' : v2.code, 'retired-key');
      } finally {
        await t.dispose();
      }
    });
  });

  describe(`entries written before migration 003 (${dialect})`, () => {
    async function legacyDatabase(): Promise<{ t: TestDatabase; legacy: number }> {
      const t = await createTestDatabase(dialect);
      await migrateToBeforeKeys(t.open, dialect);
      const legacy = await writeLegacyEntries(t.open, 5);
      return { t, legacy };
    }

    test('verify on the un-migrated database explains that the server must start once', async () => {
      const { t } = await legacyDatabase();
      try {
        const r = await runCli(auditCommand, ['verify', '--database', t.url], t.auditKeyEnv);
        assert.equal(r.code, 2);
        assert.match(r.err, /缺少迁移 003-audit-anchor/);
      } finally {
        await t.dispose();
      }
    });

    test('the first start seals them with a keyed entry; they verify as a legacy prefix and verify says so', async () => {
      const { t, legacy } = await legacyDatabase();
      try {
        const before = await auditRows(t);
        await prepareDatabase(t.open, clock, { demo: true, auditKeys: t.auditKeys });
        const rows = await auditRows(t);
        // The old entries are untouched, byte for byte.
        assert.deepEqual(
          rows.slice(0, legacy),
          before.map((r) => ({ ...r, key_id: null })),
        );
        const seal = rows[legacy]!;
        assert.equal(seal.action, 'audit.keyInstalled');
        assert.equal(seal.prev_hash, before.at(-1)!.hash);
        assert.deepEqual(JSON.parse(seal.after_json!), {
          keyId: 'k1',
          previousKeyId: null,
          legacyEntries: legacy,
          legacyHeadHash: before.at(-1)!.hash,
        });
        const v = await verifyAuditChain({ db: t.open.db, auditKeys: t.auditKeys });
        assert.ok(v.ok, JSON.stringify(v));
        assert.equal(v.legacyEntries, legacy);
        const r = await runCli(auditCommand, ['verify', '--database', t.url], t.auditKeyEnv);
        assert.equal(r.code, 0);
        assert.match(r.out, new RegExp(`序号 1–${legacy} 是启用审计密钥之前写入的旧式条目`));
      } finally {
        await t.dispose();
      }
    });

    test('after sealing, rewriting a legacy entry and re-hashing the legacy prefix is caught at the seal', async () => {
      const { t, legacy } = await legacyDatabase();
      try {
        await prepareDatabase(t.open, clock, { demo: false, auditKeys: t.auditKeys });
        await dropAllTriggers(t);
        let prev = '0'.repeat(64);
        for (const row of (await auditRows(t)).slice(0, legacy)) {
          const edited = { ...row, prev_hash: prev, after_json: row.seq === 2 ? '{"n":999}' : row.after_json };
          edited.hash = sha256Entry(edited);
          await writeRow(t, edited);
          prev = edited.hash;
        }
        const v = await verifyAuditChain({ db: t.open.db, auditKeys: t.auditKeys });
        assert.equal(v.ok ? '' : v.code, 'link');
        assert.equal(v.ok ? 0 : v.brokenSeq, legacy + 1);
        assert.ok((await headRow(t)).seq > legacy);
      } finally {
        await t.dispose();
      }
    });
  });
}
