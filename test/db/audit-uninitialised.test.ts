/** `gongkai audit verify` against a database the server never started on. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function gongkai(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongkai.mjs'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gongkai audit verify', () => {
  it('on a database the server never started: a Chinese explanation, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-'));
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const r = gongkai(['audit', 'verify', '--database', `sqlite:${file}`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /数据库尚未初始化/);
    assert.doesNotMatch(r.stderr, /no such table/);
  });
});
