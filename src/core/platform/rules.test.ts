import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from './canonical-json.ts';
import { agencyCodeProblem, creditCodeCheckChar, isValidCreditCode, isValidOrgCode } from './credit-code.ts';
import { passwordProblems } from './password-rule.ts';
import { roleSetProblem } from './roles.ts';

test('password rule: length and three of four classes, Chinese messages', () => {
  assert.deepEqual(passwordProblems('Gongkai@2026'), []);
  assert.deepEqual(passwordProblems('short1A'), ['密码长度不得少于10位']);
  assert.deepEqual(passwordProblems('alllowercaseletters'), [
    '密码须至少包含小写字母、大写字母、数字、特殊字符中的三类',
  ]);
  assert.ok(passwordProblems('Admin#12345', 'admin').includes('密码不得包含用户名'));
});

test('统一社会信用代码 check character (GB 32100-2015)', () => {
  assert.equal(isValidCreditCode('91350100M000100Y43'), true);
  assert.equal(isValidCreditCode('91350100M000100Y44'), false);
  assert.equal(creditCodeCheckChar('11320211014368026'.slice(0, 17))?.length, 1);
  assert.equal(isValidOrgCode('D2143569-X'), true);
  assert.equal(agencyCodeProblem('123'), '机构代码须为有效的18位统一社会信用代码或9位组织机构代码（校验位不符）');
});

test('三员分立: admin roles exclusive, never with business roles', () => {
  assert.equal(roleSetProblem(['handler', 'reviewer']), null);
  assert.match(roleSetProblem(['sysadmin', 'auditadmin']) ?? '', /不同人员/);
  assert.match(roleSetProblem(['secadmin', 'handler']) ?? '', /不得与业务角色兼任/);
  assert.match(roleSetProblem([]) ?? '', /至少/);
});

test('canonical JSON sorts keys at every level and drops undefined', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: '中' } }),
    '{"a":{"c":"中","d":[1,{"z":1}]},"b":1}',
  );
});
