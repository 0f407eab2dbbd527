/** 收到申请 (第三十一条), 补正告知 and 收到补正 (第三十条). */
import { addWorkingDays } from '../calendar/add-working-days.ts';
import type { IsoDate } from '../calendar/iso-date.ts';
import { nextWorkingDayOnOrAfter } from '../calendar/is-working-day.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { badDate, refuse, warn, type Step } from './apply-context.ts';
import { isApplicantType } from './applicant-type.ts';
import type { CaseEvent } from './case-event.ts';
import type { Refusal } from './case-refusal.ts';
import { CORRECTION_NOTICE_DAYS, type CaseState } from './case-state.ts';
import { CHANNELS } from './channel.ts';

export function startCase(event: CaseEvent & { type: 'received' }, index: number): CaseState | Refusal {
  const step = { index };
  const bad = badDate(step, event.date, 'date', '收到申请日期');
  if (bad) return bad;
  if (!(CHANNELS as readonly string[]).includes(event.channel))
    return refuse(step, 'INVALID_FIELD', '申请方式：须为当面提交、邮寄、平常信函、传真或网络', 'channel');
  if (!isApplicantType(event.applicantType))
    return refuse(step, 'INVALID_FIELD', '申请人类型：须为自然人或法人或其他组织中的一类', 'applicantType');
  return {
    status: 'inProgress',
    receivedOn: event.date,
    channel: event.channel,
    applicantType: event.applicantType,
    periodStart: event.date,
    correction: null,
    extension: null,
    deferredUntil: null,
    pauses: [],
    outcome: null,
    appeals: [],
    warnings: [],
    timeline: [],
    lastDate: event.date,
  };
}

export function requestCorrection(step: Step, event: CaseEvent & { type: 'correctionRequested' }): Refusal | undefined {
  const { state } = step;
  if (state.correction)
    return refuse(
      step,
      'CORRECTION_TWICE',
      `补正应当一次性告知（第三十条），本申请已于${state.correction.requestedOn}告知补正`,
    );
  if (state.status !== 'inProgress')
    return refuse(step, 'NOT_IN_PROGRESS', '征求意见或等待缴费期间不能告知补正；补正应在收到申请后先行告知');
  if (state.extension) return refuse(step, 'NOT_IN_PROGRESS', '已延长答复期限的申请不能再告知补正');
  const bad = badDate(step, event.correctBy, 'correctBy', '补正期限');
  if (bad) return bad;
  if (event.correctBy <= event.date)
    return refuse(step, 'INVALID_FIELD', '补正期限：须晚于告知补正的日期', 'correctBy');
  // 第三十条: within 7 working days of receipt. A late notice is a breach to show, not a fact to refuse: the
  // record must say what happened.
  const limit = addWorkingDays(step.calendar, state.receivedOn, CORRECTION_NOTICE_DAYS);
  if (!limit.ok) warn(step, 'CALENDAR_MISSING_YEAR', `${limit.message}（未能核对补正告知是否逾期）`);
  else if (event.date > limit.value.due)
    warn(
      step,
      'CORRECTION_NOTICE_LATE',
      `补正告知日期${event.date}超过收到申请之日起7个工作日（应于${limit.value.due}前告知，第三十条）`,
    );
  state.correction = { requestedOn: event.date, correctBy: event.correctBy, correctedOn: null };
  state.status = 'awaitingCorrection';
  return undefined;
}

/** The 补正 deadline as it really ends: a deadline on a day off ends on the next working day. */
export function correctionDeadline(calendar: WorkingCalendar, correctBy: IsoDate): IsoDate {
  const next = nextWorkingDayOnOrAfter(calendar, correctBy);
  return next.ok ? next.value : correctBy;
}

export function receiveCorrection(step: Step, event: CaseEvent & { type: 'corrected' }): Refusal | undefined {
  const { state } = step;
  if (state.status !== 'awaitingCorrection' || !state.correction)
    return refuse(step, 'NO_CORRECTION_PENDING', '本申请没有待补正的告知，不能登记收到补正');
  const deadline = correctionDeadline(step.calendar, state.correction.correctBy);
  if (event.date > deadline)
    warn(step, 'CORRECTION_RECEIVED_LATE', `补正期限为${deadline}，${event.date}才收到补正（逾期补正，已接受）`);
  state.correction.correctedOn = event.date;
  // 第三十条: the answer period runs from the receipt of the corrected application.
  state.periodStart = event.date;
  state.status = 'inProgress';
  return undefined;
}
