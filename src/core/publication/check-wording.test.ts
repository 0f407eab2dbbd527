import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { checkPublicationText } from './check-publication-text.ts';
import { compileWordingChecker, wordingChecker } from './check-wording.ts';
import {
  agencyWordingProblems,
  mergeWordingEntries,
  shippedWordingEntries,
  wordingCategories,
  type WordingEntry,
} from './wording-dictionary.ts';
import { cpuNow } from '../../../test/cpu-clock.ts';

test('the shipped dictionary: at least 150 entries, every category, unique terms, both levels', () => {
  assert.ok(shippedWordingEntries.length >= 150, String(shippedWordingEntries.length));
  const terms = shippedWordingEntries.map((e) => e.term);
  assert.equal(new Set(terms).size, terms.length);
  for (const c of wordingCategories)
    assert.ok(
      shippedWordingEntries.some((e) => e.category === c),
      c,
    );
  assert.ok(shippedWordingEntries.some((e) => e.level === 'error'));
  assert.ok(shippedWordingEntries.some((e) => e.level === 'warning'));
  for (const [t, s] of [
    ['截止目前', '截至目前'],
    ['按装', '安装'],
    ['既使', '即使'],
    ['布署', '部署'],
    ['签定', '签订'],
    ['帐户', '账户'],
    ['台帐', '台账'],
  ]) {
    assert.equal(shippedWordingEntries.find((e) => e.term === t)?.suggestion, s, t);
  }
});

test('every shipped entry is found in a sentence containing it, at its place, with its suggestion', () => {
  const checker = wordingChecker();
  for (const entry of shippedWordingEntries) {
    const text = `据悉，${entry.term}。`;
    const findings = checker.check(text);
    const f = findings.find((x) => x.offset === 3);
    assert.ok(f, `not found: ${entry.term}`);
    assert.equal(f.length, entry.term.length, entry.term);
    assert.equal(f.level, entry.level);
    assert.equal(f.suggestion, entry.suggestion);
    assert.equal(f.category, entry.category);
    assert.ok(f.message.includes(`“${entry.term}”`));
  }
});

test('exceptions: the correct longer phrase is not a finding; the wrong word still is', () => {
  const checker = wordingChecker();
  assert.deepEqual(checker.check('健全农村长效管护机制，推进文化部门改革，农业部门指导。'), []);
  assert.deepEqual(
    checker.check('由村长召集会议').map((f) => [f.offset, f.suggestion]),
    [[1, '村民委员会主任']],
  );
  assert.deepEqual(checker.check('内蒙古自治区'), []);
});

test('the longest match wins; overlapping different errors are all reported; offsets are UTF-16 indices', () => {
  const checker = wordingChecker();
  assert.deepEqual(
    checker.check('根据国务院办工厅通知').map((f) => [f.offset, f.length, f.suggestion]),
    [[2, 6, '国务院办公厅']],
  );
  const text = '𠮷𠮷截止目前，已按装完毕。';
  const findings = checker.check(text);
  assert.deepEqual(
    findings.map((f) => text.slice(f.offset, f.offset + f.length)),
    ['截止目前', '按装'],
  );
  assert.equal(findings[0]?.offset, 4); // two astral characters are four UTF-16 units
});

test('an agency extends the dictionary, overrides a shipped entry and switches one off', () => {
  const own: WordingEntry[] = [
    { term: '滨湖区政府', suggestion: '滨湖区人民政府', category: 'official-name', level: 'error' },
    { term: '其它', suggestion: '其他', category: 'typo', level: 'error', note: '本机关要求一律用“其他”' },
  ];
  const checker = wordingChecker({ entries: own, disabledTerms: ['付主任'] });
  const text = '滨湖区政府付主任及其它同志';
  assert.deepEqual(
    checker.check(text).map((f) => [text.slice(f.offset, f.offset + f.length), f.level]),
    [
      ['滨湖区政府', 'error'],
      ['其它', 'error'],
    ],
  );
  assert.equal(mergeWordingEntries({ entries: own, disabledTerms: ['付主任'] }).length, shippedWordingEntries.length);
  assert.equal(wordingChecker(), wordingChecker(), 'the shipped checker is compiled once');
});

test('agency entries are validated with messages pointing at the line', () => {
  assert.deepEqual(agencyWordingProblems({ entries: [{ term: '甲', category: 'typo', level: 'error' }] }), {});
  assert.deepEqual(
    agencyWordingProblems({
      entries: [
        { term: '甲乙', category: 'typo', level: 'error' },
        { term: '甲乙', category: 'typo', level: 'warning' },
        { term: '丙', category: 'typo', level: 'fatal' },
        { term: '丁', category: 'typo', level: 'error', except: ['戊己'] },
        { term: '', category: 'nonsense', level: 'error' },
      ],
    }),
    {
      'entries.2.level': '级别只能是 error（错误）或 warning（提示）',
      'entries.3.except': '例外“戊己”中不含词条“丁”',
      'entries.4.term': '词条不能为空',
      'entries.4.category': '类别无效',
    },
  );
  assert.deepEqual(
    agencyWordingProblems({
      entries: [
        { term: '甲乙', category: 'typo', level: 'error' },
        { term: '甲乙', category: 'typo', level: 'warning' },
      ],
    }),
    { 'entries.1.term': '词条“甲乙”与第 1 条重复' },
  );
  assert.match(
    agencyWordingProblems({
      entries: Array.from({ length: 2001 }, (_, i) => ({ term: `词${i}`, category: 'typo', level: 'error' })),
    }).entries ?? '',
    /最多 2000 条/,
  );
});

test('no findings on the real annual reports of the seeds (no false positives on official prose)', () => {
  const dir = new URL('../../../test/fixtures/seeds/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  assert.equal(files.length, 5);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    assert.deepEqual(checkPublicationText(text, { today: '2026-11-01' }), [], f);
  }
});

test('a long body with planted errors: all found, linear time', () => {
  const paragraph = '为深入贯彻落实党中央、国务院决策部署，进一步做好政府信息公开工作，现将有关事项通知如下。';
  const body = paragraph.repeat(20_000) + '截止目前' + paragraph.repeat(10) + '布署';
  assert.ok(body.length > 850_000);
  const t0 = cpuNow();
  const findings = wordingChecker().check(body);
  const ms = cpuNow() - t0;
  assert.deepEqual(
    findings.map((f) => f.suggestion),
    ['截至目前', '部署'],
  );
  assert.ok(ms < 5000, `${ms} ms for ~1M characters`);
  assert.equal(compileWordingChecker([]).check(body).length, 0);
});
