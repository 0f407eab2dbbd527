/**
 * Random event sequences, sensible and not: replay never throws, refuses with a Chinese message, and whatever it
 * accepts keeps the clock's invariants.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { addWorkingDays } from '../calendar/add-working-days.ts';
import { countWorkingDays } from '../calendar/count-working-days.ts';
import { defaultCalendar } from '../calendar/default-calendar.ts';
import { addDays } from '../calendar/iso-date.ts';
import { ANSWER_KINDS } from './answer-types.ts';
import { APPLICANT_TYPES } from './applicant-type.ts';
import type { CaseEvent } from './case-event.ts';
import { periodDays } from './case-state.ts';
import { CHANNELS } from './channel.ts';
import { replay } from './replay.ts';

const calendar = defaultCalendar();

const eventArb = (date: string): fc.Arbitrary<CaseEvent> =>
  fc.oneof(
    fc.record({
      type: fc.constant('correctionRequested' as const),
      date: fc.constant(date),
      correctBy: fc.integer({ min: -2, max: 30 }).map((n) => addDays(date, n)),
    }),
    fc.constant({ type: 'corrected' as const, date }),
    fc.record({
      type: fc.constant('extended' as const),
      date: fc.constant(date),
      days: fc.integer({ min: -1, max: 25 }),
      approvedBy: fc.constantFrom('', '孙志强'),
      noticeDate: fc.integer({ min: -1, max: 5 }).map((n) => addDays(date, n)),
    }),
    fc.record({
      type: fc.constant('deferred' as const),
      date: fc.constant(date),
      until: fc.integer({ min: 0, max: 90 }).map((n) => addDays(date, n)),
    }),
    fc.record({
      type: fc.constant('consultationStarted' as const),
      date: fc.constant(date),
      kind: fc.constantFrom('thirdParty' as const, 'interAgency' as const),
    }),
    fc.record({
      type: fc.constant('consultationEnded' as const),
      date: fc.constant(date),
      kind: fc.constantFrom('thirdParty' as const, 'interAgency' as const),
    }),
    fc.record({
      type: fc.constant('feeNoticeSent' as const),
      date: fc.constant(date),
      amountYuan: fc.integer({ min: 0, max: 5000 }),
    }),
    fc.constant({ type: 'feePaid' as const, date }),
    fc.record({
      type: fc.constant('answered' as const),
      date: fc.constant(date),
      answer: fc.constantFrom(...ANSWER_KINDS),
    }),
    fc.constant({ type: 'withdrawn' as const, date }),
    fc.record({
      type: fc.constant('abandoned' as const),
      date: fc.constant(date),
      reason: fc.constantFrom('noCorrection' as const, 'feeUnpaid' as const),
    }),
    fc.record({
      type: fc.constant('appealFiled' as const),
      date: fc.constant(date),
      appealId: fc.constantFrom('a', 'b'),
      kind: fc.constantFrom('review' as const, 'suitDirect' as const, 'suitAfterReview' as const),
    }),
    fc.record({
      type: fc.constant('appealDecided' as const),
      date: fc.constant(date),
      appealId: fc.constantFrom('a', 'b'),
      result: fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const),
    }),
  );

const historyArb = fc
  .record({
    start: fc.integer({ min: 0, max: 2400 }).map((n) => addDays('2019-06-01', n)),
    channel: fc.constantFrom(...CHANNELS),
    applicantType: fc.constantFrom(...APPLICANT_TYPES),
    gaps: fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 10 }),
  })
  .chain(({ start, channel, applicantType, gaps }) => {
    let date = start;
    const dates = gaps.map((g) => (date = addDays(date, g)));
    return fc
      .tuple(...dates.map((d) => eventArb(d)))
      .map((rest): CaseEvent[] => [{ type: 'received', date: start, channel, applicantType }, ...rest]);
  });

it('replay never throws; refusals are Chinese; accepted histories keep the clock’s invariants', () => {
  let accepted = 0;
  fc.assert(
    fc.property(historyArb, (events) => {
      const r = replay(events, calendar);
      if (!r.ok) {
        assert.match(r.refusal.message, /[\u4e00-\u9fff]/);
        assert.ok(r.refusal.eventIndex >= 0 && r.refusal.eventIndex < events.length);
        return;
      }
      accepted++;
      const s = r.snapshot;
      assert.ok(s.timeline.length === events.length);
      assert.ok(s.timeline.every((t) => t.label.length > 0));
      if (s.outcome) assert.ok(s.outcome.date >= s.receivedOn);
      const due = s.clock.due;
      if (s.status === 'awaitingCorrection') assert.equal(due.kind, 'notRunning');
      if (due.kind !== 'due') return;
      assert.ok(due.date > s.periodStart);
      // Without a 第三十五条 date, used + remaining is the period, and the due date is the period-th counted day.
      if (due.deferredFrom === null && s.clock.usedDays !== null && s.clock.remainingDays !== null)
        assert.equal(s.clock.usedDays + s.clock.remainingDays, periodDays(s));
      if (s.pausedIntervals.length === 0 && due.deferredFrom === null) {
        const plain = addWorkingDays(calendar, s.periodStart, periodDays(s));
        assert.ok(plain.ok && plain.value.due === due.date);
      }
      // Pausing never makes the period shorter.
      const plain = countWorkingDays(calendar, s.periodStart, due.date);
      assert.ok(!plain.ok || plain.value >= periodDays(s));
    }),
    { numRuns: 400 },
  );
  assert.ok(accepted > 40, `only ${accepted} histories were accepted — the generator should reach deeper states`);
});
