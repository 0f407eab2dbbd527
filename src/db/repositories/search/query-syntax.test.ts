import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, not, or, phrase } from '../../../search/match-expression.ts';
import { fts5Match } from './fts5-match.ts';
import { tsqueryText, tsvectorTexts } from './tsquery-text.ts';

const e = not(and(phrase(['t街道']), or(phrase(['t行政', 't政复'], false), phrase(['b税'], true))), phrase(['w街道']));

test('FTS5: every token double-quoted, operators only from the expression', () => {
  assert.equal(fts5Match(e), '(("t街道") AND (("t行政" + "t政复") OR ("b税" *))) NOT ("w街道")');
  assert.equal(fts5Match(phrase(['a"b'])), '"a""b"');
});

test('FTS5 with rarity: the parts of an AND rarest first; a much rarer part alone in a NOT of the empty term "z"', () => {
  const rarity = (x: typeof e) => (x.kind === 'phrase' ? { t甲: 1, t乙: 2, t丙: 100, t丁: 3 }[x.tokens[0]!]! : 0);
  const q = and(phrase(['t丙']), phrase(['t乙']), phrase(['t甲']), phrase(['t丁']));
  assert.equal(fts5Match(q, rarity), '((("t甲") AND ("t乙") AND ("t丁")) NOT "z") AND ("t丙")');
  assert.equal(fts5Match(q), '("t丙") AND ("t乙") AND ("t甲") AND ("t丁")');
});

test('tsquery: lexemes single-quoted with quote and backslash escaped; phrases with <->, or AND without', () => {
  assert.equal(tsqueryText(e), "(('t街道') & (('t行政' <-> 't政复') | ('b税':*))) & !('w街道')");
  assert.equal(tsqueryText(e, { phrases: false }), "(('t街道') & (('t行政' & 't政复') | ('b税':*))) & !('w街道')");
  assert.equal(tsqueryText(phrase(["a'b\\c"])), "'a''b\\\\c'");
});

test('tsvector: head and body counted separately, gaps keep their position, 256 positions per lexeme at most', () => {
  const v = tsvectorTexts(['a1', 'w街道', 'x', 't街道', 'b街道', 'b道', 'x', 'b街道']);
  assert.equal(v.head, "'a1':1 'w街道':2 't街道':4");
  assert.equal(v.body, "'b街道':2,5 'b道':3");
  const many = tsvectorTexts(Array.from({ length: 300 }, () => 'b的'));
  assert.equal(many.body.split(',').length, 256);
});
