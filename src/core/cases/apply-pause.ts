/** 征求意见 (第三十二条、第三十四条) and the wait for the fee (109号): the clock stops. */
import { addWorkingDays } from '../calendar/add-working-days.ts';
import { badDate, dueBefore, refuse, warn, type Step } from './apply-context.ts';
import { CONSULTATION_LABELS, type CaseEvent } from './case-event.ts';
import type { Refusal } from './case-refusal.ts';
import { CONSULTATION_DAYS, FEE_PAYMENT_DAYS, openPauses, type PauseKind } from './case-state.ts';

function openPause(step: Step, kind: PauseKind, from: string, deliveredOn: string, days: number): void {
  const limit = addWorkingDays(step.calendar, deliveredOn, days);
  if (!limit.ok)
    warn(step, 'CALENDAR_MISSING_YEAR', `${limit.message}（未能计算${kind === 'fee' ? '缴费' : '征求意见'}期限）`);
  step.state.pauses.push({
    kind,
    from,
    limit: limit.ok ? limit.value.due : null,
    limitGap: limit.ok ? null : limit,
    endedOn: null,
  });
  step.state.status = 'paused';
}

function canPause(step: Step, event: { date: string; deliveredOn?: string | undefined }): Refusal | undefined {
  if (step.state.status === 'awaitingCorrection')
    return refuse(step, 'NOT_IN_PROGRESS', '待补正期间答复期限尚未起算，请先登记收到补正');
  if (event.deliveredOn !== undefined) {
    const bad = badDate(step, event.deliveredOn, 'deliveredOn', '送达日期');
    if (bad) return bad;
    if (event.deliveredOn < event.date)
      return refuse(step, 'INVALID_FIELD', '送达日期：不得早于发出日期', 'deliveredOn');
  }
  const due = dueBefore(step);
  if (due !== null && event.date > due)
    warn(step, 'PAUSE_AFTER_DUE', `答复期限已于${due}届满，此后暂停计时不能延后答复期限`);
  return undefined;
}

function resume(step: Step): void {
  step.state.status = openPauses(step.state).length > 0 ? 'paused' : 'inProgress';
}

export function startConsultation(step: Step, event: CaseEvent & { type: 'consultationStarted' }): Refusal | undefined {
  if (event.kind !== 'thirdParty' && event.kind !== 'interAgency')
    return refuse(step, 'INVALID_FIELD', '征求意见对象：须为第三方或共同制作机关', 'kind');
  if (openPauses(step.state).some((p) => p.kind === event.kind))
    return refuse(step, 'PAUSE_OPEN', `已有进行中的${CONSULTATION_LABELS[event.kind]}，请先登记其结束`);
  const problem = canPause(step, event);
  if (problem) return problem;
  openPause(step, event.kind, event.date, event.deliveredOn ?? event.date, CONSULTATION_DAYS);
  return undefined;
}

export function endConsultation(step: Step, event: CaseEvent & { type: 'consultationEnded' }): Refusal | undefined {
  const pause = openPauses(step.state).find((p) => p.kind === event.kind);
  if (!pause) return refuse(step, 'NO_PAUSE_OPEN', '没有进行中的该类征求意见，不能登记结束');
  if (pause.limit !== null && event.date > pause.limit)
    warn(
      step,
      'CONSULTATION_ENDED_LATE',
      `征求意见期限于${pause.limit}届满，${event.date}才结束；超出期限的时间计入答复期限（第三十二条、第三十四条）`,
    );
  pause.endedOn = event.date;
  resume(step);
  return undefined;
}

export function sendFeeNotice(step: Step, event: CaseEvent & { type: 'feeNoticeSent' }): Refusal | undefined {
  if (step.state.pauses.some((p) => p.kind === 'fee'))
    return refuse(step, 'FEE_TWICE', '本申请已发出过收费通知，一件申请只收取一次信息处理费');
  if (!Number.isInteger(event.amountYuan) || event.amountYuan <= 0)
    return refuse(step, 'INVALID_FIELD', '收费金额：须为正整数（元）；不收费的申请无需发出收费通知', 'amountYuan');
  const problem = canPause(step, event);
  if (problem) return problem;
  openPause(step, 'fee', event.date, event.deliveredOn ?? event.date, FEE_PAYMENT_DAYS);
  return undefined;
}

export function payFee(step: Step, event: CaseEvent & { type: 'feePaid' }): Refusal | undefined {
  const pause = openPauses(step.state).find((p) => p.kind === 'fee');
  if (!pause) return refuse(step, 'NO_PAUSE_OPEN', '没有待缴费的收费通知，不能登记缴费');
  if (pause.limit !== null && event.date > pause.limit)
    warn(step, 'FEE_PAID_LATE', `缴费期限于${pause.limit}届满，${event.date}才缴费（本可视为放弃申请，已接受）`);
  pause.endedOn = event.date;
  resume(step);
  return undefined;
}
