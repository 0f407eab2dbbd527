import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { checkReport } from '../../core/check/check-report.ts';
import { randomReport } from '../../core/report/random-report.ts';
import { composeReviewMemo } from '../../core/supervision/review-memo.ts';
import { readDocx } from '../../readers/read-docx.ts';
import { readPdf } from '../../readers/read-pdf.ts';
import type { ReportDocument } from '../../core/read/report-document.ts';
import { renderReviewMemo } from './render-review-memo.ts';

const flat = (doc: ReportDocument) =>
  doc.blocks
    .flatMap((b) => (b.kind === 'row' ? b.cells.map((c) => c.text) : [b.text]))
    .join('')
    .replace(/\s+/g, '');

describe('renderReviewMemo', () => {
  const report = randomReport(21, { format: '2021' });
  report.agency = '蠡园街道办事处';
  report.year = 2025;
  report.t4.review.total = (report.t4.review.total ?? 0) + 1;
  const memo = composeReviewMemo({
    report,
    findings: [...checkReport(report), { code: 'ROW_SHIFTED', level: 'info', message: '表三有1行错位' }],
    reviewer: '无锡市滨湖区人民政府办公室',
    date: '2026-02-10',
    deadline: '2026-02-20',
  });

  it('prints the memo as PDF and DOCX that read back with its title, problems, 需人工核对 and 落款', async () => {
    assert.equal(memo.verdict, 'returned');
    const expected = [
      '关于蠡园街道办事处2025年政府信息公开工作年度报告的审核意见',
      '蠡园街道办事处：',
      '一、表四“政府信息公开行政复议、行政诉讼情况”',
      '请核实该组数据，使结果维持、结果纠正、其他结果、尚未审结之和等于总计。',
      '二、正文内容',
      '三、需人工核对',
      '1.表三有1行错位。',
      '于2026年2月20日前',
      '无锡市滨湖区人民政府办公室',
      '2026年2月10日',
    ];
    const pdf = flat(await readPdf(await renderReviewMemo(memo, 'pdf')));
    const docxBytes = await renderReviewMemo(memo, 'docx');
    const docx = flat(await readDocx(docxBytes));
    for (const part of expected) {
      assert.ok(pdf.includes(part), `PDF lacks ${part}`);
      assert.ok(docx.includes(part), `DOCX lacks ${part}`);
    }
    const xml = (await (await JSZip.loadAsync(docxBytes)).file('word/document.xml')?.async('string')) ?? '';
    assert.equal(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length, 3);
  });

  it('refuses a format it does not write', () => {
    assert.throws(() => renderReviewMemo(memo, 'xlsx' as 'pdf'), /不支持的输出格式：xlsx/);
  });
});
