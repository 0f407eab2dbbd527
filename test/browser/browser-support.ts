import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { requireInCi } from '../require-in-ci.ts';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
/** False with chromium; locally a skip reason without it; in CI (CI=1) a missing chromium fails the run. */
export const skipReason = requireInCi(
  hasChromium,
  ` ${chromiumPath}`,
  'apt-get install chromium（.ci/run 会自动安装）',
);

/** Debian's chromium with the project's flags and a fresh profile directory, removed on close. */
export async function launchBrowser(
  options: { bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'gongkai-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    locale: 'zh-CN',
    // XSS tests switch the page's CSP off, so that markup which would run is caught by itself, not hidden by it.
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  // Playwright waits 30 s by default; a page that never answers should fail its test quickly, not hold CI.
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
