/**
 * Issue 7's journey in a real browser (Chromium through playwright-core) against the real server: the public
 * applies online on the agency's form with an attachment → receipt with tracking code and secret, printable → the
 * office's staff assign a 承办人, 拟办 an answer → 审核 with 保密审查 → 签发 (three people, three roles) → the
 * applicant follows the case with code and secret and downloads the 告知书, which names the case's tracking code;
 * the tracking page shows nothing of any other case.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startServer, stopServer, type RunningServer } from '../server/spawn-server.ts';
import { launchBrowser, skipReason } from './browser-support.ts';

const demoPassword = 'Gongkai@2026';
const agencyName = '无锡市滨湖区人民政府办公室';

/** A DOCX's document.xml text (the ZIP entry read by hand: deflate or stored). */
function docxText(zip: Buffer): string {
  for (let i = 0; i + 30 < zip.length; i++) {
    if (zip.readUInt32LE(i) !== 0x04034b50) continue;
    const method = zip.readUInt16LE(i + 8);
    const size = zip.readUInt32LE(i + 18);
    const nameLen = zip.readUInt16LE(i + 26);
    const extraLen = zip.readUInt16LE(i + 28);
    const name = zip.subarray(i + 30, i + 30 + nameLen).toString('utf8');
    const start = i + 30 + nameLen + extraLen;
    if (name !== 'word/document.xml') continue;
    const data = zip.subarray(start, start + size);
    const xml = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    return xml.replace(/<[^>]+>/g, '');
  }
  throw new Error('no word/document.xml in the DOCX');
}

