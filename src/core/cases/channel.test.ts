import assert from 'node:assert/strict';
import { it } from 'node:test';
import { receiptDate } from './channel.ts';

it('date of receipt per channel (第三十一条)', () => {
  const arrivedOn = '2025-09-24';
  assert.deepEqual(receiptDate('inPerson', { arrivedOn }), {
    ok: true,
    receivedOn: arrivedOn,
    rule: '当面提交的，以提交之日为收到申请之日',
    warnings: [],
  });
  const post = receiptDate('post', { arrivedOn, signedOn: '2025-09-25' });
  assert.ok(post.ok && post.receivedOn === '2025-09-25');
  const noSign = receiptDate('post', { arrivedOn });
  assert.ok(!noSign.ok && noSign.field === 'signedOn');
  const letter = receiptDate('ordinaryLetter', { arrivedOn, confirmedOn: '2025-09-26' });
  assert.ok(letter.ok && letter.receivedOn === '2025-09-26');
  assert.match(letter.ok ? letter.warnings[0]! : '', /应当于收到当日确认/);
  const online = receiptDate('online', { arrivedOn, confirmedOn: arrivedOn });
  assert.ok(online.ok && online.warnings.length === 0);
  const fax = receiptDate('fax', { arrivedOn });
  assert.ok(!fax.ok && fax.message.startsWith('确认日期'));
  const before = receiptDate('online', { arrivedOn, confirmedOn: '2025-09-23' });
  assert.ok(!before.ok && /不得早于/.test(before.message));
});
