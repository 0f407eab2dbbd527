/**
 * The case state machine on dates counted by hand (2025 notice: 国庆+中秋 10-01…10-08 off, Sun 9-28 and Sat 10-11
 * worked). The 20 working days from 2025-09-25 are 9-26, 9-28, 9-29, 9-30, 10-09, 10-10, 10-11, 10-13…17,
 * 10-20…24, 10-27, 10-28, 10-29 (see calendar/hand-counted-deadlines.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCalendar } from '../calendar/default-calendar.ts';
import type { CaseEvent } from './case-event.ts';
import { replay, replayOrThrow, appendEvent, type CaseSnapshot } from './replay.ts';

const calendar = defaultCalendar();
const received: CaseEvent = { type: 'received', date: '2025-09-25', channel: 'online', applicantType: 'natural' };

function due(s: CaseSnapshot) {
  assert.equal(s.clock.due.kind, 'due');
  return s.clock.due.kind === 'due' ? s.clock.due : assert.fail();
}
function refusal(events: CaseEvent[], today?: string) {
  const r = replay(events, calendar, today ? { today } : {});
  assert.equal(r.ok, false, 'expected a refusal');
  return r.ok ? assert.fail() : r.refusal;
}

describe('the clock', () => {
  it('answered in time: due 10-29; on 10-20 13 working days were used and 7 remain', () => {
    const s = replayOrThrow([received, { type: 'answered', date: '2025-10-20', answer: 'disclosed' }], calendar);
    assert.equal(s.status, 'answered');
    assert.equal(due(s).date, '2025-10-29');
    assert.equal(s.clock.usedDays, 13);
    assert.equal(s.clock.remainingDays, 7);
    assert.deepEqual(s.outcome, { kind: 'disclosed', row: 'granted', date: '2025-10-20' });
    assert.deepEqual(s.warnings, []);
  });

  it('an open case counts to the day asked: on 10-10 six days used, fourteen left', () => {
    const s = replayOrThrow([received], calendar, { asOf: '2025-10-10' });
    assert.equal(s.clock.usedDays, 6);
    assert.equal(s.clock.remainingDays, 14);
    assert.ok(due(s).explanation.some((d) => d.date === '2025-09-28' && d.counted && d.label === '调休上班（国庆节）'));
  });

  it('补正 stops the clock and the period runs anew from the correction: corrected 10-15 → due 11-12', () => {
    const events: CaseEvent[] = [
      received,
      { type: 'correctionRequested', date: '2025-09-30', correctBy: '2025-10-20' },
    ];
    const waiting = replayOrThrow(events, calendar, { asOf: '2025-10-14' });
    assert.equal(waiting.status, 'awaitingCorrection');
    assert.equal(waiting.clock.due.kind, 'notRunning');
    assert.equal(waiting.clock.usedDays, null);
    // From 10-15 (Wed): 10-16 (1), 10-17 (2), 10-20…24 (3–7), 10-27…31 (8–12), 11-03…07 (13–17), 11-10…12 (18–20).
    const s = replayOrThrow([...events, { type: 'corrected', date: '2025-10-15' }], calendar);
    assert.equal(s.periodStart, '2025-10-15');
    assert.equal(s.receivedOn, '2025-09-25', 'table 3 still counts the original receipt');
    assert.equal(due(s).date, '2025-11-12');
  });

  it('a 补正 notice after 7 working days is recorded with a warning (limit 10-11, the make-up Saturday)', () => {
    const onTime = replayOrThrow(
      [received, { type: 'correctionRequested', date: '2025-10-11', correctBy: '2025-10-24' }],
      calendar,
    );
    assert.deepEqual(onTime.warnings, []);
    const late = replayOrThrow(
      [received, { type: 'correctionRequested', date: '2025-10-13', correctBy: '2025-10-24' }],
      calendar,
    );
    assert.equal(late.warnings.length, 1);
    assert.equal(late.warnings[0]!.code, 'CORRECTION_NOTICE_LATE');
    assert.match(late.warnings[0]!.message, /应于2025-10-11前告知/);
  });

  it('extension by 20 working days with the head’s approval: due 11-26', () => {
    // After 10-29 (20th): 10-30 (21), 10-31 (22), 11-03…07 (23–27), 11-10…14 (28–32), 11-17…21 (33–37),
    // 11-24 (38), 11-25 (39), 11-26 (40).
    const ext: CaseEvent = {
      type: 'extended',
      date: '2025-10-27',
      days: 20,
      approvedBy: '孙志强',
      noticeDate: '2025-10-27',
    };
    const s = replayOrThrow([received, ext], calendar);
    assert.equal(due(s).date, '2025-11-26');
    assert.equal(due(s).days, 40);
    const twice = refusal([received, ext, { ...ext, days: 1 }]);
    assert.equal(twice.code, 'EXTENSION_TWICE');
    assert.match(twice.message, /只能延长一次/);
    assert.equal(refusal([received, { ...ext, days: 21 }]).code, 'EXTENSION_TOO_LONG');
    assert.equal(refusal([received, { ...ext, days: 21 }]).field, 'days');
    assert.equal(refusal([received, { ...ext, approvedBy: ' ' }]).code, 'EXTENSION_NOT_APPROVED');
    const late = refusal([received, { ...ext, date: '2025-10-30', noticeDate: '2025-10-30' }]);
    assert.equal(late.code, 'AFTER_DUE');
    assert.match(late.message, /2025-10-29届满/);
    const lateNotice = replayOrThrow([received, { ...ext, date: '2025-10-29', noticeDate: '2025-10-31' }], calendar);
    assert.equal(lateNotice.warnings[0]?.code, 'EXTENSION_NOTICE_LATE');
  });

  it('a third-party consultation pauses the clock from sending to reply, both days included: due 11-06', () => {
    // Before 10-13: seven counted days (through 10-11). Paused 10-13…10-20 (six working days). Then 10-21 (8) …
    // 10-24 (11), 10-27…31 (12–16), 11-03…06 (17–20).
    const started: CaseEvent = {
      type: 'consultationStarted',
      date: '2025-10-13',
      kind: 'thirdParty',
      deliveredOn: '2025-10-14',
    };
    const s = replayOrThrow(
      [received, started, { type: 'consultationEnded', date: '2025-10-20', kind: 'thirdParty' }],
      calendar,
    );
    assert.equal(s.status, 'inProgress');
    assert.equal(due(s).date, '2025-11-06');
    assert.equal(due(s).provisional, false);
    assert.deepEqual(
      s.pausedIntervals.map((p) => [p.from, p.to]),
      [['2025-10-13', '2025-10-20']],
    );
    assert.match(due(s).explanation.find((d) => d.date === '2025-10-15')!.label, /征求第三方意见/);
  });

  it('while paused the due date is provisional, assuming the 15-day limit (11-04) is used up: 11-21', () => {
    // Third party's 15 working days from delivery 10-14: 10-15…17 (1–3), 10-20…24 (4–8), 10-27…31 (9–13),
    // 11-03 (14), 11-04 (15). Counting resumes 11-05 (8) … 11-07 (10), 11-10…14 (11–15), 11-17…21 (16–20).
    const started: CaseEvent = {
      type: 'consultationStarted',
      date: '2025-10-13',
      kind: 'thirdParty',
      deliveredOn: '2025-10-14',
    };
    const s = replayOrThrow([received, started], calendar, { asOf: '2025-10-16' });
    assert.equal(s.status, 'paused');
    assert.equal(s.pauses[0]!.limit, '2025-11-04');
    assert.equal(due(s).date, '2025-11-21');
    assert.equal(due(s).provisional, true);
    assert.equal(s.clock.usedDays, 7, 'the paused days are not used');
    const answer = refusal([received, started, { type: 'answered', date: '2025-10-16', answer: 'disclosed' }]);
    assert.equal(answer.code, 'ANSWER_WHILE_PAUSED');
    // A reply after the limit stops the clock only up to the limit.
    const late = replayOrThrow(
      [received, started, { type: 'consultationEnded', date: '2025-11-10', kind: 'thirdParty' }],
      calendar,
    );
    assert.equal(due(late).date, '2025-11-21');
    assert.equal(late.warnings[0]?.code, 'CONSULTATION_ENDED_LATE');
    assert.equal(refusal([received, started, started]).code, 'PAUSE_OPEN');
    assert.equal(
      refusal([received, { type: 'consultationEnded', date: '2025-10-13', kind: 'interAgency' }]).code,
      'NO_PAUSE_OPEN',
    );
  });

  it('inter-agency and third-party consultations may overlap; the clock stops while either is open', () => {
    const s = replayOrThrow(
      [
        received,
        { type: 'consultationStarted', date: '2025-10-13', kind: 'thirdParty' },
        { type: 'consultationStarted', date: '2025-10-15', kind: 'interAgency' },
        { type: 'consultationEnded', date: '2025-10-17', kind: 'thirdParty' },
        { type: 'consultationEnded', date: '2025-10-20', kind: 'interAgency' },
      ],
      calendar,
    );
    assert.equal(due(s).date, '2025-11-06', 'the union 10-13…10-20 is paused, as in the single consultation');
  });

  it('the wait for the fee pauses the clock; unpaid after 20 working days → abandoned (row 其他处理 2)', () => {
    // Notice sent 10-09, delivered 10-10. Payment limit: 10-11 (1), 10-13…17 (2–6), 10-20…24 (7–11), 10-27…31
    // (12–16), 11-03…06 (17–20) → 11-06.
    const notice: CaseEvent = {
      type: 'feeNoticeSent',
      date: '2025-10-09',
      amountYuan: 4700,
      deliveredOn: '2025-10-10',
    };
    const waiting = replayOrThrow([received, notice], calendar);
    assert.equal(waiting.pauses[0]!.limit, '2025-11-06');
    const early = refusal([received, notice, { type: 'abandoned', date: '2025-11-06', reason: 'feeUnpaid' }]);
    assert.equal(early.code, 'FEE_NOT_EXPIRED');
    const s = replayOrThrow(
      [received, notice, { type: 'abandoned', date: '2025-11-07', reason: 'feeUnpaid' }],
      calendar,
    );
    assert.deepEqual(s.outcome, { kind: 'abandonedFeeUnpaid', row: 'other2', date: '2025-11-07' });
    // Paid 10-20: paused 10-09…10-20; counted 9-26, 9-28, 9-29, 9-30 (4), then 10-21 (5) … 11-11 (20).
    const paid = replayOrThrow([received, notice, { type: 'feePaid', date: '2025-10-20' }], calendar);
    assert.equal(due(paid).date, '2025-11-11');
    assert.equal(refusal([received, notice, { ...notice, date: '2025-10-21' }]).code, 'FEE_TWICE');
    assert.equal(refusal([received, { ...notice, amountYuan: 0 }]).field, 'amountYuan');
  });

  it('no 补正 in time → abandoned (row 其他处理 1), only after the deadline; a deadline on a Sunday ends Monday', () => {
    const ask = (correctBy: string): CaseEvent => ({ type: 'correctionRequested', date: '2025-09-30', correctBy });
    const quit = (date: string): CaseEvent => ({ type: 'abandoned', date, reason: 'noCorrection' });
    assert.equal(refusal([received, ask('2025-10-11'), quit('2025-10-11')]).code, 'CORRECTION_NOT_EXPIRED');
    assert.equal(replayOrThrow([received, ask('2025-10-11'), quit('2025-10-13')], calendar).outcome?.row, 'other1');
    assert.equal(refusal([received, ask('2025-10-12'), quit('2025-10-13')]).code, 'CORRECTION_NOT_EXPIRED');
    assert.equal(replayOrThrow([received, ask('2025-10-12'), quit('2025-10-14')], calendar).status, 'abandoned');
    assert.equal(refusal([received, quit('2025-10-14')]).code, 'NO_CORRECTION_PENDING');
  });

  it('第三十五条: a later reasonable date replaces the due date, once, and only a later one', () => {
    const s = replayOrThrow([received, { type: 'deferred', date: '2025-10-20', until: '2025-12-15' }], calendar);
    assert.equal(due(s).date, '2025-12-15');
    assert.equal(due(s).deferredFrom, '2025-10-29');
    assert.equal(refusal([received, { type: 'deferred', date: '2025-10-20', until: '2025-10-29' }]).field, 'until');
  });

  it('an answer after the due date is recorded as late', () => {
    const s = replayOrThrow([received, { type: 'answered', date: '2025-10-31', answer: 'notHeld' }], calendar);
    assert.equal(s.warnings[0]?.code, 'ANSWER_LATE');
    assert.match(s.warnings[0]!.message, /逾期2个工作日/);
    assert.equal(s.outcome?.row, 'unable1');
  });
});

describe('refusals', () => {
  it('order, closure and duplicates', () => {
    assert.equal(refusal([{ type: 'answered', date: '2025-10-01', answer: 'disclosed' }]).code, 'NOT_RECEIVED');
    assert.equal(refusal([received, received]).code, 'ALREADY_RECEIVED');
    const past = refusal([received, { type: 'answered', date: '2025-09-24', answer: 'disclosed' }]);
    assert.equal(past.code, 'OUT_OF_ORDER');
    assert.equal(past.eventIndex, 1);
    const answered: CaseEvent = { type: 'answered', date: '2025-10-09', answer: 'disclosed' };
    const closed = refusal([received, answered, { type: 'withdrawn', date: '2025-10-10' }]);
    assert.equal(closed.code, 'CLOSED');
    assert.match(closed.message, /已于2025-10-09办结（已答复）/);
    assert.equal(refusal([received, answered], '2025-10-08').code, 'FUTURE_DATE');
    assert.equal(refusal([{ ...received, date: '2025-02-30' }]).code, 'INVALID_FIELD');
    assert.equal(refusal([{ ...received, applicantType: 'company' as never }]).field, 'applicantType');
  });

  it('补正 once; an answer while awaiting it; 仍不明确 only after a correction', () => {
    const ask: CaseEvent = { type: 'correctionRequested', date: '2025-09-30', correctBy: '2025-10-20' };
    const fixed: CaseEvent = { type: 'corrected', date: '2025-10-10' };
    assert.equal(refusal([received, ask, fixed, { ...ask, date: '2025-10-13' }]).code, 'CORRECTION_TWICE');
    assert.equal(
      refusal([received, ask, { type: 'answered', date: '2025-10-09', answer: 'disclosed' }]).code,
      'ANSWER_WHILE_AWAITING_CORRECTION',
    );
    assert.equal(
      refusal([received, { type: 'answered', date: '2025-10-09', answer: 'stillUnclear' }]).code,
      'UNCLEAR_WITHOUT_CORRECTION',
    );
    const s = replayOrThrow(
      [received, ask, fixed, { type: 'answered', date: '2025-10-20', answer: 'stillUnclear' }],
      calendar,
    );
    assert.equal(s.outcome?.row, 'unable3');
    assert.equal(refusal([received, { type: 'corrected', date: '2025-10-10' }]).code, 'NO_CORRECTION_PENDING');
    assert.equal(refusal([received, { ...ask, correctBy: '2025-09-30' }]).field, 'correctBy');
  });

  it('appendEvent gives the refusal for the new event only', () => {
    const r = appendEvent(
      [received],
      { type: 'extended', date: '2025-10-01', days: 25, approvedBy: '孙', noticeDate: '2025-10-01' },
      calendar,
    );
    assert.ok(!r.ok);
    assert.equal(r.refusal.eventIndex, 1);
  });
});

describe('appeals and the legal basis of every event', () => {
  it('复议 and 诉讼 are recorded after the case closed; results once; 复议后起诉 without 复议 warns', () => {
    const s = replayOrThrow(
      [
        received,
        { type: 'answered', date: '2025-10-20', answer: 'stateSecret' },
        { type: 'appealFiled', date: '2025-11-10', appealId: '滨复〔2025〕12号', kind: 'review' },
        { type: 'appealDecided', date: '2026-01-05', appealId: '滨复〔2025〕12号', result: 'upheld' },
        { type: 'appealFiled', date: '2026-01-20', appealId: '（2026）苏0211行初3号', kind: 'suitAfterReview' },
      ],
      calendar,
    );
    assert.deepEqual(
      s.appeals.map((a) => [a.kind, a.result]),
      [
        ['review', 'upheld'],
        ['suitAfterReview', null],
      ],
    );
    assert.deepEqual(s.warnings, []);
    const alone = replayOrThrow(
      [received, { type: 'appealFiled', date: '2025-11-10', appealId: 'x', kind: 'suitAfterReview' }],
      calendar,
    );
    assert.equal(alone.warnings[0]?.code, 'SUIT_WITHOUT_REVIEW');
    const filed: CaseEvent = { type: 'appealFiled', date: '2025-11-10', appealId: 'a', kind: 'review' };
    const decided: CaseEvent = { type: 'appealDecided', date: '2025-12-10', appealId: 'a', result: 'corrected' };
    assert.equal(refusal([received, filed, filed]).code, 'APPEAL_DUPLICATE');
    assert.equal(refusal([received, decided]).code, 'APPEAL_UNKNOWN');
    assert.equal(refusal([received, filed, decided, decided]).code, 'APPEAL_DECIDED');
    assert.equal(refusal([received, filed, { ...decided, date: '2025-11-01' }]).code, 'OUT_OF_ORDER');
  });

  it('each timeline entry carries the articles behind it, with their text', () => {
    const s = replayOrThrow(
      [
        received,
        { type: 'extended', date: '2025-10-27', days: 5, approvedBy: '孙志强', noticeDate: '2025-10-27' },
        { type: 'answered', date: '2025-10-30', answer: 'stateSecret' },
      ],
      calendar,
    );
    const cited = s.timeline.map((t) =>
      t.basis.map((b) => b.citation.replace('《中华人民共和国政府信息公开条例》', '')),
    );
    assert.deepEqual(cited, [
      ['第二十九条', '第三十一条', '第三十三条'],
      ['第三十三条'],
      ['第十四条', '第三十六条第（三）项'],
    ]);
    assert.match(s.timeline[1]!.basis[0]!.text, /延长的期限最长不得超过20个工作日/);
    assert.equal(s.timeline[2]!.label, '作出答复：不予公开：属于国家秘密');
  });
});

describe('past the calendar’s data', () => {
  it('the due date names the missing year; recording still works, with a warning', () => {
    const late: CaseEvent = { type: 'received', date: '2026-12-10', channel: 'inPerson', applicantType: 'legal' };
    const s = replayOrThrow([late], calendar);
    assert.equal(s.clock.due.kind, 'missingYear');
    assert.match(s.clock.due.kind === 'missingYear' ? s.clock.due.message : '', /缺少2027年节假日安排/);
    const answered = replayOrThrow([late, { type: 'answered', date: '2026-12-20', answer: 'disclosed' }], calendar);
    assert.equal(answered.warnings[0]?.code, 'CALENDAR_MISSING_YEAR');
    const extended = replayOrThrow(
      [late, { type: 'extended', date: '2026-12-20', days: 10, approvedBy: '孙', noticeDate: '2026-12-20' }],
      calendar,
    );
    assert.equal(extended.extension?.days, 10);
  });
});