describe('real browser: an application from the portal to the downloaded 告知书', { skip: skipReason }, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let code = '';
  let secret = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-case-journey-'));
    server = await startServer({ DATABASE_URL: `sqlite:${join(dir, 'journey.db')}` });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  async function staffPage(login: string): Promise<Page> {
    // Each person in their own browser context: separate cookies, as on separate computers.
    const context = await browser.context.browser()?.newContext();
    const page = context ? await context.newPage() : await browser.context.newPage();
    if (!context) await browser.context.clearCookies();
    await page.goto(`${server.base}/staff/login`);
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码').fill(demoPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.base}/staff`);
    return page;
  }

  /** The case page, found in the staff list by its tracking code (paging through the open cases). */
  async function openCase(page: Page): Promise<void> {
    await page.goto(`${server.base}/staff/cases?status=inProgress`);
    for (let i = 0; i < 20; i++) {
      const link = page.getByRole('link', { name: code, exact: true });
      if ((await link.count()) > 0) {
        await link.click();
        await page.waitForURL(/\/staff\/cases\/[A-Za-z0-9-]+$/);
        return;
      }
      await page.getByRole('link', { name: '下一页' }).click();
    }
    assert.fail(`case ${code} not in the staff list`);
  }

  test('the public applies online with an attachment and gets a printable receipt', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.base}/`);
    // From the agency's 公开指南 (条例第十二条) to its online form.
    const href = await page.locator('a[href^="/agencies/"]', { hasText: agencyName }).first().getAttribute('href');
    assert.ok(href, 'the portal links to the agency');
    const agencyPath = /\/agencies\/[^/]+/.exec(href)![0];
    await page.goto(`${server.base}${agencyPath}/guide`);
    await page.getByRole('link', { name: '向本机关提交政府信息公开申请' }).click();
    await page.waitForURL(/\/apply$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `向${agencyName}申请政府信息公开`);

    await page.getByLabel('申请人类型').selectOption({ label: '自然人' });
    await page.getByLabel('姓名（法人或其他组织填写联系人姓名）').fill('浏览器申请人');
    await page.getByLabel('证件类型').selectOption('residentId');
    await page.getByLabel('证件号码').fill('11010519491231002X');
    await page.getByLabel('联系电话').fill('13812345678');
    await page
      .getByLabel('所需政府信息的名称、文号或者便于查询的其他特征性描述')
      .fill('2026年滨湖区老旧小区改造项目的立项批复文件');
    await page.getByLabel('信息的提供形式').selectOption({ label: '电子数据' });
    await page.getByLabel('获取信息的方式').selectOption({ label: '网上查看下载' });
    await page.locator('#f-files').setInputFiles({
      name: '身份证明.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '政府信息公开申请回执' }).waitFor();

    code = ((await page.locator('dt:text-is("受理编号") + dd').textContent()) ?? '').trim();
    secret = ((await page.locator('dt:text-is("查询密码") + dd').textContent()) ?? '').trim();
    assert.match(code, /^[A-Z0-9-]{8,}$/);
    assert.match(secret, /^[A-Z0-9-]{8,}$/);
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /答复期限\s*\d{4}-\d{2}-\d{2}（自收到申请之日起20个工作日/,
    );
    // Printable: the receipt as printed (print media) still shows the code and the secret.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.getByText(code, { exact: true }).isVisible());
    assert.ok(await page.getByText(secret, { exact: true }).isVisible());
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await page.close();
  });

  test('staff: assign a 承办人, 拟办 → 审核 with 保密审查 → 签发, each by the role that exists', async () => {
    assert.ok(code, 'the application was made');
    const handler = await staffPage('bgs.chengban');
    await openCase(handler);
    const caseUrl = handler.url();
    assert.match((await handler.locator('main').textContent()) ?? '', /身份证明\.pdf/);
    await handler.getByLabel('承办人').selectOption({ label: '张丽' });
    await handler.getByRole('button', { name: '指派' }).click();
    await handler.waitForURL(/saved=1/);
    assert.match((await handler.locator('main').textContent()) ?? '', /指派承办人：张丽/);

    await handler.getByText('拟办答复', { exact: true }).click();
    await handler.getByLabel('答复类型（决定计入表三的哪一行）').selectOption('disclosed');
    await handler.getByRole('button', { name: '选择', exact: true }).click();
    await handler.getByLabel('联系电话').fill('0510-85101188');
    await handler.getByLabel('提供方式').fill('网上查看下载');
    await handler.getByLabel('复议机关').fill('无锡市滨湖区人民政府');
    await handler.getByLabel('管辖法院').fill('无锡市滨湖区人民法院');
    await handler.getByRole('button', { name: '提交审核' }).click();
    await handler.waitForURL(/saved=1/);
    assert.match((await handler.locator('main').textContent()) ?? '', /已拟办（张丽），待审核/);
    await handler.context().close();

    const reviewer = await staffPage('bgs.shenhe');
    await reviewer.goto(caseUrl);
    await reviewer.getByLabel(/已对拟公开的信息进行保密审查/).check();
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.waitForURL(/saved=1/);
    assert.match((await reviewer.locator('main').textContent()) ?? '', /已审核（刘洋，已保密审查），待签发/);
    await reviewer.context().close();

    const head = await staffPage('bgs.fuze');
    await head.goto(caseUrl);
    await head.getByRole('button', { name: '签发' }).click();
    await head.waitForURL(/saved=1/);
    const text = (await head.locator('main').textContent()) ?? '';
    assert.match(text, /已签发（孙志强）/);
    assert.match(text, /已答复/);
    // The tables page the answer now counts on: reached from the case list, free of serious accessibility faults.
    await head.goto(`${server.base}/staff/cases`);
    await head.getByRole('link', { name: '年度统计（表三、表四）' }).click();
    await head.getByRole('heading', { name: '依申请公开年度统计：表三、表四' }).waitFor();
    await head.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const axe = (await head.evaluate(() =>
      (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
        runOnly: ['wcag2a', 'wcag2aa'],
      }),
    )) as { violations: { id: string; impact: string; help: string }[] };
    assert.deepEqual(
      axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`),
      [],
    );
    await head.context().close();
  });

  test('the applicant follows the case and downloads the 告知书 naming the tracking code; nothing of other cases', async () => {
    assert.ok(code && secret);
    const page = await browser.context.newPage();
    await page.goto(`${server.base}/`);
    await page.getByRole('link', { name: '申请进度查询' }).first().click();
    await page.getByLabel('受理编号').fill(code);
    await page.getByLabel('查询密码').fill(secret);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { name: `申请办理进度（${code}）` }).waitFor();
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /已答复/);
    assert.match(main, new RegExp(agencyName));

    // No other case's data: no other tracking code, no applicant's name or description but this one's.
    const db = await import('../../src/db/open-database.ts');
    const open = db.openDatabase(`sqlite:${join(dir, 'journey.db')}`);
    try {
      const others = await open.db
        .selectFrom('cases')
        .select(['tracking_code', 'description'])
        .where('tracking_code', '!=', code)
        .execute();
      assert.ok(others.length > 100, 'the demo year of applications is there');
      const html = await page.content();
      for (const o of others) {
        assert.ok(!html.includes(o.tracking_code), `another case's code ${o.tracking_code}`);
        assert.ok(!html.includes(o.description), `another case's request ${o.tracking_code}`);
      }
    } finally {
      await open.close();
    }

    const files = await page.getByRole('button', { name: /^下载 .*告知书/ }).allTextContents();
    assert.ok(files.some((f) => f.endsWith('.docx')) && files.some((f) => f.endsWith('.pdf')), files.join());
    const docxButton = page.getByRole('button', { name: /^下载 .*告知书.*\.docx$/ });
    const [download] = await Promise.all([page.waitForEvent('download'), docxButton.click()]);
    const saved = join(dir, 'notice.docx');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a DOCX (ZIP) file');
    assert.match(download.suggestedFilename(), /\.docx$/);
    const words = docxText(bytes);
    assert.ok(words.includes(code), `the 告知书 names the tracking code ${code}`);
    assert.match(words, /第三十六条/);

    const pdfButton = page.getByRole('button', { name: /^下载 .*告知书.*\.pdf$/ });
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
    const pdfPath = join(dir, 'notice.pdf');
    await pdfDownload.saveAs(pdfPath);
    assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');

    // A wrong secret shows nothing of the case.
    await page.goto(`${server.base}/apply/track`);
    await page.getByLabel('受理编号').fill(code);
    await page.getByLabel('查询密码').fill('WRONGSECRET1');
    await page.getByRole('button', { name: '查询' }).click();
    const refused = (await page.locator('main').textContent()) ?? '';
    assert.doesNotMatch(refused, /已答复|老旧小区/);
    await page.close();
  });
});
