import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sanitizeBody } from '../../src/readers/body/sanitize-body.ts';
import { xssPayloads } from '../fixtures/xss-payloads.ts';
import { launchBrowser, skipReason } from './browser-support.ts';

const ALLOWED_TAGS =
  'main h2 h3 h4 h5 h6 p br hr div blockquote pre code strong b em i u s sub sup ul ol li dl dt dd figure figcaption table caption colgroup col thead tbody tfoot tr th td a img'.split(
    ' ',
  );

/** Loads `body` as a page would serve it (no CSP: the sanitizer alone must hold), pokes it, returns what ran. */
async function render(page: Page, body: string, poke = true): Promise<string[]> {
  const ran: string[] = [];
  await page.exposeFunction('__ran', (what: string) => ran.push(what)).catch(() => undefined);
  page.on('dialog', (d) => {
    ran.push(`dialog:${d.message()}`);
    void d.dismiss();
  });
  // The harness's own script (not part of any body) turns every way a payload reports itself into a record.
  const harness =
    '<script>for (const n of ["xss", "alert", "confirm", "prompt"]) window[n] = () => window.__ran(n);</script>';
  await page.setContent(
    `<!DOCTYPE html><html lang="zh-CN"><head><title>正文</title>${harness}</head><body><main>${body}</main></body></html>`,
  );
  if (!poke) {
    await page.waitForTimeout(500);
    return ran;
  }
  // Hover, focus and click everything; only links to a safe place are kept from navigating away. (A string:
  // the project compiles without the DOM library.)
  await page.evaluate(`(async () => {
    document.addEventListener('click', (e) => {
      const a = e.target.closest('a');
      if (a && /^(?:https?:|mailto:|tel:|#|$)/.test(a.getAttribute('href') ?? '')) e.preventDefault();
    }, true);
    for (const el of document.querySelectorAll('main *')) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart']) el.dispatchEvent(new Event(type));
      if (typeof el.click === 'function') el.click();
    }
    await new Promise((r) => setTimeout(r, 300));
  })()`);
  return ran;
}

describe('sanitized bodies in real Chromium', { skip: skipReason }, () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  before(async () => {
    browser = await launchBrowser();
    await browser.context.route('**/*', (route) => route.abort());
  });
  after(async () => browser?.close());

  test('the harness sees a payload that runs (control)', async () => {
    const page = await browser.context.newPage();
    assert.deepEqual(await render(page, '<img src="x" onerror="xss()">'), ['xss']);
    await page.close();
    // The corpus is live ammunition: unsanitized, many of its payloads do run in this browser.
    const raw = await browser.context.newPage();
    const ran = await render(raw, xssPayloads.map((p) => `<div>${p}</div>`).join('\n'), false);
    assert.ok(ran.length >= 10, `only ${ran.length} payloads ran unsanitized`);
    await raw.close();
  });

  test('no payload of the corpus runs once sanitized, and the browser parses the output into allowed nodes only', async () => {
    const page = await browser.context.newPage();
    const body = xssPayloads.map((p) => `<div>${sanitizeBody(p)}</div>`).join('\n');
    assert.deepEqual(await render(page, body), []);
    const strays = (await page.evaluate(`(() => {
      const allowed = ${JSON.stringify(ALLOWED_TAGS)};
      const out = [];
      for (const el of document.querySelectorAll('main, main *')) {
        const tag = el.localName;
        if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' || !allowed.includes(tag)) out.push('<' + tag + '>');
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name) || attr.name === 'style' || attr.name === 'srcdoc') out.push(tag + '[' + attr.name + ']');
          if ((attr.name === 'href' || attr.name === 'src') && /^\\s*(?:javascript|data|vbscript):/i.test(attr.value)) {
            out.push(tag + '[' + attr.name + '=' + attr.value + ']');
          }
        }
      }
      return out;
    })()`)) as string[];
    assert.deepEqual(strays, []);
    await page.close();
  });
});
