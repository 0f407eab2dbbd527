/**
 * Issue 6 item 13: documentation and pages state what the software does today. A claim about a feature is
 * allowed once the feature has routes; until then README.md and the public 公开指南 must not make it. When a
 * module lands with its routes, its claims become allowed without editing this test.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { createTestApp, type TestApp } from './test-app.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** A feature, the route words that show it exists, and phrases that claim it. */
const features = [
  { name: '主动公开审核与目录', routes: /publication|catalog/i, claims: [/审核后主动公开/, /浏览和检索公开目录/] },
  { name: '依申请公开办理', routes: /\/cases?\b|application/i, claims: [/办理依申请公开/, /查询办理进度/] },
  { name: '在线申请', routes: /apply|application/i, claims: [/公众可以[^。]*在线申请/, /专栏在线申请/] },
  { name: '行政复议和诉讼登记', routes: /reconsideration|litigation|appeal/i, claims: [/登记行政复议/] },
  { name: '年度报告起草', routes: /\/reports?\b/i, claims: [/起草《?政府信息公开工作年度报告/, /汇总编制本级报告/] },
  { name: '检索', routes: /search/i, claims: [/检索公开目录/, /全文检索/] },
];

describe('documentation and pages claim only what exists', () => {
  let t: TestApp;
  let routes: string[];
  before(async () => {
    t = await createTestApp('sqlite');
    routes = t.app.routes.map((r) => r.path);
  });
  after(() => t.close());

  test('README.md describes no feature that has no routes yet', () => {
    for (const f of features) {
      if (routes.some((r) => f.routes.test(r))) continue;
      for (const claim of f.claims) assert.doesNotMatch(readme, claim, `${f.name}: not built yet`);
    }
  });

  test('the public 公开指南 does not offer an online application the site does not have', async () => {
    const agency = (await listAgencies(t.database.open.db)).find((a) => a.name.includes('荣巷'))!;
    const html = await (await t.app.request(`/agencies/${agency.id}/guide`)).text();
    if (routes.some((r) => /apply|application/i.test(r))) return;
    assert.doesNotMatch(html, /专栏在线申请/);
    assert.doesNotMatch(html, /在本专栏主动公开/);
    assert.match(html, /本网站暂不受理在线申请/);
    const home = await (await t.app.request('/')).text();
    assert.doesNotMatch(home, /在线申请/);
    assert.match(home, /政府信息公开指南/);
  });
});
