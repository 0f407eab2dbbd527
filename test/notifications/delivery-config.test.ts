/** The delivery settings in the configuration (src/server/config.ts): Chinese problems, secrets never echoed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/server/config.ts';

test('no SMTP and no SMS by default: in-app notifications only', () => {
  const r = loadConfig({});
  assert.ok(r.ok);
  assert.deepEqual(r.config.delivery, { smtp: undefined, sms: 'none', linkBase: undefined });
});

test('SMTP by URL or by parts, with the sender; the public address without its trailing slash', () => {
  const byUrl = loadConfig({
    SMTP_URL: 'smtps://gongkai:s3cret@smtp.example.gov.cn:465',
    MAIL_FROM: '滨湖区政府信息公开 <gongkai@example.gov.cn>',
    PUBLIC_BASE_URL: 'https://gongkai.example.gov.cn/',
    SMS_CHANNEL: 'log',
  });
  assert.ok(byUrl.ok);
  assert.equal(byUrl.config.delivery.smtp?.url, 'smtps://gongkai:s3cret@smtp.example.gov.cn:465');
  assert.equal(byUrl.config.delivery.sms, 'log');
  assert.equal(byUrl.config.delivery.linkBase, 'https://gongkai.example.gov.cn');
  const byParts = loadConfig({ SMTP_HOST: 'smtp.example.gov.cn', SMTP_USER: 'u', SMTP_PASS: 'p', MAIL_FROM: 'a@b.cn' });
  assert.ok(byParts.ok);
  assert.equal(byParts.config.delivery.smtp?.port, 587);
  assert.equal(byParts.config.delivery.smtp?.secure, false);
});

test('problems are named in Chinese and secrets are not echoed', () => {
  const noFrom = loadConfig({ SMTP_HOST: 'smtp.example.gov.cn' });
  assert.ok(!noFrom.ok);
  assert.match(noFrom.problems.join('\n'), /MAIL_FROM：配置了 SMTP 时必须填写发件人地址/);
  const bad = loadConfig({
    SMTP_URL: 'http://user:topsecret@host',
    SMTP_PASS: 'x',
    SMS_CHANNEL: 'aliyun',
    SMTP_PORT: '99999',
  });
  assert.ok(!bad.ok);
  const text = bad.problems.join('\n');
  assert.match(text, /SMTP_URL 应为 smtp:\/\//);
  assert.doesNotMatch(text, /topsecret/);
  assert.match(text, /SMS_CHANNEL 只能为 none 或 log（尚未接入短信服务商）/);
  assert.match(text, /SMTP_PORT 应在 1 到 65535 之间/);
  const url = loadConfig({ PUBLIC_BASE_URL: 'javascript:alert(1)' });
  assert.ok(!url.ok);
});
