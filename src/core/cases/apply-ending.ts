/** 答复 (第三十六–三十九条), 撤回, 视为放弃 (第三十条; 109号). */
import { countWorkingDays } from '../calendar/count-working-days.ts';
import { dueBefore, refuse, warn, type Step } from './apply-context.ts';
import { correctionDeadline } from './apply-intake.ts';
import { isAnswerKind, OUTCOME_TYPES, type OutcomeKind } from './answer-types.ts';
import type { CaseEvent } from './case-event.ts';
import type { Refusal } from './case-refusal.ts';
import { openPauses } from './case-state.ts';

function close(step: Step, kind: OutcomeKind, date: string, status: 'answered' | 'withdrawn' | 'abandoned'): void {
  const { state } = step;
  // A pause still open when the case ends (an unpaid fee, a consultation on a withdrawn request) ends with it.
  for (const pause of openPauses(state)) pause.endedOn = date;
  state.outcome = { kind, row: OUTCOME_TYPES[kind].row, date };
  state.status = status;
}

export function answer(step: Step, event: CaseEvent & { type: 'answered' }): Refusal | undefined {
  const { state } = step;
  if (typeof event.answer !== 'string' || !isAnswerKind(event.answer))
    return refuse(step, 'INVALID_FIELD', '答复类型：不是可选的答复类型', 'answer');
  if (state.status === 'awaitingCorrection')
    return refuse(
      step,
      'ANSWER_WHILE_AWAITING_CORRECTION',
      '申请处于待补正状态：请先登记收到补正，或在补正期限届满后视为放弃',
    );
  if (state.status === 'paused') {
    const what = openPauses(state).map((p) => (p.kind === 'fee' ? '等待缴费' : '征求意见'));
    return refuse(
      step,
      'ANSWER_WHILE_PAUSED',
      `${[...new Set(what)].join('、')}期间不能作出答复：请先登记征求意见结束或缴费`,
    );
  }
  if (event.answer === 'stillUnclear' && !state.correction?.correctedOn)
    return refuse(
      step,
      'UNCLEAR_WITHOUT_CORRECTION',
      '“补正后申请内容仍不明确”须先告知补正并收到补正（第三十条）；申请不明确的，应当先告知补正',
      'answer',
    );
  const due = dueBefore(step);
  if (due !== null && event.date > due) {
    const late = countWorkingDays(step.calendar, due, event.date);
    warn(
      step,
      'ANSWER_LATE',
      `逾期答复：答复期限为${due}，答复日期为${event.date}${late.ok ? `（逾期${late.value}个工作日）` : ''}`,
    );
  }
  close(step, event.answer, event.date, 'answered');
  return undefined;
}

export function withdraw(step: Step, event: CaseEvent & { type: 'withdrawn' }): Refusal | undefined {
  close(step, 'withdrawn', event.date, 'withdrawn');
  return undefined;
}

export function abandon(step: Step, event: CaseEvent & { type: 'abandoned' }): Refusal | undefined {
  const { state } = step;
  if (event.reason === 'noCorrection') {
    if (state.status !== 'awaitingCorrection' || !state.correction)
      return refuse(step, 'NO_CORRECTION_PENDING', '本申请没有待补正的告知，不能以逾期不补正视为放弃', 'reason');
    const deadline = correctionDeadline(step.calendar, state.correction.correctBy);
    if (event.date <= deadline)
      return refuse(step, 'CORRECTION_NOT_EXPIRED', `补正期限（${deadline}）尚未届满，不能视为放弃申请（第三十条）`);
    close(step, 'abandonedNoCorrection', event.date, 'abandoned');
    return undefined;
  }
  if (event.reason === 'feeUnpaid') {
    const pause = openPauses(state).find((p) => p.kind === 'fee');
    if (!pause) return refuse(step, 'NO_PAUSE_OPEN', '本申请没有待缴费的收费通知，不能以逾期未缴费视为放弃', 'reason');
    if (pause.limit === null)
      return refuse(step, 'CALENDAR_MISSING_YEAR', `${pause.limitGap?.message ?? ''}（无法确定缴费期限是否届满）`);
    if (event.date <= pause.limit)
      return refuse(
        step,
        'FEE_NOT_EXPIRED',
        `缴费期限（${pause.limit}）尚未届满，不能视为放弃申请（国办函〔2020〕109号）`,
      );
    close(step, 'abandonedFeeUnpaid', event.date, 'abandoned');
    return undefined;
  }
  return refuse(step, 'INVALID_FIELD', '放弃原因：须为逾期不补正或逾期未缴费', 'reason');
}
