import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { setCell } from '../core/report/cell-path.ts';
import { SECTION_NUMBERS, SECTION_TITLES, type FormatVersion } from '../core/report/layout.ts';
import { randomReport } from '../core/report/random-report.ts';
import type { Report } from '../core/report/report-schema.ts';
import { renderReportHtml } from './render-html.ts';

function dom(report: Report, standalone = true) {
  return parseDocument(renderReportHtml(report, { standalone }));
}

const byTag = (root: Parameters<typeof DomUtils.getElementsByTagName>[1], tag: string) =>
  DomUtils.getElementsByTagName(tag, root, true);
const text = (el: Element) => DomUtils.textContent(el);
const attr = (el: Element, name: string) => DomUtils.getAttributeValue(el, name) ?? null;

function tableOf(report: Report, key: 't2' | 't3' | 't4'): Element {
  const found = byTag(dom(report), 'table').find((t) => attr(t, 'class') === `gk-${key}`);
  assert.ok(found, `table ${key}`);
  return found;
}

function rowsOf(table: Element, section: 'thead' | 'tbody'): Element[] {
  return byTag(table, section).flatMap((s) => byTag(s, 'tr'));
}

/** Finds the header cell with this exact text. */
function th(table: Element, label: string): Element {
  const found = byTag(table, 'th').find((c) => text(c) === label);
  assert.ok(found, `<th>${label}</th>`);
  return found;
}

