import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyLink, findTextUrls, linkFindings } from './classify-link.ts';

const site = { hosts: ['www.binhu.gov.cn', 'binhu.gov.cn'], pagePath: '/xxgk/items/12' };

test('links are classified against our own host names', () => {
  assert.deepEqual(classifyLink('/xxgk/items/7', site), {
    kind: 'internal',
    href: '/xxgk/items/7',
    path: '/xxgk/items/7',
  });
  assert.deepEqual(classifyLink('13#top', site).path, '/xxgk/items/13');
  assert.deepEqual(classifyLink('../columns/news?page=2', site).path, '/xxgk/columns/news?page=2');
  assert.deepEqual(classifyLink('HTTPS://BINHU.gov.cn/%E6%94%BF%E7%AD%96', site).path, '/政策');
  assert.equal(classifyLink('http://www.binhu.gov.cn/a', site).kind, 'internal');
  assert.deepEqual(classifyLink('https://www.gov.cn/zhengce/', site), {
    kind: 'external',
    href: 'https://www.gov.cn/zhengce/',
    host: 'www.gov.cn',
  });
  assert.equal(classifyLink('//evil.example/x', site).kind, 'external');
  assert.equal(classifyLink('#section-2', site).kind, 'anchor');
  assert.equal(classifyLink('mailto:xxgk@binhu.gov.cn', site).kind, 'mailto');
  assert.equal(classifyLink('tel:0510-85123456', site).kind, 'tel');
  for (const bad of [
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'data:text/html,<script>',
    'vbscript:x',
    'file:///etc/passwd',
  ]) {
    assert.equal(classifyLink(bad, site).kind, 'unsafe', bad);
  }
  assert.equal(classifyLink('http://[::1', site).kind, 'invalid');
  assert.equal(classifyLink('  ', site).kind, 'invalid');
});

test('bare URLs typed in Chinese text end at Chinese punctuation', () => {
  const text = '详见http://www.binhu.gov.cn/xxgk/1.html，或访问www.gov.cn。另见（https://a.b/c）.';
  assert.deepEqual(
    findTextUrls(text).map((u) => [u.href, text.slice(u.offset, u.offset + u.length)]),
    [
      ['http://www.binhu.gov.cn/xxgk/1.html', 'http://www.binhu.gov.cn/xxgk/1.html'],
      ['http://www.gov.cn', 'www.gov.cn'],
      ['https://a.b/c', 'https://a.b/c'],
    ],
  );
});

test('broken internal links and unsafe links become findings at their place; external links are left alone', () => {
  const known = new Set(['/xxgk/items/7']);
  const findings = linkFindings(
    [
      { href: '/xxgk/items/7', offset: 0, length: 5 },
      { href: '/xxgk/items/8', offset: 10, length: 5 },
      { href: 'https://www.gov.cn/', offset: 20, length: 5 },
      { href: 'javascript:void(0)', offset: 30, length: 5 },
    ],
    site,
    (path) => known.has(path),
  );
  assert.deepEqual(
    findings.map((f) => [f.code, f.offset, f.message]),
    [
      ['BROKEN_LINK', 10, '站内链接指向的页面不存在：/xxgk/items/8'],
      ['UNSAFE_LINK', 30, '链接使用了不安全的协议，只允许 http、https、mailto 和 tel'],
    ],
  );
});
