import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startServer, stopServer, type RunningServer } from '../server/spawn-server.ts';
import { openRedirectPayloads } from '../server/open-redirect-payloads.ts';
import { launchBrowser } from './browser-support.ts';

/**
 * The open-redirect corpus in a real Chromium against the real server: whatever the browser does with tabs,
 * backslashes and dot segments, no request ever goes to another origin and no script runs.
 */
describe('open redirects in Chromium', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const offsite: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-redirect-'));
    server = await startServer({
      DATABASE_URL: `sqlite:${join(dir, 'r.db')}`,
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    });
    browser = await launchBrowser();
    // Every request to anything but the server is recorded and never leaves the machine.
    await browser.context.route(
      (url) => url.origin !== server.base,
      async (route) => {
        offsite.push(route.request().url());
        await route.abort();
      },
    );
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  async function visit(page: Page, url: string): Promise<void> {
    try {
      // 'commit': the final response after all redirects has arrived — where the browser ended up.
      await page.goto(url, { waitUntil: 'commit' });
    } catch {
      // an aborted off-site navigation: recorded by the route handler, asserted below
    }
  }

  function newPage() {
    return browser.context.newPage().then((page) => {
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      return page;
    });
  }

  test('/prefs?back=: every payload, encoded and written raw into the link, stays on the site', async () => {
    const page = await newPage();
    for (const p of openRedirectPayloads) {
      for (const url of [
        `${server.base}/prefs?fs=l&back=${encodeURIComponent(p)}`,
        `${server.base}/prefs?fs=m&back=${p}`,
      ]) {
        await visit(page, url);
        assert.equal(new URL(page.url()).origin, server.base, `${JSON.stringify(p)} → ${page.url()}`);
      }
    }
    assert.deepEqual(offsite, []);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  test('login next=: payloads of every family end inside the back office', async () => {
    // Each login costs a password hash; the full corpus runs through the login route in-process
    // (test/server/open-redirect.test.ts) and through the same helper in the browser above — here one
    // payload of each family.
    const families = [
      /^\/\/[^/\\]/,
      /\\/,
      /\t/,
      /\n/,
      /^https?:/i,
      /script:/i,
      /%2F/,
      /%5C/,
      /\.\.\/\//,
      /@/,
      /／/,
      /\u2215/,
      /\u202e/,
      /^\/staff/,
    ];
    const sample = families.map((f) => openRedirectPayloads.find((p) => f.test(p))!);
    const page = await newPage();
    for (const p of sample) {
      await browser.context.clearCookies();
      await visit(page, `${server.base}/staff/login?next=${encodeURIComponent(p)}`);
      await page.getByLabel('登录名').fill('bgs.chengban');
      await page.getByLabel('密码').fill('Gongkai@2026');
      await Promise.all([
        page.waitForURL((u) => !u.pathname.startsWith('/staff/login'), { waitUntil: 'commit' }),
        page.getByRole('button', { name: '登录' }).click(),
      ]);
      const u = new URL(page.url());
      assert.equal(u.origin, server.base, `${JSON.stringify(p)} → ${page.url()}`);
      assert.ok(u.pathname === '/staff' || u.pathname.startsWith('/staff/'), `${JSON.stringify(p)} → ${page.url()}`);
    }
    assert.deepEqual(offsite, []);
    assert.deepEqual(dialogs, []);
    await page.close();
  });
});
