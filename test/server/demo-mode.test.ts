/**
 * Issue 6 item 1: the demo (passwords printed in the README) can never run by accident in production. It loads
 * only on the default SQLite file, listening on this machine, without HTTPS/proxy settings — or when
 * GONGKAI_DEMO=1 says so; a database holding demo data is refused by a production configuration; every page
 * says "演示环境" while demo data is loaded.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/server/config.ts';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { startServer, stopServer } from './spawn-server.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the demo is on only for a local start on the default SQLite file, or when asked for', () => {
  // An audit key is given with every PostgreSQL URL: without one the configuration is refused outright.
  const key = { GONGKAI_AUDIT_KEY: `k1:${'ab'.repeat(32)}` };
  const demo = (env: Record<string, string>) => {
    const r = loadConfig(env.DATABASE_URL?.startsWith('postgres') ? { ...key, ...env } : env);
    assert.ok(r.ok, JSON.stringify(r));
    return r.ok ? { on: r.config.demo, by: r.config.demoBlockedBy } : undefined;
  };
  assert.deepEqual(demo({}), { on: true, by: [] }, 'npm start for a newcomer');
  assert.deepEqual(demo({ DATABASE_URL: 'postgres://u@db/gk' }), { on: false, by: ['DATABASE_URL'] });
  assert.deepEqual(demo({ DATABASE_URL: 'sqlite:./data/gongkai.db' }), { on: false, by: ['DATABASE_URL'] });
  assert.deepEqual(demo({ COOKIE_SECURE: '1' }), { on: false, by: ['COOKIE_SECURE'] });
  assert.deepEqual(demo({ COOKIE_SECURE: '0' }), { on: false, by: ['COOKIE_SECURE'] }, 'any deployment setting');
  assert.deepEqual(demo({ TRUST_PROXY: '1' }), { on: false, by: ['TRUST_PROXY'] });
  assert.deepEqual(demo({ HOST: '0.0.0.0' }), { on: false, by: ['HOST'] }, 'listening beyond this machine');
  assert.deepEqual(demo({ HOST: 'localhost' }), { on: true, by: [] });
  assert.deepEqual(demo({ DATABASE_URL: 'postgres://u@db/gk', GONGKAI_DEMO: '1' }), { on: true, by: [] });
  assert.deepEqual(demo({ GONGKAI_DEMO: '0' }), { on: false, by: [] });
});

test('GONGKAI_ADMIN_PASSWORD is refused without echoing the value', () => {
  const r = loadConfig({ GONGKAI_ADMIN_PASSWORD: 'Secret#Value2026' });
  assert.equal(r.ok, false);
  const text = r.ok ? '' : r.problems.join('\n');
  assert.match(text, /GONGKAI_ADMIN_PASSWORD 已停用/);
  assert.doesNotMatch(text, /Secret#Value2026/);
});

describe('a production-like start never loads or serves the demo', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-demo-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('DATABASE_URL set, GONGKAI_DEMO unset: empty start with activation codes, no demo, no banner', async () => {
    const s = await startServer(
      { DATABASE_URL: `sqlite:${join(dir, 'prod.db')}`, GONGKAI_DEMO: '', LOG_LEVEL: 'info' },
      60_000,
    );
    try {
      assert.match(s.output(), /检测到生产配置（DATABASE_URL），未载入演示数据/);
      for (const login of ['admin', 'security', 'auditor'])
        assert.match(s.output(), new RegExp(`${login}\\s+\\S+\\s+第一段 [0-9A-Z-]{14}  第二段 [0-9A-Z-]{14}`));
      assert.doesNotMatch(s.output(), /Gongkai@2026/);
      const home = await (await fetch(`${s.base}/`)).text();
      assert.doesNotMatch(home, /滨湖区|演示环境/);
      const login = await fetch(`${s.base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password: 'Gongkai@2026' }),
      });
      assert.equal(login.status, 401);
    } finally {
      await stopServer(s);
    }
  });

  test('a database with demo data is refused by a production configuration, unless GONGKAI_DEMO=1', async () => {
    const file = join(dir, 'demo.db');
    const s = await startServer({ DATABASE_URL: `sqlite:${file}`, GONGKAI_DEMO: '1' }, 60_000);
    await stopServer(s);
    for (const env of [{ GONGKAI_DEMO: '', COOKIE_SECURE: '1' }, { GONGKAI_DEMO: '0' }]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: root,
        env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite:${file}`, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(r.status, 78, `${JSON.stringify(env)}: ${r.stderr}`);
      assert.match(r.stderr, /该数据库载有演示数据/);
    }
  });
});

describe('the demo banner', () => {
  let demo: TestApp;
  let plain: TestApp;
  before(async () => {
    [demo, plain] = await Promise.all([createTestApp('sqlite'), createTestApp('sqlite', {}, { demo: false })]);
  });
  after(async () => {
    await Promise.all([demo.close(), plain.close()]);
  });

  test('is on every page, portal and back office, while demo data is loaded — and on none otherwise', async () => {
    const agencyId = (await listAgencies(demo.database.open.db))[0]!.id;
    const pages = [
      '/',
      `/agencies/${agencyId}/guide`,
      '/feedback',
      '/api/docs',
      '/no-such-page',
      '/staff/login',
      '/staff/activate',
    ];
    const staff = new TestClient(demo.app);
    await staff.login('admin');
    for (const path of pages) {
      const html = await (await demo.app.request(path)).text();
      assert.match(html, /class="demo-banner" role="note"[\s\S]*演示环境/, path);
      assert.doesNotMatch(await (await plain.app.request(path.replace(agencyId, 'x'))).text(), /演示环境/, path);
    }
    for (const path of ['/staff', '/staff/users', '/staff/account-requests', '/staff/password'])
      assert.match((await staff.page(path)).html, /演示环境/, path);
  });
});
