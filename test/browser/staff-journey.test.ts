import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, stopServer, type RunningServer } from '../server/spawn-server.ts';
import { launchBrowser, skipReason } from './browser-support.ts';

const demoPassword = 'Gongkai@2026';

describe('real browser', { skip: skipReason }, () => {
  let dir: string;
  let server: RunningServer;
  let shortServer: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-browser-'));
    [server, shortServer] = await Promise.all([
      startServer({ DATABASE_URL: `sqlite:${join(dir, 'a.db')}` }),
      // 0.05 minutes = 3 seconds of inactivity ends the session.
      startServer({ DATABASE_URL: `sqlite:${join(dir, 'b.db')}`, SESSION_IDLE_MINUTES: '0.05' }),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await Promise.all([server && stopServer(server), shortServer && stopServer(shortServer)]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('log in, see the own agency dashboard, log out', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.base}/`);
    await page.getByRole('link', { name: '工作人员登录' }).click();
    await page.getByLabel('登录名').fill('rongxiang.chengban');
    await page.getByLabel('密码').fill(demoPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.base}/staff`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '本机构工作台');
    assert.match((await page.locator('main').textContent()) ?? '', /无锡市滨湖区荣巷街道办事处/);
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL(/\/staff\/login\?bye=1/);
    assert.match((await page.locator('main').textContent()) ?? '', /您已安全退出/);
    await page.goto(`${server.base}/staff`);
    assert.match(page.url(), /\/staff\/login\?next=/);
    await page.close();
  });

  test('an idle session expires and the user is sent back to the login page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${shortServer.base}/staff/login`);
    await page.getByLabel('登录名').fill('jiandu');
    await page.getByLabel('密码').fill(demoPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${shortServer.base}/staff`);
    await page.waitForTimeout(3500);
    await page.getByRole('link', { name: '留言与纠错' }).click();
    await page.waitForURL(/\/staff\/login\?next=.*expired=1/);
    assert.match((await page.locator('main').textContent()) ?? '', /登录已超时，请重新登录/);
    await page.close();
  });

  test('the portal home page has no serious or critical accessibility violations (axe-core)', async () => {
    const page = await browser.context.newPage();
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // Issue 8: an item page, its column, search and the 公开指南 (paths taken from the demo's home page).
    const home = await (await fetch(`${server.base}/`)).text();
    const item = /href="(\/items\/[A-Za-z0-9-]+)"/.exec(home)?.[1] ?? '/';
    const agency = /href="(\/agencies\/[A-Za-z0-9-]+)\/catalogue"/.exec(home)?.[1] ?? '';
    const portal = [item, `${agency}/columns/news`, `${agency}/guide`, `/search?q=${encodeURIComponent('街道')}`];
    for (const path of ['/', '/feedback', '/staff/login', '/staff/activate', ...portal]) {
      await page.goto(`${server.base}${path}`);
      // The CSP forbids inline scripts for the site, so evaluate axe through the DevTools protocol instead.
      await page.evaluate(axeSource);
      const result = (await page.evaluate(() =>
        (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
          runOnly: ['wcag2a', 'wcag2aa', 'best-practice'],
        }),
      )) as { violations: { id: string; impact: string; nodes: unknown[]; help: string }[] };
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        bad.map((v) => `${v.id} (${v.impact}): ${v.help}`),
        [],
        `${path}: ${bad.length} serious/critical violations`,
      );
    }
    // High-contrast and large text work without JavaScript, through links and cookies.
    await page.goto(`${server.base}/`);
    await page.getByRole('link', { name: '大字号' }).click();
    await page.getByRole('link', { name: '高对比度' }).click();
    assert.equal(await page.locator('html').getAttribute('class'), 'fs-l hc');
    await page.close();
  });
});
