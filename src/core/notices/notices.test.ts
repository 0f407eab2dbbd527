import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPECTED_CITATIONS, RIGHTS_PARTS } from '../../../test/notices/expected-citations.ts';
import { AppError } from '../platform/app-error.ts';
import { T3_ROWS } from '../report/layout.ts';
import {
  DEFAULT_NOTICE_TEMPLATES,
  answerTemplatesFor,
  defaultAnswerTemplate,
  defaultNoticeTemplate,
} from './default-notice-templates.ts';
import { ANSWER_ROWS, PROCEDURAL_NOTICE_KINDS } from './notice-kind.ts';
import { NOTICE_PLACEHOLDERS, placeholdersFor } from './notice-placeholders.ts';
import { SAMPLE_NOTICE_VALUES } from './notice-sample-values.ts';
import { validateNoticeTemplate, type NoticeTemplate } from './notice-template.ts';
import { formatDocumentDate } from './official-document.ts';
import { renderNotice } from './render-notice.ts';

const fullText = (t: NoticeTemplate) => renderNotice(t, SAMPLE_NOTICE_VALUES);
const joined = (t: NoticeTemplate) => {
  const n = fullText(t);
  return [n.title, n.addressee ?? '', ...n.paragraphs.map((p) => p.text), ...n.attachments].join('\n');
};
const template = (id: string): NoticeTemplate => {
  const t = defaultNoticeTemplate(id);
  assert.ok(t, id);
  return t;
};
function refused(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, 'VALIDATION');
    return e;
  }
  assert.fail('expected a VALIDATION error');
}

describe('notice kinds and default templates', () => {
  it('answers are keyed by exactly the outcome rows of table 3 (2021 layout)', () => {
    const outcomeRows = T3_ROWS['2021']
      .map((r) => r.key)
      .filter((k) => !['new', 'carriedOver', 'total', 'carryForward'].includes(k));
    assert.deepEqual([...ANSWER_ROWS], outcomeRows);
  });

  it('has a default answer for every row, counted in that row, and one template per procedural kind', () => {
    for (const row of ANSWER_ROWS) {
      const t = defaultAnswerTemplate(row);
      assert.equal(t.id, row);
      assert.equal(t.kind, 'answer');
      assert.equal(t.row, row);
      assert.ok(answerTemplatesFor(row).every((v) => v.row === row));
    }
    for (const kind of PROCEDURAL_NOTICE_KINDS) assert.equal(template(kind).kind, kind);
    const ids = DEFAULT_NOTICE_TEMPLATES.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(Object.keys(EXPECTED_CITATIONS).sort(), [...ids].sort());
    assert.deepEqual(
      answerTemplatesFor('granted').map((t) => t.id),
      ['granted', 'grantedPublished'],
    );
    assert.deepEqual(answerTemplatesFor('total'), []);
  });

  it('every default template passes its own validation', () => {
    for (const t of DEFAULT_NOTICE_TEMPLATES) {
      const result = validateNoticeTemplate(t.kind, t);
      assert.ok(result.ok, `${t.id}: ${JSON.stringify(!result.ok && result.errors)}`);
    }
  });

  it('every default cites the articles its situation rests on', () => {
    for (const t of DEFAULT_NOTICE_TEMPLATES) {
      const text = joined(t);
      for (const part of EXPECTED_CITATIONS[t.id] ?? []) assert.ok(text.includes(part), `${t.id} lacks ${part}`);
    }
  });

  it('every answer (and the 收费通知书) states the rights to 行政复议 in 60 days and 行政诉讼 in 6 months', () => {
    for (const t of DEFAULT_NOTICE_TEMPLATES.filter((x) => x.kind === 'answer' || x.kind === 'feeNotice')) {
      const text = joined(t);
      for (const part of RIGHTS_PARTS) assert.ok(text.includes(part), `${t.id} lacks ${part}`);
    }
  });

  it('never discloses the applicant to the third party it consults', () => {
    const text = joined(template('consultThirdParty'));
    assert.ok(!text.includes(String(SAMPLE_NOTICE_VALUES['申请人'])));
    assert.ok(text.startsWith('政府信息公开征求第三方意见函\n无锡市某建设工程有限公司：'));
  });

  it('the sample values cover every placeholder', () => {
    for (const p of NOTICE_PLACEHOLDERS) assert.ok(SAMPLE_NOTICE_VALUES[p.name], p.name);
  });
});

