/** 行政复议 and 行政诉讼 records (第五十一条), feeding table 4. */
import { T4_GROUPS } from '../report/layout.ts';
import { badDate, refuse, warn, type Step } from './apply-context.ts';
import type { CaseEvent } from './case-event.ts';
import type { Refusal } from './case-refusal.ts';

export function fileAppeal(step: Step, event: CaseEvent & { type: 'appealFiled' }): Refusal | undefined {
  const { state } = step;
  if (typeof event.appealId !== 'string' || event.appealId.trim() === '')
    return refuse(step, 'INVALID_FIELD', '复议或诉讼编号：请填写（如案号）', 'appealId');
  if (state.appeals.some((a) => a.id === event.appealId))
    return refuse(step, 'APPEAL_DUPLICATE', `编号为“${event.appealId}”的复议或诉讼已登记`, 'appealId');
  if (!(T4_GROUPS as readonly string[]).includes(event.kind))
    return refuse(step, 'INVALID_FIELD', '类别：须为行政复议、未经复议直接起诉或复议后起诉', 'kind');
  if (event.date < state.receivedOn)
    return refuse(step, 'OUT_OF_ORDER', `立案日期${event.date}早于收到申请日期${state.receivedOn}`, 'date');
  if (event.kind === 'suitAfterReview' && !state.appeals.some((a) => a.kind === 'review'))
    warn(step, 'SUIT_WITHOUT_REVIEW', '登记为复议后起诉，但本申请没有行政复议记录（请核对类别或补登复议）');
  state.appeals.push({ id: event.appealId, kind: event.kind, filedOn: event.date, result: null, decidedOn: null });
  return undefined;
}

export function decideAppeal(step: Step, event: CaseEvent & { type: 'appealDecided' }): Refusal | undefined {
  const appeal = step.state.appeals.find((a) => a.id === event.appealId);
  if (!appeal) return refuse(step, 'APPEAL_UNKNOWN', `没有编号为“${event.appealId}”的复议或诉讼记录`, 'appealId');
  if (appeal.result !== null)
    return refuse(step, 'APPEAL_DECIDED', `编号为“${event.appealId}”的复议或诉讼已于${appeal.decidedOn}登记结果`);
  if (!['upheld', 'corrected', 'other'].includes(event.result))
    return refuse(step, 'INVALID_FIELD', '结果：须为维持、纠正或其他', 'result');
  const bad = badDate(step, event.date, 'date', '结果日期');
  if (bad) return bad;
  if (event.date < appeal.filedOn)
    return refuse(step, 'OUT_OF_ORDER', `结果日期${event.date}早于立案日期${appeal.filedOn}`, 'date');
  appeal.result = event.result;
  appeal.decidedOn = event.date;
  return undefined;
}
