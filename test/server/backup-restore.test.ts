import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { run as backup } from '../../src/cli/commands/backup.ts';
import { run as restore } from '../../src/cli/commands/restore.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';

async function quiet<T>(fn: () => Promise<T>): Promise<{ value: T; out: string }> {
  const [o, e] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  let out = '';
  const capture = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    return { value: await fn(), out };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

test('online backup while the database is open, then restore after a change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
  try {
    const url = `sqlite:${join(dir, 'live.db')}`;
    const live = openDatabase(url);
    await prepareDatabase(live, () => new Date(), { demo: true });
    const backupFile = join(dir, 'backup.db');
    const b = await quiet(() => backup([backupFile, '--database', url]));
    assert.equal(b.value, 0, b.out);
    assert.match(b.out, /已备份/);
    assert.equal((await quiet(() => backup([backupFile, '--database', url]))).value, 2, 'refuses to overwrite');

    live.sqlite!.prepare("UPDATE agencies SET phone = 'changed'").run();
    const inUse = await quiet(() => restore([backupFile, '--database', url]));
    assert.equal(inUse.value, 2);
    assert.match(inUse.out, /正在被使用/);
    await live.close();

    const r = await quiet(() => restore([backupFile, '--database', url]));
    assert.equal(r.value, 0, r.out);
    assert.match(r.out, /审计哈希链完整/);
    const db = new SQLite(join(dir, 'live.db'), { readonly: true });
    const changed = db.prepare("SELECT count(*) AS n FROM agencies WHERE phone = 'changed'").get() as { n: number };
    db.close();
    assert.equal(changed.n, 0);
    assert.ok(existsSync(join(dir, 'live.db.before-restore')));
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
      const r = await quiet(() => restore([f, '--database', `sqlite:${join(dir, 'target.db')}`]));
      assert.equal(r.value, 2, r.out);
      assert.match(r.out, /拒绝恢复/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
