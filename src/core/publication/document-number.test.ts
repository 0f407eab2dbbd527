import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocumentNumber, chineseNumeralValue, formatDocumentNumber } from './document-number.ts';

const summary = (input: string, options = {}) => {
  const r = checkDocumentNumber(input, options);
  return {
    corrected: r.corrected,
    findings: r.findings.map(
      (f) => `${f.level}@${f.offset}+${f.length}:${f.message}${f.suggestion === undefined ? '' : `→${f.suggestion}`}`,
    ),
  };
};

test('correct 文号 pass with no finding', () => {
  for (const ok of [
    '锡滨政办发〔2025〕12号',
    '国办发〔2017〕47号',
    '国办公开办函〔2021〕30号',
    '国办发明电〔2024〕12号',
  ]) {
    const r = checkDocumentNumber(ok, { currentYear: 2026 });
    assert.deepEqual(r.findings, [], ok);
    assert.ok(r.value);
    assert.equal(formatDocumentNumber(r.value), ok);
    assert.equal(r.corrected, undefined);
  }
  assert.deepEqual(checkDocumentNumber('锡滨政办发〔2025〕12号').value, {
    form: 'standard',
    issuerCode: '锡滨政办发',
    year: 2025,
    serial: 12,
  });
  assert.deepEqual(checkDocumentNumber('国务院令第711号').value, {
    form: 'decree',
    issuerCode: '国务院令',
    serial: 711,
  });
  assert.deepEqual(checkDocumentNumber('无锡市人民政府令第188号').findings, []);
});

test('wrong brackets are flagged at their place with 〔〕 as the correction', () => {
  for (const [open, close] of [
    ['【', '】'],
    ['[', ']'],
    ['(', ')'],
    ['（', '）'],
    ['［', '］'],
    ['﹝', '﹞'],
    ['〖', '〗'],
  ]) {
    const r = checkDocumentNumber(`锡滨政办发${open}2025${close}12号`);
    assert.equal(r.corrected, '锡滨政办发〔2025〕12号', open);
    assert.deepEqual(
      r.findings.map((f) => [f.level, f.offset, f.length, f.suggestion]),
      [
        ['error', 5, 1, '〔'],
        ['error', 10, 1, '〕'],
      ],
    );
    assert.match(r.findings[0]?.message ?? '', /六角括号“〔〕”/);
  }
  // one right, one wrong
  assert.deepEqual(summary('锡滨政办发〔2025]12号').findings, [
    'error@10+1:年份应使用六角括号“〔〕”，不应使用半角方括号“[]”→〕',
  ]);
});

test('year: full four digits, Arabic, plausible, and the year of the 成文日期', () => {
  assert.deepEqual(summary('锡滨政办发〔25〕12号'), {
    corrected: '锡滨政办发〔2025〕12号',
    findings: ['error@6+2:年份应写全四位，不能简写→2025'],
  });
  assert.deepEqual(summary('锡滨政办发〔二〇二五〕12号'), {
    corrected: '锡滨政办发〔2025〕12号',
    findings: ['error@6+4:年份应使用阿拉伯数字→2025'],
  });
  assert.deepEqual(summary('锡滨政办发〔２０２５〕12号'), {
    corrected: '锡滨政办发〔2025〕12号',
    findings: ['warning@6+4:年份应使用半角阿拉伯数字→2025'],
  });
  assert.deepEqual(summary('锡滨政办发〔2027〕12号', { currentYear: 2026 }).findings, [
    'error@6+4:年份 2027 晚于当前年份 2026',
  ]);
  assert.deepEqual(summary('锡滨政办发〔1900〕12号').findings, ['error@6+4:年份 1900 不合理']);
  assert.equal(checkDocumentNumber('锡滨政办发〔1900〕12号').value, null);
  assert.deepEqual(summary('锡滨政办发〔2024〕12号', { writtenOn: '2025-01-03' }), {
    corrected: undefined,
    findings: ['warning@6+4:年份与成文日期（2025-01-03）所在年份不一致'],
  });
});

test('serial: positive, Arabic, no leading zero, no 第; ends with 号', () => {
  assert.deepEqual(summary('锡滨政办发〔2025〕012号'), {
    corrected: '锡滨政办发〔2025〕12号',
    findings: ['error@11+3:序号不应有前导零→12'],
  });
  assert.deepEqual(summary('锡滨政办发〔2025〕第12号'), {
    corrected: '锡滨政办发〔2025〕12号',
    findings: ['error@11+1:文号的序号前不加“第”→'],
  });
  assert.deepEqual(summary('锡滨政办发〔2025〕十二号'), {
    corrected: '锡滨政办发〔2025〕12号',
    findings: ['error@11+2:序号应使用阿拉伯数字→12'],
  });
  assert.deepEqual(summary('锡滨政办发〔2025〕12'), {
    corrected: '锡滨政办发〔2025〕12号',
    findings: ['error@13+0:文号应以“号”结尾→号'],
  });
  assert.deepEqual(summary('锡滨政办发〔2025〕0号').findings, ['error@11+1:序号应为正整数']);
  assert.deepEqual(summary('国务院令711号'), {
    corrected: '国务院令第711号',
    findings: ['warning@4+0:令号一般写作“××令第×号”→第'],
  });
});

test('blanks are reported where they are and ignored for reading', () => {
  const r = checkDocumentNumber('锡滨政办发 (2025) 12 号');
  assert.equal(r.corrected, '锡滨政办发〔2025〕12号');
  assert.deepEqual(
    r.findings.map((f) => [f.offset, f.length, f.level]),
    [
      [5, 1, 'warning'],
      [6, 1, 'error'],
      [11, 1, 'error'],
      [12, 1, 'warning'],
      [15, 1, 'warning'],
    ],
  );
});

test('text that is no 文号 at all is one error over the whole input, never an exception', () => {
  for (const bad of [
    '',
    '   ',
    '关于做好2025年工作的通知',
    '〔2025〕12号',
    '锡滨政办发2025年12号',
    'x'.repeat(10_000),
  ]) {
    const r = checkDocumentNumber(bad);
    assert.equal(r.value, null, bad.slice(0, 20));
    assert.equal(r.findings.filter((f) => f.level === 'error').length >= 1, true);
  }
});

test('Chinese numerals', () => {
  assert.equal(chineseNumeralValue('二〇二五'), 2025);
  assert.equal(chineseNumeralValue('十二'), 12);
  assert.equal(chineseNumeralValue('一百零三'), 103);
  assert.equal(chineseNumeralValue('二十'), 20);
  assert.equal(chineseNumeralValue('甲'), null);
});
