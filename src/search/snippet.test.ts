import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, highlight, matchRanges, snippet } from './snippet.ts';

test('escapes everything but our marks', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(highlight('<b>街道</b>', ['街道']), '&lt;b&gt;<mark>街道</mark>&lt;/b&gt;');
  assert.equal(highlight('a<mark>b', ['mark']), 'a&lt;<mark>mark</mark>&gt;b');
});

test('matches ignore case, full-width forms and punctuation inside a term, and map back to the original', () => {
  assert.equal(highlight('标准ＧＢ/Ｔ 22239', ['gbt22239']), '标准<mark>ＧＢ/Ｔ 22239</mark>');
  assert.equal(highlight('锡滨政办发〔2025〕12号文', ['锡滨政办发202512号']), '<mark>锡滨政办发〔2025〕12号</mark>文');
  assert.deepEqual(matchRanges('复议 复议', ['复议']), [
    [0, 2],
    [3, 5],
  ]);
  // Overlapping terms merge into one mark.
  assert.equal(highlight('行政复议', ['行政复', '复议']), '<mark>行政复议</mark>');
  // Characters outside the BMP are never cut in two.
  assert.equal(highlight('𠀀街道𠀁', ['街道']), '𠀀<mark>街道</mark>𠀁');
});

test('snippets: a window around the first match; the start when nothing matches; control characters dropped', () => {
  const text = `${'前'.repeat(200)}行政复议${'后'.repeat(200)}`;
  const s = snippet(text, ['复议']);
  assert.equal(s.matched, true);
  assert.ok(s.html.startsWith('…') && s.html.endsWith('…'));
  assert.match(s.html, /行政<mark>复议<\/mark>/);
  assert.ok(s.html.replace(/<\/?mark>/g, '').length <= 125);
  const none = snippet('开头\u0000的内容', ['不在']);
  assert.deepEqual(none, { html: '开头的内容', matched: false });
});
