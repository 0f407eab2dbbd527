/**
 * The annual report's whole journey in a real browser (issue 9, "Show in tests"): staff draft the report from the
 * records → fix a finding (a figure in the text that the table contradicts: X3) → submit → the supervising office
 * returns it with a comment → fix → submit → clear → publish → the report is in the portal's 政府信息公开年报
 * column, and its Word and PDF downloads read back through the core reader to the report's JSON download.
 *
 * On the demo district (real clock, so the report year is last year): 荣巷街道's latest report is a draft whose
 * section 一 is empty (an error), which the demo seeds on purpose.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Report } from '../../src/core/report/report-schema.ts';
import { loadReport } from '../../src/use-cases/reports/load-report.ts';
import { startServer, stopServer, type RunningServer } from '../server/spawn-server.ts';
import { launchBrowser, skipReason } from './browser-support.ts';

const demoPassword = 'Gongkai@2026';
const agencyName = '无锡市滨湖区荣巷街道办事处';

describe('real browser: the annual report journey', { skip: skipReason }, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-report-journey-'));
    server = await startServer({ DATABASE_URL: `sqlite:${join(dir, 'j.db')}` }, 120_000);
    browser = await launchBrowser();
    // The journey's pages include the dashboard, whose first view loads ECharts on the server: on a shared, loaded
    // machine that takes longer than the helper's 15 s default.
    browser.context.setDefaultTimeout(60_000);
    page = await browser.context.newPage();
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each role signs in on the login page; the previous person's session cookie is dropped first. */
  async function signIn(login: string): Promise<void> {
    await browser.context.clearCookies();
    await page.goto(`${server.base}/staff/login`);
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码').fill(demoPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.base}/staff`);
  }
  const main = async () => (await page.locator('main').textContent()) ?? '';
  const findingsHeading = async () => (await page.locator('#h-findings').textContent()) ?? '';
  /** The findings list, or the 核对通过 notice when there is none. */
  const findings = async () => (await page.locator('#h-findings').locator('xpath=..').textContent()) ?? '';
  async function press(name: string, done: string): Promise<void> {
    await page.getByRole('button', { name, exact: true }).click();
    await page.waitForURL(new RegExp(`done=${done}`));
  }
  async function download(name: string): Promise<Uint8Array> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return new Uint8Array(readFileSync(await file.path()));
  }

  test('draft → fix → submit → returned → fix → submit → cleared → published → portal, downloads read back', async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;

    // 承办人 drafts (again) from the records: the demo left section 一 empty, an error the checker reports.
    await signIn('rongxiang.chengban');
    await page.getByRole('link', { name: '年度报告' }).first().click();
    await page.getByRole('spinbutton', { name: '年度' }).fill(String(year));
    await press('起草', 'drafted');
    const reportUrl = page.url().replace(/\?.*$/, '');
    assert.match(await findingsHeading(), /错误1处/);
    assert.match(await main(), /“一、总体情况”为空/);
    // No way to submit with an error (and a 承办人 never submits).
    assert.equal(await page.getByRole('button', { name: '报送上级审核' }).count(), 0);

    // Section 一 written — with a mistyped figure: X3 (text vs table 3) is found on save.
    const received = Number(/新收政府信息公开申请(\d+)件/.exec(await page.locator('#f-s3').inputValue())?.[1]);
    assert.ok(Number.isInteger(received), 'the drafted section 三 states the applications received');
    const s1 = (n: number) =>
      `${year}年，本街道认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请${n}件，均在法定期限内答复。`;
    await page.locator('#f-s1').fill(s1(received + 10));
    await press('保存并核对', 'saved');
    assert.match(await findingsHeading(), /错误0处/);
    assert.match(await findings(), new RegExp(`TEXT_TABLE_MISMATCH.*本年新收申请为${received}件`));
    // The value corrected: the text agrees with the table, the finding is gone.
    await page.locator('#f-s1').fill(s1(received));
    await press('保存并核对', 'saved');
    assert.doesNotMatch(await findings(), /TEXT_TABLE_MISMATCH/);
    // Drafted after 1月31日 (the demo runs on the real clock): lateness is a warning that needs a reason.
    if (/LATE_PUBLICATION/.test(await findings())) {
      await page.getByLabel('确认此提示并说明理由').fill('本街道机构调整，年度报告延后发布。');
      await press('确认', 'ack');
      assert.match(await findings(), /已说明理由：本街道机构调整/);
    }
    assert.match(await findingsHeading(), /错误0处/);

    // 机构负责人 submits to the supervising office.
    await signIn('rongxiang.fuze');
    await page.goto(reportUrl);
    await press('报送上级审核', 'submitted');
    assert.match(await main(), /状态：已报送待审核/);

    // 上级监督 finds it on the dashboard and returns it with a comment.
    await signIn('jiandu');
    await page.goto(`${server.base}/staff/supervision?year=${year}`);
    await page
      .locator(`a[href="${new URL(reportUrl).pathname}"]`)
      .first()
      .click();
    await page.waitForURL(reportUrl);
    const comment = '第五部分请写明上年度问题的整改情况。';
    await page.getByLabel('审核意见（退回时必填）').fill(comment);
    await press('退回修改', 'returned');

    // The agency sees the comment, fixes section 五, submits again.
    await signIn('rongxiang.fuze');
    await page.goto(reportUrl);
    assert.match(await main(), new RegExp(comment));
    const s5 = `${await page.locator('#f-s5').inputValue()}\n上年度指出的公开目录更新不及时问题已整改，目录已按月更新。`;
    await page.locator('#f-s5').fill(s5);
    await press('保存并核对', 'saved');
    assert.match(await findingsHeading(), /错误0处/);
    await press('报送上级审核', 'submitted');

    await signIn('jiandu');
    await page.goto(reportUrl);
    await press('审核通过', 'cleared');

    await signIn('rongxiang.fuze');
    await page.goto(reportUrl);
    await press('在年报栏目发布', 'published');
    assert.match(await main(), /状态：已发布/);

    // The public, signed out: 政府信息公开年报 column → the report → its downloads.
    await browser.context.clearCookies();
    await page.goto(`${server.base}/`);
    await page.getByRole('link', { name: '政府信息公开年报' }).first().click();
    await page.waitForURL(`${server.base}/reports`);
    await page.getByRole('link', { name: `${agencyName}${year}年政府信息公开工作年度报告` }).click();
    await page.waitForURL(/\/reports\/[^/]+$/);
    assert.match(await main(), /目录已按月更新/);
    const json = JSON.parse(new TextDecoder().decode(await download('JSON（gongkai.report/1）'))) as Report;
    assert.equal(json.sections['1'], s1(received));
    assert.equal(json.sections['5'], s5);
    assert.equal(json.t3.new.total, received);
    for (const [format, label] of [
      ['docx', 'Word'],
      ['pdf', 'PDF'],
    ] as const) {
      const back = await loadReport(await download(label));
      for (const table of ['t2', 't3', 't4'] as const)
        assert.deepEqual(back[table], json[table], `${format}: ${table}`);
      assert.deepEqual(back.sections, json.sections, `${format}: sections`);
      assert.equal(back.agency, json.agency, `${format}: agency`);
      assert.equal(back.publishedAt, json.publishedAt, `${format}: 发布时间`);
      if (format === 'docx') assert.deepEqual(back, json, 'Word reads back to the whole JSON');
    }
  });
});