describe('validateNoticeTemplate', () => {
  const base = template('granted');
  const edit = (body: string, kind: NoticeTemplate['kind'] = 'answer') =>
    validateNoticeTemplate(kind, { ...base, body });

  it('refuses unknown placeholders, naming them', () => {
    const r = edit(`${base.body}\n请{{申请人姓名}}于{{日期 }}前来领取。`);
    assert.ok(!r.ok);
    assert.match(r.errors['body'] ?? '', /未知的占位符：\{\{申请人姓名\}\}、\{\{日期\}\}/);
  });

  it('refuses placeholders this kind of notice cannot fill', () => {
    const r = validateNoticeTemplate('receipt', { ...template('receipt'), attachments: '收费标准（{{收费金额}}元）' });
    assert.ok(!r.ok);
    assert.equal(r.errors['attachments'], '附件中的占位符{{收费金额}}不能用于受理回执');
  });

  it('refuses malformed braces and single braces around a placeholder name', () => {
    const r = edit(`${base.body}\n{{申请人 的申请已收悉。`);
    assert.ok(!r.ok);
    assert.match(r.errors['body'] ?? '', /不完整的占位符：“\{\{申请人 的申请已收悉。”/);
    const single = edit(`${base.body}\n{申请人}，你好。`);
    assert.ok(!single.ok);
    assert.match(single.errors['body'] ?? '', /“\{申请人\}”只有一个花括号，应写作\{\{申请人\}\}/);
  });

  it('accepts full-width braces typed with a Chinese input method and normalises them', () => {
    const r = validateNoticeTemplate('answer', { ...base, addressee: '｛｛申请人｝｝：' });
    assert.ok(r.ok);
    assert.equal(r.text.addressee, '{{申请人}}：');
  });

  it('keeps the required placeholders', () => {
    const r = edit(base.body.replace('{{复议机关}}', '上级机关').replace('{{收到日期}}', '近日'));
    assert.ok(!r.ok);
    assert.equal(r.errors['body'], '答复告知书须保留占位符：{{收到日期}}、{{复议机关}}');
    const addressee = validateNoticeTemplate('answer', { ...base, addressee: '申请人：' });
    assert.ok(!addressee.ok);
    assert.match(addressee.errors['body'] ?? '', /须保留占位符：\{\{申请人\}\}/);
  });

  it('refuses an answer without the rights statement and a fee notice without its basis', () => {
    const lines = base.body.split('\n').filter((l) => !l.includes('行政诉讼'));
    const r = edit(`${lines.join('\n')}\n如不服，可向{{复议机关}}或{{管辖法院}}反映。`);
    assert.ok(!r.ok);
    assert.match(r.errors['body'] ?? '', /申请行政复议的权利/);
    assert.match(r.errors['body'] ?? '', /提起行政诉讼的权利/);
    const fee = template('feeNotice');
    const f = validateNoticeTemplate('feeNotice', { ...fee, body: fee.body.replaceAll('（国办函〔2020〕109号）', '') });
    assert.ok(!f.ok);
    assert.match(f.errors['body'] ?? '', /国办函〔2020〕109号/);
  });

  it('refuses an empty title and oversize text, and tidies lines', () => {
    const r = validateNoticeTemplate('answer', { ...base, title: '  ', body: base.body + '很'.repeat(10_001) });
    assert.ok(!r.ok);
    assert.equal(r.errors['title'], '标题不能为空');
    assert.match(r.errors['body'] ?? '', /正文过长（\d+字），不能超过10000字/);
    const ok = validateNoticeTemplate('answer', {
      ...base,
      body: `\r\n\u3000\u3000${base.body.replace(/\n/g, '\r\n\r\n')}  `,
    });
    assert.ok(ok.ok);
    assert.equal(ok.text.body, base.body);
  });
});

describe('renderNotice', () => {
  it('fills every placeholder, prints dates as GB/T 9704 does and the 落款 from agency and date', () => {
    const n = renderNotice(template('receipt'), SAMPLE_NOTICE_VALUES);
    assert.equal(n.title, '政府信息公开申请受理回执');
    assert.equal(n.addressee, '张三：');
    assert.equal(n.docNumber, '荣街公开〔2025〕12号');
    assert.ok(n.paragraphs[0]?.text.startsWith('本机关于2025年9月25日收到您（单位）'));
    assert.ok(n.paragraphs.some((p) => p.text.includes('即2025年10月29日前作出答复')));
    assert.deepEqual(n.signature, { agency: '无锡市滨湖区荣巷街道办事处', date: '2025年10月29日', iso: '2025-10-29' });
    assert.ok(!JSON.stringify(n).includes('{{'));
  });

  it('refuses a final notice with missing or wrong values, naming each field', () => {
    const values = { ...SAMPLE_NOTICE_VALUES, 申请人: ' ', 收到日期: '2025-02-30', 答复日期: undefined };
    const e = refused(() => renderNotice(template('granted'), values));
    assert.deepEqual(Object.keys(e.fields ?? {}).sort(), ['收到日期', '申请人', '答复日期'].sort());
    assert.equal(e.fields?.['申请人'], '缺少“申请人”');
    assert.match(e.fields?.['收到日期'] ?? '', /不是有效日期/);
    const fee = refused(() => renderNotice(template('feeNotice'), { ...SAMPLE_NOTICE_VALUES, 收费金额: '-5' }));
    assert.match(fee.fields?.['收费金额'] ?? '', /非负金额/);
  });

  it('marks missing values in a draft instead of refusing', () => {
    const n = renderNotice(template('granted'), { 申请人: '李四' }, { draft: true });
    assert.equal(n.addressee, '李四：');
    assert.ok(n.paragraphs[0]?.text.includes('本机关于【待填：收到日期】收到'));
    assert.equal(n.signature.agency, '【待填：机关名称】');
    assert.equal(n.docNumber, null);
  });

  it('inserts values literally: a value holding a placeholder is not expanded', () => {
    const n = renderNotice(template('granted'), {
      ...SAMPLE_NOTICE_VALUES,
      申请人: '{{复议机关}}',
      申请内容摘要: '$& $1',
    });
    assert.equal(n.addressee, '{{复议机关}}：');
    assert.ok(n.paragraphs[0]?.text.includes('申请获取“$& $1”'));
  });

  it('puts a value on one line and drops its closing punctuation (the template has its own)', () => {
    const n = renderNotice(template('denied4'), { ...SAMPLE_NOTICE_VALUES, 理由: '第三方不同意公开\n且理由合理。' });
    assert.ok(n.paragraphs.some((p) => p.text.includes('损害。第三方不同意公开 且理由合理。根据')));
  });

  it('prints dates in Chinese numerals on request and amounts in yuan', () => {
    const n = renderNotice(
      template('feeNotice'),
      { ...SAMPLE_NOTICE_VALUES, 收费金额: '100.5', 答复日期: '2026-01-10' },
      { dateStyle: 'chinese' },
    );
    assert.equal(n.signature.date, '二〇二六年一月十日');
    assert.ok(n.paragraphs.some((p) => p.text === '应缴金额：人民币100.50元。'));
    assert.ok(n.paragraphs.some((p) => p.text.includes('即二〇二五年十一月十三日前')));
  });

  it('lists the released documents after the template’s own attachments', () => {
    const t = { ...template('granted'), attachments: '政府信息公开申请表（复印件）' };
    const n = renderNotice(t, SAMPLE_NOTICE_VALUES, { attachments: ['招标文件.pdf', '  ', '中标\n公告'] });
    assert.deepEqual(n.attachments, ['政府信息公开申请表（复印件）', '招标文件.pdf', '中标 公告']);
  });

  it('refuses to render a template that does not validate', () => {
    const e = refused(() => renderNotice({ ...template('granted'), body: '{{未知}}' }, SAMPLE_NOTICE_VALUES));
    assert.match(e.message, /模板“答复告知书（予以公开）”有误/);
  });

  it('offers each kind only the placeholders it can fill', () => {
    const receipt = placeholdersFor('receipt').map((p) => p.name);
    assert.ok(receipt.includes('答复期限') && receipt.includes('申请人'));
    assert.ok(!receipt.includes('收费金额'));
  });
});

describe('formatDocumentDate', () => {
  it('prints Arabic numerals without leading zeros, or Chinese numerals', () => {
    assert.equal(formatDocumentDate('2025-09-05'), '2025年9月5日');
    assert.equal(formatDocumentDate('2025-12-31', 'chinese'), '二〇二五年十二月三十一日');
    assert.equal(formatDocumentDate('2020-10-20', 'chinese'), '二〇二〇年十月二十日');
    assert.equal(formatDocumentDate('2025-02-29'), null);
    assert.equal(formatDocumentDate('2025-9-5'), null);
  });
});
