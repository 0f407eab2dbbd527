import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { xssPayloads } from '../../../test/fixtures/xss-payloads.ts';
import { sanitizeBody } from './sanitize-body.ts';

const ALLOWED_TAGS = new Set(
  'h2 h3 h4 h5 h6 p br hr div blockquote pre code strong b em i u s sub sup ul ol li dl dt dd figure figcaption table caption colgroup col thead tbody tfoot tr th td a img'.split(
    ' ',
  ),
);
const ALLOWED_ATTRS = new Set([
  'href',
  'title',
  'rel',
  'id',
  'start',
  'src',
  'alt',
  'width',
  'height',
  'colspan',
  'rowspan',
  'scope',
  'span',
  'class',
]);

/** Every tag and attribute of sanitized output, as a parser sees it. */
function inventory(html: string): { tags: string[]; attrs: [string, string, string][] } {
  const tags: string[] = [];
  const attrs: [string, string, string][] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      tags.push(name);
      for (const [k, v] of Object.entries(attribs)) attrs.push([name, k, v]);
    },
  });
  parser.write(html);
  parser.end();
  return { tags, attrs };
}

test('nothing executable survives any payload of the corpus', () => {
  assert.ok(xssPayloads.length >= 90);
  for (const payload of xssPayloads) {
    const out = sanitizeBody(payload);
    const { tags, attrs } = inventory(out);
    for (const tag of tags) assert.ok(ALLOWED_TAGS.has(tag), `${payload} → <${tag}>`);
    for (const [tag, name, value] of attrs) {
      assert.ok(ALLOWED_ATTRS.has(name), `${payload} → ${tag}[${name}]`);
      assert.ok(!/^on/i.test(name));
      if (name === 'href') assert.match(value, /^(?:https?:|mailto:|tel:|#)/, payload);
      if (name === 'src') assert.match(value, /^\/attachments\/[^:]*$/, payload);
      if (name === 'class') assert.match(value, /^text-(?:left|center|right|justify)$/, payload);
      if (name === 'id') assert.match(value, /^(?:footnote|endnote)(?:-ref)?-\d+$/, payload);
    }
    assert.doesNotMatch(out, /<script|javascript:|onerror|onload|expression\(/i, payload);
    // Sanitizing is stable: what we store, when sanitized again, does not change.
    assert.equal(sanitizeBody(out), out, payload);
  }
});

test('what a government document needs survives', () => {
  const html =
    '<h1>关于印发某办法的通知</h1><h3 style="text-align:center">第一章 总则</h3>' +
    '<p align="right" class="x text-center">滨湖区人民政府办公室</p>' +
    '<table><caption>附表</caption><thead><tr><th scope="col" colspan="2">项目</th></tr></thead>' +
    '<tbody><tr><td rowspan="2">甲</td><td>1</td></tr><tr><td>2</td></tr></tbody></table>' +
    '<ol start="3"><li>第三项</li></ol><ul><li>要点</li></ul>' +
    '<p>详见<a href="https://www.gov.cn/zhengce/" target="_blank">中国政府网</a>，' +
    '或发送邮件至<a href="mailto:xxgk@binhu.gov.cn">xxgk@binhu.gov.cn</a>。</p>' +
    '<p><img src="/attachments/42/fig-1.png" alt="示意图" width="300"></p>' +
    '<p>注<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><ol><li id="footnote-1">脚注</li></ol>';
  assert.equal(
    sanitizeBody(html),
    '<h2>关于印发某办法的通知</h2><h3 class="text-center">第一章 总则</h3>' +
      '<p class="text-right">滨湖区人民政府办公室</p>' +
      '<table><caption>附表</caption><thead><tr><th scope="col" colspan="2">项目</th></tr></thead>' +
      '<tbody><tr><td rowspan="2">甲</td><td>1</td></tr><tr><td>2</td></tr></tbody></table>' +
      '<ol start="3"><li>第三项</li></ol><ul><li>要点</li></ul>' +
      '<p>详见<a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer">中国政府网</a>，' +
      '或发送邮件至<a href="mailto:xxgk@binhu.gov.cn" rel="noopener noreferrer">xxgk@binhu.gov.cn</a>。</p>' +
      '<p><img src="/attachments/42/fig-1.png" alt="示意图" width="300" /></p>' +
      '<p>注<sup><a href="#footnote-1" id="footnote-ref-1" rel="noopener noreferrer">[1]</a></sup></p><ol><li id="footnote-1">脚注</li></ol>',
  );
});

test('heading levels are closed up below the page title', () => {
  assert.equal(sanitizeBody('<h3>一</h3><h5>二</h5>'), '<h2>一</h2><h3>二</h3>');
  assert.equal(sanitizeBody('<h1>题</h1><h2>一</h2>'), '<h2>题</h2><h3>一</h3>');
});

test('images only from our own attachment path; the prefix is configurable', () => {
  assert.equal(sanitizeBody('<img src="/files/1.png">'), '');
  assert.equal(sanitizeBody('<img src="/files/1.png">', { imagePathPrefix: '/files/' }), '<img src="/files/1.png" />');
  assert.equal(sanitizeBody('<img src="/files/a:b.png">', { imagePathPrefix: '/files/' }), '');
});

test('random markup: output is always a fixed point and never contains an event handler', () => {
  const piece = fc.constantFrom(
    '<p>',
    '</p>',
    '<img src=x onerror=xss()>',
    '<a href="javascript:x">',
    '</a>',
    '<svg>',
    '<math>',
    '<style>',
    '</style>',
    '<table>',
    '<td colspan=3>',
    '"',
    "'",
    '<',
    '>',
    '&lt;',
    '&amp;',
    '公开',
    '<!--',
    '-->',
    '<noscript>',
    '<h1>',
    '<h4 align=center>',
    '<script>',
    '</script>',
    '<b>',
    '<![CDATA[',
    ']]>',
    '<a href="/x">',
    '<li id="footnote-1">',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const out = sanitizeBody(parts.join(''));
      assert.equal(sanitizeBody(out), out);
      const { tags, attrs } = inventory(out);
      for (const t of tags) assert.ok(ALLOWED_TAGS.has(t));
      for (const [, name] of attrs) assert.ok(ALLOWED_ATTRS.has(name));
    }),
    { numRuns: 3000, examples: [[['<h4 align=center>', '<noscript>', '<h1>']]] },
  );
});
