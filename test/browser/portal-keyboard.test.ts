/**
 * A keyboard-only visitor on the portal (issue 8, "Show in tests"; GB/T 37668 and WCAG 2.1.1 / 2.1.2 / 2.4.1 /
 * 2.4.7): from the home page, with Tab, Shift+Tab and Enter only, reach the skip link, the catalogue, a column, an
 * item, change the font size (大 / 中 / 小), reach search and the 依申请公开 entry. At every step the focused element
 * has a visible focus indicator (outline) and a box on screen; on every page Tab walks through all tabbable
 * elements once and out again — focus is never trapped.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { createTestApp, type TestApp } from '../server/test-app.ts';
import { launchBrowser, skipReason } from './browser-support.ts';

interface Focused {
  tag: string;
  href: string;
  text: string;
  id: string;
  /** A visible indicator: an outline of at least 2 px, or a box shadow. */
  indicator: boolean;
  onScreen: boolean;
  /** Which tabbable element of the page it is (index in document order), -1 when none. */
  index: number;
}

const focusedInfo = `(() => {
  const el = document.activeElement;
  const tabbable = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
    .filter((e) => !e.disabled && e.getClientRects().length > 0);
  if (!el || el === document.body) return { tag: 'body', href: '', text: '', id: '', indicator: false, onScreen: false, index: -1 };
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.localName,
    href: el.getAttribute('href') ?? '',
    text: (el.textContent ?? el.value ?? '').trim().slice(0, 40),
    id: el.id,
    indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow !== ''),
    onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    index: tabbable.indexOf(el),
  };
})()`;

const tabbableCount = `[...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
  .filter((e) => !e.disabled && e.getClientRects().length > 0).length`;

describe('keyboard-only journey on the portal in real Chromium', { skip: skipReason }, () => {
  let t: TestApp;
  let server: ServerType;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let own: string;

  before(async () => {
    t = await createTestApp('sqlite');
    own = (await listAgencies(t.database.open.db)).find((a) => a.name === '无锡市滨湖区荣巷街道办事处')!.id;
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await t?.close();
  });

  /** Presses `key` and checks what got focus: a visible indicator, on screen. */
  async function press(page: Page, key: 'Tab' | 'Shift+Tab'): Promise<Focused> {
    await page.keyboard.press(key);
    const f = (await page.evaluate(focusedInfo)) as Focused;
    if (f.tag !== 'body') {
      assert.ok(f.indicator, `no visible focus indicator on <${f.tag}> ${f.href || f.id || f.text} (${page.url()})`);
      assert.ok(f.onScreen, `focused <${f.tag}> ${f.href || f.text} is off screen (${page.url()})`);
    }
    return f;
  }

  /** Tabs (forward or back) until the focused element satisfies `wanted`; fails after `max` presses. */
  async function tabTo(page: Page, wanted: (f: Focused) => boolean, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 150) {
    for (let i = 0; i < max; i++) {
      const f = await press(page, key);
      if (wanted(f)) return f;
    }
    assert.fail(`not reached with ${key} in ${max} presses on ${page.url()}`);
  }

  /** Enter on the focused link, and wait for the page it opens. */
  async function follow(page: Page, url: RegExp): Promise<void> {
    // Wait for the new document's load, not only the URL: 大/中/小 go through /prefs and back to the same URL,
    // which waitForURL alone would accept before the navigation began.
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.waitForURL(url);
  }

  /** From the top of the page, Tab visits every tabbable element once, in order, and then leaves the page. */
  async function notTrapped(page: Page): Promise<void> {
    await page.evaluate(`document.activeElement?.blur(); window.scrollTo(0, 0)`);
    await page.evaluate(`document.body.focus()`);
    const count = (await page.evaluate(tabbableCount)) as number;
    const seen: number[] = [];
    for (let i = 0; i < count + 3; i++) {
      const f = await press(page, 'Tab');
      if (f.tag === 'body' || (seen.length > 0 && f.index === 0)) break;
      seen.push(f.index);
    }
    assert.equal(seen.length, count, `Tab reached ${seen.length} of ${count} tabbable elements on ${page.url()}`);
    assert.deepEqual(
      seen,
      [...Array(count).keys()],
      `tab order follows the document and repeats nothing on ${page.url()}`,
    );
  }

  test('home → skip link → catalogue → column → item → 大/小/中 → search → 依申请公开, by keyboard only', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/`);

    // The first Tab lands on the skip link, which shows itself; Enter moves focus into the main content.
    const skip = await press(page, 'Tab');
    assert.equal(skip.text, '跳到主要内容');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main');

    // From the content, the agency's catalogue.
    await tabTo(page, (f) => f.href === `/agencies/${own}/catalogue`);
    await follow(page, new RegExp(`/agencies/${own}/catalogue$`));
    assert.match((await page.locator('h1').textContent()) ?? '', /政府信息公开目录/);
    await notTrapped(page);

    // A column of the catalogue, then its first item.
    await tabTo(page, (f) => f.href === `/agencies/${own}/columns/news`);
    await follow(page, /\/columns\/news$/);
    await tabTo(page, (f) => f.href.startsWith('/items/'));
    await follow(page, /\/items\/[A-Za-z0-9_-]+$/);
    const itemUrl = page.url();
    const itemPath = new URL(itemUrl).pathname;
    await notTrapped(page);

    // Font size: 大, then 小, then 中 — each link of the item's tools brings the reader back to the item.
    const fontSize = () => page.evaluate(`getComputedStyle(document.documentElement).fontSize`) as Promise<string>;
    const normal = await fontSize();
    for (const [label, cls] of [
      ['大', 'fs-l'],
      ['小', 'fs-s'],
      ['中', ''],
    ] as const) {
      await tabTo(
        page,
        (f) => f.href === `/prefs?fs=${cls === 'fs-l' ? 'l' : cls === 'fs-s' ? 's' : 'm'}&back=${itemPath}`,
      );
      await follow(page, new RegExp(`${itemPath}$`));
      const classes = (await page.evaluate('document.documentElement.className')) as string;
      if (cls) assert.match(classes, new RegExp(cls), label);
      else assert.doesNotMatch(classes, /fs-/, label);
      const size = await fontSize();
      if (label === '大') assert.ok(parseFloat(size) > parseFloat(normal), `大: ${size} > ${normal}`);
      if (label === '小') assert.ok(parseFloat(size) < parseFloat(normal), `小: ${size} < ${normal}`);
      if (label === '中') assert.equal(size, normal);
    }

    // Back up the page with Shift+Tab to the main navigation's search, and search by keyboard.
    await page.keyboard.press('End');
    await tabTo(page, (f) => f.href === '/search', 'Shift+Tab');
    await follow(page, /\/search$/);
    await tabTo(page, (f) => f.tag === 'input' && f.id !== '');
    await page.keyboard.type('街道');
    await follow(page, /\/search\?q=/);
    assert.match((await page.locator('main').textContent()) ?? '', /街道/);
    await notTrapped(page);

    // To the 依申请公开 entry: home (the brand link), the agency's 公开指南, its online application.
    await page.evaluate(`document.body.focus()`);
    await tabTo(page, (f) => f.href === '/' && f.tag === 'a');
    await follow(page, new RegExp(`^${base}/$`));
    await tabTo(page, (f) => f.href === `/agencies/${own}/guide`);
    await follow(page, /\/guide$/);
    await tabTo(page, (f) => f.href === `/agencies/${own}/apply`);
    await follow(page, /\/apply$/);
    assert.match((await page.locator('h1').textContent()) ?? '', /申请/);
    await notTrapped(page);
    await page.close();
  });
});
