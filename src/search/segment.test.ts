import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutWords, maxRunChars, normalizeText, substringTokens, termTokens, wordTokens } from './segment.ts';

test('index tokens: CJK bigrams plus the run-final character; Latin and digits whole, split where they meet', () => {
  assert.deepEqual(substringTokens('街道办事处'), ['街道', '道办', '办事', '事处', '处']);
  assert.deepEqual(substringTokens('锡滨政办发〔2025〕12号'), [
    '锡滨',
    '滨政',
    '政办',
    '办发',
    '发',
    '2025',
    '12',
    '号',
    '号',
  ]);
  assert.deepEqual(substringTokens('12号文件'), ['12', '号', '号文', '文件', '件']);
  assert.deepEqual(substringTokens('GB/T22239-2019'), ['gb', 't', '22239', '2019']);
  assert.deepEqual(substringTokens('  ，。！  '), []);
});

test('normalization: full-width forms, Kangxi radicals from PDFs, case, control characters', () => {
  assert.equal(normalizeText('ＡＢＣ２０２５'), 'abc2025');
  assert.equal(normalizeText('⼯作'), '工作');
  assert.equal(normalizeText('a\u0000b\u001fc'), 'a b c');
  assert.deepEqual(substringTokens('⼯作'), ['工作', '作']);
});

test('query tokens: no run-final character at the end of the term; before digits it is kept', () => {
  assert.deepEqual(termTokens('年度'), { text: '年度', tokens: ['年度'], prefixLast: false, singleRun: true });
  assert.deepEqual(termTokens('行政复议')?.tokens, ['行政', '政复', '复议']);
  assert.deepEqual(termTokens('锡滨政办发〔2025〕12号'), {
    text: '锡滨政办发202512号',
    tokens: ['锡滨', '滨政', '政办', '办发', '发', '2025', '12', '号'],
    prefixLast: false,
    singleRun: false,
  });
  // The boundary token after digits: the full 文号 needs no prefix; a run that ends inside the term keeps its
  // run-final character.
  assert.deepEqual(termTokens('12号文')?.tokens, ['12', '号', '号文']);
  assert.deepEqual(termTokens('12号2025')?.tokens, ['12', '号', '号', '2025']);
  assert.deepEqual(termTokens('税'), { text: '税', tokens: ['税'], prefixLast: true, singleRun: true });
  assert.equal(termTokens('"*:()&|!'), null);
});

test('every query token of a substring is an index token of the text, in a row', () => {
  const text =
    '无锡市滨湖区人民政府办公室关于印发本年度行政复议工作要点的通知（锡滨政办发〔2025〕12号）第3号文件GB22239号2025';
  const index = substringTokens(text);
  const chars = Array.from(text);
  for (let start = 0; start < chars.length; start++) {
    for (let end = start + 2; end <= chars.length; end++) {
      const piece = chars.slice(start, end).join('');
      const q = termTokens(piece);
      if (!q) continue;
      const found = index.some((_, at) =>
        q.tokens.every((t, k) => {
          const token = index[at + k];
          return token !== undefined && (q.prefixLast && k === q.tokens.length - 1 ? token.startsWith(t) : token === t);
        }),
      );
      // Pieces that start or end inside a Latin/digit run are matched from the run's start only (documented).
      const cutsRun = /^[0-9a-z]/i.test(piece) && /[0-9a-z]/i.test(chars[start - 1] ?? '');
      if (!cutsRun) assert.ok(found, piece);
    }
  }
});

test('words for ranking: jieba search mode keeps sub-words; punctuation dropped; runs capped', () => {
  const words = wordTokens('关于印发本年度行政复议工作要点的通知');
  for (const w of ['行政复议', '复议', '本年度', '年度', '印发']) assert.ok(words.includes(w), w);
  assert.ok(!words.some((w) => /[，。]/.test(w)));
  assert.ok(substringTokens('a'.repeat(500)).every((t) => t.length <= maxRunChars));
  assert.deepEqual(cutWords('滨湖区行政复议决定'), ['滨湖区', '行政复议', '决定']);
});
