import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idCardCheckChar } from '../../core/publication/id-card-number.ts';
import { bodyText } from './body-text.ts';
import { checkBody } from './check-body.ts';

const first17 = '32021119900101123';
const id = first17 + idCardCheckChar(first17);

test('body text: blocks become line breaks, inline markup does not split words, entities map back', () => {
  const html = '<p>第一段<b>部</b>署</p><table><tr><td>甲</td><td>乙&amp;丙</td></tr></table><p>末</p>';
  const b = bodyText(html);
  assert.equal(b.text, '第一段部署\n甲\n乙&丙\n末\n');
  const at = b.text.indexOf('部署');
  const src = b.toSource(at, 2);
  assert.equal(html.slice(src.offset, src.offset + src.length), '部</b>署');
  const amp = b.toSource(b.text.indexOf('&'), 1);
  assert.equal(html.slice(amp.offset, amp.offset + amp.length), '&amp;');
});

test('findings on an HTML body point into the text and into the HTML', () => {
  const html = `<p>截止目前，已<strong>按装</strong>完毕。</p><p>联系人身份证：${id}</p>`;
  const { body, title } = checkBody({ title: '关于做好工作的通知', html });
  assert.deepEqual(title, []);
  assert.deepEqual(
    body.map((f) => [f.code, html.slice(f.source.offset, f.source.offset + f.source.length)]),
    [
      ['WORDING', '截止目前'],
      ['WORDING', '按装'],
      ['ID_CARD_NUMBER', id],
    ],
  );
});

test('the title is checked too', () => {
  const { title } = checkBody({ title: '关于印发“十四五”规划的通知（付主任签发）', html: '' });
  assert.deepEqual(
    title.map((f) => f.suggestion),
    ['副主任'],
  );
});

test('links: broken internal ones and typed URLs are findings; external and existing ones are not', () => {
  const html =
    '<p><a href="/xxgk/items/1">有效</a>、<a href="/xxgk/items/404">失效</a>、<a href="https://www.gov.cn/">外部</a></p>' +
    '<p><img src="/attachments/9.png">详见 http://www.binhu.gov.cn/xxgk/items/405 。</p>';
  const exists = (path: string) => path === '/xxgk/items/1';
  const { body } = checkBody({ title: '', html }, { site: { hosts: ['www.binhu.gov.cn'] }, linkExists: exists });
  assert.deepEqual(
    body.map((f) => [f.code, html.slice(f.source.offset, f.source.offset + f.source.length)]),
    [
      ['BROKEN_LINK', '<a href="/xxgk/items/404">'],
      ['BROKEN_LINK', '<img src="/attachments/9.png">'],
      ['BROKEN_LINK', 'http://www.binhu.gov.cn/xxgk/items/405'],
    ],
  );
  assert.equal(checkBody({ title: '', html }).body.length, 0, 'links are checked only with a site and a lookup');
});
