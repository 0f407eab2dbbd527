import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { detectPersonalData } from './detect-personal-data.ts';
import { classifyIdCardNumber, idCardCheckChar, luhnValid } from './id-card-number.ts';

/** A valid 18-digit number for a birth date, with the right check character. */
function idFor(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCardCheckChar(first17);
}
/** A Luhn-valid card number from a prefix. */
function cardFor(prefix: string, length: number): string {
  for (let d = 0; d < 10; d++) {
    const candidate = prefix.padEnd(length - 1, '3') + String(d);
    if (luhnValid(candidate)) return candidate;
  }
  throw new Error('unreachable');
}
const found = (text: string) =>
  detectPersonalData(text, { today: '2026-11-01' }).map((f) => [
    f.code,
    f.level,
    text.slice(f.offset, f.offset + f.length),
    f.suggestion,
  ]);

test('ISO 7064 MOD 11-2: the check characters of known numbers', () => {
  assert.equal(idCardCheckChar('11010519491231002'), 'X'); // the standard's own example
  assert.equal(classifyIdCardNumber('11010519491231002X'), 'valid');
  assert.equal(classifyIdCardNumber('11010519491231002x'), 'valid');
  assert.equal(classifyIdCardNumber('110105194912310021'), 'bad-check');
  assert.equal(classifyIdCardNumber('110105194902300021'), 'no'); // 30 February
  assert.equal(classifyIdCardNumber('990105194912310021'.replace(/^99/, '00')), 'no'); // region 00
  assert.equal(classifyIdCardNumber(idFor('320211', '20300101', '123'), '2026-11-01'), 'no'); // born in the future
  assert.equal(classifyIdCardNumber('320211850101123'), 'legacy');
  assert.equal(classifyIdCardNumber('320211851301123'), 'no');
});

test('身份证号 in text: error with the birth date masked; bad check digit and 15-digit ones are warnings', () => {
  const id = idFor('320211', '19900101', '123');
  assert.deepEqual(found(`申请人张某，身份证号${id}，住址略。`), [
    ['ID_CARD_NUMBER', 'error', id, `320211********${id.slice(14)}`],
  ]);
  const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
  assert.equal(found(`证件号码：${bad}`)[0]?.[1], 'warning');
  assert.deepEqual(found('老身份证320211850101123'), [
    ['ID_CARD_NUMBER', 'warning', '320211850101123', '320211******123'],
  ]);
  assert.deepEqual(found(`已遮盖：320211********${id.slice(14)}`), []);
});

test('any valid generated number is found wherever it sits in Chinese text', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('110105', '320211', '440300', '650102', '810000'),
      fc.integer({ min: 0, max: 36500 }),
      fc.integer({ min: 0, max: 999 }),
      fc.string({ unit: fc.constantFrom('的', '，', '公', '开', '。', ' ', '\n'), maxLength: 20 }),
      (region, days, seq, around) => {
        const birth = new Date(Date.UTC(1920, 0, 1) + days * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
        const id = idFor(region, birth, String(seq).padStart(3, '0'));
        const text = `${around}${id}${around}`;
        const f = detectPersonalData(text);
        assert.equal(f.length, 1, text);
        assert.equal(f[0]?.code, 'ID_CARD_NUMBER');
        assert.equal(f[0]?.offset, around.length);
      },
    ),
  );
});

test('mobile numbers with separators and +86; a work contact after 联系电话 is only a warning', () => {
  assert.deepEqual(found('请联系王先生13812345678。'), [['MOBILE_NUMBER', 'error', '13812345678', '138****5678']]);
  assert.deepEqual(found('手机 138-1234-5678、+86 139 1234 5678'), [
    ['MOBILE_NUMBER', 'error', '138-1234-5678', '138****5678'],
    ['MOBILE_NUMBER', 'error', '+86 139 1234 5678', '139****5678'],
  ]);
  assert.equal(found('咨询电话：13812345678')[0]?.[1], 'warning');
  assert.deepEqual(found('12345678901'), []); // 12x is not a mobile prefix
});

test('bank card numbers with Luhn, grouped or not; an account after 开户行/账号 is a warning', () => {
  const card = cardFor('622202', 19);
  assert.deepEqual(found(`退款至银行卡${card}`), [
    ['BANK_CARD_NUMBER', 'error', card, `${'*'.repeat(15)}${card.slice(-4)}`],
  ]);
  const grouped = cardFor('621700', 16).replace(/(\d{4})(?=\d)/g, '$1 ');
  assert.equal(found(`卡号 ${grouped} 。`)[0]?.[2], grouped);
  assert.equal(found(`开户行：中国银行无锡分行，账号：${card}`)[0]?.[1], 'warning');
  const notLuhn = card.slice(0, -1) + String((Number(card.slice(-1)) + 1) % 10);
  assert.deepEqual(found(`编号${notLuhn}`), []);
});

test('e-mail: .gov.cn is a public office address; other domains are a warning', () => {
  assert.deepEqual(found('来信请寄 xxgk@binhu.gov.cn。'), []);
  assert.deepEqual(found('或发送至 zhangsan1990@163.com.'), [
    ['PERSONAL_EMAIL', 'warning', 'zhangsan1990@163.com', undefined],
  ]);
  assert.equal(detectPersonalData('a'.repeat(200_000) + '@').length, 0);
});

test('no false positives on what government pages are full of', () => {
  const text = [
    '索引号：11320211014368026L/2025-00012，000014349/2018-00222，113202110143680265/2025-00001',
    '文号：锡滨政办发〔2025〕12号，国务院令第711号',
    '发布日期：2025-12-31，成文日期：2025年12月30日，20251230',
    '联系电话：0510-85123456，传真：0510-85123457，服务热线12345，400-820-8820',
    '预算金额 1,234,567.89 元，合计 12345678901234 元',
    '统一社会信用代码：91350100M000100Y43',
    '详见 http://www.binhu.gov.cn/art/2025/1/15/art_6220_4567890123456789.html',
    'https://www.example.com/download?id=622202123456789012',
    '附件：320211199001011234_材料.pdf',
  ].join('\n');
  assert.deepEqual(found(text), []);
});

test('any text: findings stay inside it, never overlap, and masks keep the length class', () => {
  const unit = fc.constantFrom('1', '3', '6', '8', '0', 'X', '-', ' ', '@', 'a', '.', '/', '号', '电话', '开户', '\n');
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 120 }), (text) => {
      const findings = detectPersonalData(text);
      let end = -1;
      for (const f of findings) {
        assert.ok(f.offset >= 0 && f.length > 0 && f.offset + f.length <= text.length);
        assert.ok(f.offset >= end, 'findings do not overlap');
        end = f.offset + f.length;
        if (f.suggestion !== undefined) assert.ok(f.suggestion.includes('*'));
      }
    }),
    { numRuns: 2000 },
  );
});
