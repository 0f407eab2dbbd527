import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCopyField } from './postgres-dump.ts';

test('COPY text fields: NULL, backslash escapes, octal and hex bytes, multi-byte text', () => {
  assert.equal(decodeCopyField('\\N'), null);
  assert.equal(decodeCopyField(''), '');
  assert.equal(decodeCopyField('审计\\t日志\\n第二行\\\\反斜杠\\r'), '审计\t日志\n第二行\\反斜杠\r');
  assert.equal(decodeCopyField('\\b\\f\\v'), '\b\f\v');
  // 审 is E5 AE A1 in UTF-8: as octal and as hex escapes it must decode to the same character.
  assert.equal(decodeCopyField('\\345\\256\\241'), '审');
  assert.equal(decodeCopyField('\\xe5\\xae\\xa1x'), '审x');
  assert.equal(decodeCopyField('a\\.b'), 'a.b');
  assert.equal(decodeCopyField('😀\\t'), '😀\t');
});