describe('renderReportHtml', () => {
  it('is a whole zh-CN page with print CSS and no script; the fragment is just the article', () => {
    const report = randomReport(1, { format: '2021' });
    const page = renderReportHtml(report);
    assert.match(page, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
    assert.match(page, /<title>[^<]+年政府信息公开工作年度报告<\/title>/);
    assert.match(page, /@media print/);
    assert.doesNotMatch(page, /<script/i);
    const fragment = renderReportHtml(report, { standalone: false });
    assert.match(fragment, /^<article class="gk-report" lang="zh-CN"[^>]*>/);
    assert.match(fragment, /<\/article>$/);
    assert.doesNotMatch(fragment, /<html|<head|<style/);
    assert.ok(page.includes(fragment));
  });

  it('has one h1 (the title) and the six h2 headings in order', () => {
    const report = randomReport(2);
    const doc = dom(report);
    const h1 = byTag(doc, 'h1');
    assert.equal(h1.length, 1);
    assert.equal(text(h1[0]!), report.title);
    assert.deepEqual(
      byTag(doc, 'h2').map(text),
      SECTION_NUMBERS.map((n) => SECTION_TITLES[n]),
    );
    assert.equal(byTag(doc, 'h3').length, 0);
    assert.equal(byTag(doc, 'caption').length, 3);
  });

  it('prints each narrative line as a <p>, empty lines included', () => {
    const report = randomReport(3);
    report.sections['5'] = '第一行\n\n第三行';
    const section = byTag(dom(report), 'section').find((s) => attr(s, 'class') === 'gk-section-5');
    assert.ok(section);
    assert.deepEqual(byTag(section, 'p').map(text), ['第一行', '', '第三行']);
    report.sections['2'] = '';
    const empty = byTag(dom(report), 'section').find((s) => attr(s, 'class') === 'gk-section-2');
    assert.equal(byTag(empty!, 'p').length, 0);
  });

  it('prints 发布时间 to the minute, and the 落款 last: agency then the Chinese date', () => {
    const report = {
      ...randomReport(4),
      agency: '荣巷街道办事处',
      dated: '2026-01-15',
      publishedAt: '2026-01-20T14:26:00+08:00',
    };
    const html = renderReportHtml(report);
    assert.match(
      html,
      /<p class="gk-published">发布时间：<time datetime="2026-01-20T14:26:00\+08:00">2026-01-20 14:26<\/time><\/p>/,
    );
    const paragraphs = byTag(dom(report), 'p').map(text);
    assert.deepEqual(paragraphs.slice(-2), ['荣巷街道办事处', '2026年1月15日']);
    const none = renderReportHtml({ ...report, publishedAt: null, agency: null, dated: null }, { standalone: false });
    assert.doesNotMatch(none, /发布时间|gk-signature/);
  });

  it('escapes every text it prints', () => {
    const report = randomReport(5);
    report.agency = '<script>alert("x")</script>&\'';
    report.title = 'A&B <b>报告</b>';
    report.sections['1'] = '1 < 2 & "引号"';
    const html = renderReportHtml(report);
    assert.doesNotMatch(html, /<script>|<b>/);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&amp;&#39;/);
    const doc = parseDocument(html, { decodeEntities: true });
    assert.equal(text(byTag(doc, 'h1')[0]!), 'A&B <b>报告</b>');
    assert.ok(byTag(doc, 'p').some((p) => text(p) === '1 < 2 & "引号"'));
  });

  for (const format of ['2021', '2019'] as FormatVersion[]) {
    it(`${format}: table 3 has the template's merged header and seven data cells on every body row`, () => {
      const t3 = tableOf(randomReport(6, { format }), 't3');
      const head = rowsOf(t3, 'thead');
      assert.equal(head.length, 3);
      const note = byTag(head[0]!, 'td')[0]!;
      assert.match(text(note), /勾稽关系/);
      assert.deepEqual([attr(note, 'rowspan'), attr(note, 'colspan')], ['3', '3']);
      assert.equal(attr(th(t3, '申请人情况'), 'colspan'), '7');
      assert.equal(attr(th(t3, '自然人'), 'rowspan'), '2');
      assert.equal(attr(th(t3, '法人或其他组织'), 'colspan'), '5');
      const total = byTag(head[1]!, 'th').find((c) => text(c) === '总计')!;
      assert.equal(attr(total, 'rowspan'), '2');
      assert.deepEqual(byTag(head[2]!, 'th').map(text), [
        '商业企业',
        '科研机构',
        '社会公益组织',
        '法律服务机构',
        '其他',
      ]);

      const body = rowsOf(t3, 'tbody');
      assert.equal(body.length, format === '2021' ? 25 : 23);
      for (const row of body) assert.equal(byTag(row, 'td').length, 7, text(row));
      const results = th(t3, '三、本年度办理结果');
      assert.deepEqual(
        [attr(results, 'rowspan'), attr(results, 'scope')],
        [format === '2021' ? '22' : '20', 'rowgroup'],
      );
      assert.equal(attr(th(t3, '（三）不予公开'), 'rowspan'), '8');
      assert.equal(attr(th(t3, '（四）无法提供'), 'rowspan'), '3');
      assert.equal(attr(th(t3, '（五）不予处理'), 'rowspan'), '5');
      assert.equal(attr(th(t3, '一、本年新收政府信息公开申请数量'), 'colspan'), '3');
      assert.equal(attr(th(t3, '（一）予以公开'), 'colspan'), '2');
      assert.equal(attr(th(t3, '1.属于国家秘密'), 'colspan'), null);
      if (format === '2021') {
        assert.equal(attr(th(t3, '（六）其他处理'), 'rowspan'), '3');
        th(t3, '3.其他');
      } else {
        // 2019: one （六）其他处理 row of its own, no sub-rows.
        const other = th(t3, '（六）其他处理');
        assert.deepEqual([attr(other, 'colspan'), attr(other, 'scope')], ['2', 'row']);
        assert.equal(byTag(t3, 'th').filter((c) => text(c) === '3.其他').length, 0);
      }
      // Header rows: the cell counts of the template (note + 申请人情况; 自然人 + 法人 + 总计; five organisations).
      assert.deepEqual(
        head.map((r) => byTag(r, 'th').length + byTag(r, 'td').length),
        [2, 3, 5],
      );
    });
  }

  it('table 4 has 行政复议 over 5 columns, 行政诉讼 over 10, its two groups over 5 each, and 15 values', () => {
    const t4 = tableOf(randomReport(7), 't4');
    assert.equal(attr(th(t4, '行政复议'), 'colspan'), '5');
    assert.equal(attr(th(t4, '行政诉讼'), 'colspan'), '10');
    assert.equal(attr(th(t4, '未经复议直接起诉'), 'colspan'), '5');
    assert.equal(attr(th(t4, '复议后起诉'), 'colspan'), '5');
    const head = rowsOf(t4, 'thead');
    assert.deepEqual(
      byTag(head[1]!, 'th').map((c) => attr(c, 'rowspan')),
      ['2', '2', '2', '2', '2', null, null],
    );
    assert.equal(byTag(head[2]!, 'th').length, 10);
    const body = rowsOf(t4, 'tbody');
    assert.equal(body.length, 1);
    assert.equal(byTag(body[0]!, 'td').length, 15);
  });

  it('prints a blank cell as an empty <td>, never as 0', () => {
    const report = randomReport(8, { format: '2021' });
    setCell(report, 't3.new.natural', null);
    setCell(report, 't3.new.commercial', 0);
    setCell(report, 't4.review.total', null);
    setCell(report, 't2.fees10kYuan', 12.34);
    const row = rowsOf(tableOf(report, 't3'), 'tbody')[0]!;
    assert.deepEqual(byTag(row, 'td').slice(0, 2).map(text), ['', '0']);
    assert.equal(text(byTag(rowsOf(tableOf(report, 't4'), 'tbody')[0]!, 'td')[4]!), '');
    assert.match(renderReportHtml(report), /<th scope="row">行政事业性收费<\/th><td colspan="3">12\.34<\/td>/);
  });

  it('table 2 has 10 value cells in 2021 and 22 in 2019, one <tbody> per 第二十条 item', () => {
    const count = (format: FormatVersion) => byTag(tableOf(randomReport(9, { format }), 't2'), 'td').length;
    assert.equal(count('2021'), 10);
    assert.equal(count('2019'), 22);
    assert.equal(byTag(tableOf(randomReport(9, { format: '2021' }), 't2'), 'tbody').length, 4);
    assert.equal(byTag(tableOf(randomReport(9, { format: '2019' }), 't2'), 'tbody').length, 5);
    const html2019 = renderReportHtml(randomReport(9, { format: '2019' }));
    assert.match(html2019, /本年新制作数量/);
    assert.doesNotMatch(html2019, /本年制发件数/);
  });
});
