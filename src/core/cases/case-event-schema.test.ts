import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseCaseEvent } from './case-event-schema.ts';

it('parses every kind of stored event and names what is wrong in Chinese', () => {
  const good = [
    { type: 'received', date: '2025-09-25', channel: 'online', applicantType: 'natural' },
    { type: 'extended', date: '2025-10-27', days: 20, approvedBy: '孙志强', noticeDate: '2025-10-27' },
    { type: 'consultationStarted', date: '2025-10-13', kind: 'thirdParty' },
    { type: 'answered', date: '2025-10-20', answer: 'partiallyDisclosed' },
    { type: 'appealDecided', date: '2026-01-05', appealId: 'x', result: 'upheld' },
  ];
  for (const e of good) assert.deepEqual(parseCaseEvent(e), { ok: true, event: e });
  const bad = parseCaseEvent({ type: 'received', date: '25-9-25', channel: 'pigeon', applicantType: 'natural' });
  assert.ok(!bad.ok);
  assert.match(bad.message, /date：日期须为 YYYY-MM-DD/);
  assert.match(bad.message, /channel：请选择申请方式/);
  const unknown = parseCaseEvent({ type: 'teleported', date: '2025-09-25' });
  assert.ok(!unknown.ok && /未知的办理事件类型/.test(unknown.message));
  assert.equal(parseCaseEvent({ type: 'answered', date: '2025-10-20', answer: 'withdrawn' }).ok, false);
});
