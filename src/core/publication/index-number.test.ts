import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  formatIndexNumber,
  indexCounterKey,
  indexNumberDate,
  indexNumberPeriod,
  indexNumberProblems,
  normalizeIndexNumber,
  parseIndexNumber,
} from './index-number.ts';

test('real 索引号 from portals parse, and their agency codes pass the check character', () => {
  assert.deepEqual(parseIndexNumber('000014349/2018-00222'), {
    ok: true,
    value: { agencyCode: '000014349', year: 2018, serial: 222 },
  });
  assert.deepEqual(parseIndexNumber('11341702486344515H/202110-00013'), {
    ok: true,
    value: { agencyCode: '11341702486344515H', year: 2021, month: 10, serial: 13 },
  });
  assert.deepEqual(indexNumberProblems('000014349/2018-00222'), []);
  assert.deepEqual(indexNumberProblems('11341702486344515H/202110-00013'), []);
  assert.deepEqual(indexNumberProblems('000014348/2018-00222'), [
    '索引号的机构代码须为有效的18位统一社会信用代码或9位组织机构代码（校验位不符）',
  ]);
});

test('formatting pads the serial to five digits and never truncates a larger one', () => {
  assert.equal(formatIndexNumber({ agencyCode: '000014349', year: 2018, serial: 222 }), '000014349/2018-00222');
  assert.equal(
    formatIndexNumber({ agencyCode: '11341702486344515H', year: 2021, month: 10, serial: 13 }),
    '11341702486344515H/202110-00013',
  );
  assert.equal(formatIndexNumber({ agencyCode: '000014349', year: 2025, serial: 123456 }), '000014349/2025-123456');
  assert.throws(() => formatIndexNumber({ agencyCode: '000014349', year: 2025, serial: 0 }), /正整数/);
  assert.throws(() => formatIndexNumber({ agencyCode: '000014349', year: 2025, month: 13, serial: 1 }), /月份/);
  assert.throws(() => formatIndexNumber({ agencyCode: 'a/b', year: 2025, serial: 1 }), /机构代码/);
});

test('format and parse are inverse for every valid number', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[0-9A-Z][0-9A-Z]{8,17}$/),
      fc.integer({ min: 1990, max: 2100 }),
      fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      fc.integer({ min: 1, max: 999_999_999 }),
      (agencyCode, year, month, serial) => {
        const value = month === undefined ? { agencyCode, year, serial } : { agencyCode, year, month, serial };
        assert.deepEqual(parseIndexNumber(formatIndexNumber(value)), { ok: true, value });
      },
    ),
  );
});

test('what people type is normalised before comparing', () => {
  assert.equal(normalizeIndexNumber(' ００００１４３４９／２０１８－００２２２ '), '000014349/2018-00222');
  assert.equal(normalizeIndexNumber('11341702486344515h/202110—00013'), '11341702486344515H/202110-00013');
});

test('malformed numbers are refused with a Chinese message', () => {
  for (const bad of [
    '',
    '000014349-2018-00222',
    '000014349/18-00222',
    '000014349/2018-',
    '/2018-00001',
    '000014349/2018-00000',
    '000014349/1899-00001',
    '000014349/201813-00001',
  ]) {
    const r = parseIndexNumber(bad);
    assert.equal(r.ok, false, bad);
    if (!r.ok) assert.match(r.message, /索引号/);
  }
});

test('the period comes from the 成文日期, else the 发布日期; one counter per agency and period', () => {
  assert.equal(indexNumberDate({ writtenOn: '2025-12-30', publishedOn: '2026-01-03' }), '2025-12-30');
  assert.equal(indexNumberDate({ writtenOn: null, publishedOn: '2026-01-03' }), '2026-01-03');
  assert.equal(indexNumberPeriod('2025-12-30', 'year'), '2025');
  assert.equal(indexNumberPeriod('2021-10-08', 'month'), '202110');
  assert.throws(() => indexNumberPeriod('2025-02-30', 'year'), /日期无效/);
  assert.equal(indexCounterKey('000014349', '2025'), '000014349/2025');
});
