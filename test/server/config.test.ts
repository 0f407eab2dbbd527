import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from './spawn-server.ts';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('defaults: port 3000, SQLite file under ./data, demo on', () => {
  const r = loadConfig({});
  assert.ok(r.ok);
  assert.equal(r.config.port, 3000);
  assert.equal(r.config.databaseUrl, 'sqlite:./data/gongkai.db');
  assert.equal(r.config.demo, true);
  assert.equal(r.config.sessionIdleMinutes, 30);
});

test('every problem is reported in Chinese with the variable name', () => {
  const r = loadConfig({
    PORT: 'abc',
    SESSION_IDLE_MINUTES: '-5',
    GONGKAI_DEMO: 'yes',
    LOG_LEVEL: 'loud',
    DATABASE_URL: 'mysql://x',
  });
  assert.equal(r.ok, false);
  const text = r.ok ? '' : r.problems.join('\n');
  for (const name of ['PORT', 'SESSION_IDLE_MINUTES', 'GONGKAI_DEMO', 'LOG_LEVEL', 'DATABASE_URL'])
    assert.match(text, new RegExp(`环境变量 ${name}：`));
  assert.match(text, /PORT 应为整数/);
});

test('the server refuses to start with a bad configuration and exits non-zero', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '99999' },
    encoding: 'utf8',
  });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /配置有误，无法启动/);
  assert.match(r.stderr, /PORT/);
});

test('GONGKAI_DEMO=0 starts empty with the three administrators and their one-time activation codes', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-empty-'));
  const s = await startServer({ DATABASE_URL: `sqlite:${join(dir, 'e.db')}`, GONGKAI_DEMO: '0', LOG_LEVEL: 'info' });
  try {
    for (const login of ['admin', 'security', 'auditor'])
      assert.match(s.output(), new RegExp(`${login}\\s+\\S+\\s+第一段 [0-9A-Z-]{14}  第二段 [0-9A-Z-]{14}`));
    const home = await (await fetch(`${s.base}/`)).text();
    assert.doesNotMatch(home, /滨湖区/);
    const health = (await (await fetch(`${s.base}/healthz`)).json()) as { status: string };
    assert.equal(health.status, 'ok');
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
