import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkIdentity, creditCodeProblem, residentIdCheckChar, residentIdProblem } from './identity-number.ts';

// 11010519491231002X is the example number of GB 11643-1999; the check character is computed by hand in the
// standard: Σ(aᵢ·Wᵢ) = 167, 167 mod 11 = 2 → X.
const EXAMPLE = '11010519491231002X';

describe('居民身份证 (GB 11643-1999)', () => {
  it('accepts the standard’s example, also with a lower-case x and spaces', () => {
    assert.equal(residentIdProblem(EXAMPLE), null);
    assert.equal(residentIdProblem(' 110105 19491231 002x '), null);
    assert.equal(residentIdCheckChar('11010519491231002'), 'X');
  });

  it('every single-digit change of the body is caught by the check character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        if (pos >= 6 && pos < 14) return true; // birth-date digits: may also fail as a date, checked below
        const digits = EXAMPLE.split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        return residentIdProblem(digits.join('')) !== null;
      }),
    );
  });

  it('Chinese messages name the field and the problem', () => {
    assert.equal(residentIdProblem('110105194912310021'), '身份证件号码：校验位不符（最后一位应为X），请核对号码');
    assert.match(residentIdProblem('110105491231002') ?? '', /15位身份证号码已停止使用/);
    assert.match(residentIdProblem('11010519491331002X') ?? '', /出生日期19491331不是有效日期/);
    assert.match(residentIdProblem('1101051949123100') ?? '', /须为18位/);
    // Born in the future: 2030-01-01, with a correct check character.
    const future = `11010520300101001`;
    assert.match(residentIdProblem(future + residentIdCheckChar(future), '2026-01-01') ?? '', /出生日期20300101/);
  });
});

describe('统一社会信用代码 (reusing the platform check)', () => {
  it('valid, wrong check character, wrong alphabet', () => {
    assert.equal(creditCodeProblem('91350100M000100Y43'), null);
    assert.equal(creditCodeProblem('91350100M000100Y44'), '统一社会信用代码：校验位不符，请核对代码');
    assert.match(creditCodeProblem('91350100M000100I43') ?? '', /不含I、O、Z、S、V/);
  });
});

describe('the form’s identity fields', () => {
  it('normalises a good number and reports the field of a bad one', () => {
    assert.deepEqual(checkIdentity({ idType: 'residentId', idNumber: '11010519491231002x' }), {
      ok: true,
      type: 'residentId',
      number: EXAMPLE,
    });
    assert.deepEqual(checkIdentity({ idType: 'residentId', idNumber: '110105194912310021' }), {
      ok: false,
      errors: { idNumber: '居民身份证号码：校验位不符（最后一位应为X），请核对号码' },
    });
    assert.deepEqual(
      checkIdentity({ idType: 'creditCode', idNumber: '91350100M000100Y43', applicantType: 'natural' }).ok,
      false,
    );
    assert.equal(
      checkIdentity({ idType: 'creditCode', idNumber: '91350100M000100Y43', applicantType: 'commercial' }).ok,
      true,
    );
    assert.deepEqual(checkIdentity({ idType: 'driver', idNumber: 'x' }), {
      ok: false,
      errors: { idType: '证件类型：请选择证件类型' },
    });
    assert.equal(checkIdentity({ idType: 'passport', idNumber: 'E12345678' }).ok, true);
    assert.deepEqual(checkIdentity({ idType: 'passport', idNumber: '<script>' }).ok, false);
    assert.deepEqual(checkIdentity({ idType: 'passport', idNumber: ' ' }), {
      ok: false,
      errors: { idNumber: '证件号码：请填写护照号码' },
    });
  });
});
