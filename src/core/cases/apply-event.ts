/**
 * One step of the state machine: the state after `event`, or the refusal. Checks common to every event (order,
 * dates, closed cases) are here; each kind of event has its handler. Refusals are for what cannot be true or
 * has no legal effect (a second 补正 notice, an extension beyond 20 days or after the period ended, an answer while
 * the clock is stopped); breaches that did happen (a late 补正 notice, a late answer) are recorded with a warning,
 * because the record must say what happened (docs/cases.md lists both).
 */
import type { IsoDate } from '../calendar/iso-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { fileAppeal, decideAppeal } from './apply-appeal.ts';
import { badDate, refuse, type Step } from './apply-context.ts';
import { abandon, answer, withdraw } from './apply-ending.ts';
import { receiveCorrection, requestCorrection, startCase } from './apply-intake.ts';
import { endConsultation, payFee, sendFeeNotice, startConsultation } from './apply-pause.ts';
import { defer, extend } from './apply-period.ts';
import { OUTCOME_TYPES } from './answer-types.ts';
import { EVENT_LABELS, eventBasisIds, type CaseEvent } from './case-event.ts';
import type { Refusal } from './case-refusal.ts';
import { CASE_STATUS_LABELS, isClosed, type CaseState } from './case-state.ts';
import { legalBases } from './legal-basis.ts';

export type ApplyResult = { ok: true; state: CaseState } | { ok: false; refusal: Refusal };

const isAppeal = (event: CaseEvent) => event.type === 'appealFiled' || event.type === 'appealDecided';

function timelineEntry(event: CaseEvent, index: number): CaseState['timeline'][number] {
  const basis = event.type === 'answered' ? OUTCOME_TYPES[event.answer].basis : eventBasisIds(event);
  const label =
    event.type === 'answered'
      ? `${EVENT_LABELS.answered}：${OUTCOME_TYPES[event.answer].label}`
      : EVENT_LABELS[event.type];
  return { eventIndex: index, event, label, basis: legalBases(basis) };
}

export function applyEvent(
  state: CaseState | null,
  event: CaseEvent,
  index: number,
  calendar: WorkingCalendar,
  today?: IsoDate,
): ApplyResult {
  const fail = (refusal: Refusal): ApplyResult => ({ ok: false, refusal });
  const at = { index };
  const label = EVENT_LABELS[event.type] ?? '未知事件';
  if (!(event.type in EVENT_LABELS))
    return fail(refuse(at, 'INVALID_FIELD', `未知的事件类型“${String(event.type)}”`, 'type'));
  const bad = badDate(at, event.date, 'date', `${label}日期`);
  if (bad) return fail(bad);
  if (today !== undefined && event.date > today)
    return fail(refuse(at, 'FUTURE_DATE', `${label}日期${event.date}晚于今天（${today}），不能预先登记`, 'date'));

  if (state === null) {
    if (event.type !== 'received') return fail(refuse(at, 'NOT_RECEIVED', `尚未登记收到申请，不能登记“${label}”`));
    const started = startCase(event, index);
    if ('code' in started) return fail(started);
    started.timeline.push(timelineEntry(event, index));
    return { ok: true, state: started };
  }
  if (event.type === 'received') return fail(refuse(at, 'ALREADY_RECEIVED', `本申请已于${state.receivedOn}登记收到`));
  if (!isAppeal(event) && event.date < state.lastDate)
    return fail(refuse(at, 'OUT_OF_ORDER', `${label}日期${event.date}早于上一办理环节的日期${state.lastDate}`, 'date'));
  if (!isAppeal(event) && isClosed(state))
    return fail(
      refuse(
        at,
        'CLOSED',
        `本申请已于${state.outcome?.date}办结（${CASE_STATUS_LABELS[state.status]}），不能再登记“${label}”`,
      ),
    );

  const step: Step = { state: copyState(state), index, calendar };
  const problem = handle(step, event);
  if (problem) return fail(problem);
  if (!isAppeal(event)) step.state.lastDate = event.date;
  step.state.timeline.push(timelineEntry(event, index));
  return { ok: true, state: step.state };
}

/** A copy the handlers may change: the parts they change are copied, timeline entries are never changed. */
function copyState(state: CaseState): CaseState {
  return {
    ...state,
    correction: state.correction && { ...state.correction },
    extension: state.extension && { ...state.extension },
    pauses: state.pauses.map((p) => ({ ...p })),
    outcome: state.outcome && { ...state.outcome },
    appeals: state.appeals.map((a) => ({ ...a })),
    warnings: [...state.warnings],
    timeline: [...state.timeline],
  };
}

function handle(step: Step, event: Exclude<CaseEvent, { type: 'received' }>): Refusal | undefined {
  switch (event.type) {
    case 'correctionRequested':
      return requestCorrection(step, event);
    case 'corrected':
      return receiveCorrection(step, event);
    case 'extended':
      return extend(step, event);
    case 'deferred':
      return defer(step, event);
    case 'consultationStarted':
      return startConsultation(step, event);
    case 'consultationEnded':
      return endConsultation(step, event);
    case 'feeNoticeSent':
      return sendFeeNotice(step, event);
    case 'feePaid':
      return payFee(step, event);
    case 'answered':
      return answer(step, event);
    case 'withdrawn':
      return withdraw(step, event);
    case 'abandoned':
      return abandon(step, event);
    case 'appealFiled':
      return fileAppeal(step, event);
    case 'appealDecided':
      return decideAppeal(step, event);
  }
}
