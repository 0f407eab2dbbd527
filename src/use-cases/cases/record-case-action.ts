import { z } from 'zod';
import { isIsoDate } from '../../core/calendar/iso-date.ts';
import type { CaseEvent } from '../../core/cases/case-event.ts';
import { informationFee, priorItemsThisMonth } from '../../core/cases/information-fee.ts';
import { AppError } from '../../core/platform/app-error.ts';
import type { Action } from '../../core/platform/policy.ts';
import { casesOfApplicant } from '../../db/repositories/cases/case-repository.ts';
import { staffOfAgency } from '../../db/repositories/cases/case-staff-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { checkedSnapshot, loadCaseFor, saveCaseChange, today, type EventRowInput } from './case-record.ts';

const date = (label: string) => z.string().trim().refine(isIsoDate, `${label}不是有效日期（格式：2026-03-05）`);
const optionalDate = (label: string) => z.union([z.literal(''), date(label)]).default('');
const note = (label: string, min = 0) =>
  z.string().trim().min(min, `请填写${label}`).max(2000, `${label}不能超过2000字`).default('');
const consultation = z.enum(['thirdParty', 'interAgency'], { message: '请选择征求意见的对象' });

/**
 * Everything staff record on a case besides the answer (which goes through the approval chain): each action is
 * one core event (validated by the state machine, stored with its legal basis) and, where the law requires the
 * applicant to be told, a message to the applicant in the same transaction.
 */
export const caseActionInput = z.discriminatedUnion(
  'action',
  [
    // 第三十条: one 补正 notice, within 7 working days, stating what to correct and a reasonable deadline.
    z.object({
      action: z.literal('correctionRequested'),
      date: date('告知日期'),
      correctBy: date('补正期限'),
      items: note('补正事项', 2),
    }),
    z.object({ action: z.literal('corrected'), date: date('收到补正日期') }),
    // 第三十三条第二款: extension with the 机构负责人's approval (the head records it), notified to the applicant.
    z.object({
      action: z.literal('extended'),
      date: date('批准日期'),
      days: z.number().int('延长天数须为整数').min(1, '延长天数至少1天').max(20, '延长不得超过20个工作日'),
      noticeDate: date('告知日期'),
      reason: note('延期理由', 2),
    }),
    z.object({
      action: z.literal('deferred'),
      date: date('决定日期'),
      until: date('延迟答复日期'),
      reason: note('理由', 2),
    }),
    z.object({
      action: z.literal('consultationStarted'),
      date: date('发出征求意见日期'),
      kind: consultation,
      deliveredOn: optionalDate('送达日期'),
      party: note('征求意见对象', 1),
    }),
    z.object({ action: z.literal('consultationEnded'), date: date('收到意见日期'), kind: consultation }),
    z.object({
      action: z.literal('feeNoticeSent'),
      date: date('收费通知日期'),
      method: z.enum(['byItems', 'byPages'], { message: '请选择计费方式' }),
      pages: z.number().int().min(0).max(1_000_000).optional(),
      items: z.number().int().min(1).max(1000).optional(),
      deliveredOn: optionalDate('送达日期'),
    }),
    z.object({ action: z.literal('feePaid'), date: date('缴费日期') }),
    z.object({ action: z.literal('withdrawn'), date: date('撤回日期') }),
    z.object({
      action: z.literal('abandoned'),
      date: date('日期'),
      reason: z.enum(['noCorrection', 'feeUnpaid'], { message: '请选择原因' }),
    }),
    // 第五十一条: 行政复议 / 行政诉讼 records feed table 4.
    z.object({
      action: z.literal('appealFiled'),
      date: date('立案日期'),
      kind: z.enum(['review', 'suitDirect', 'suitAfterReview'], { message: '请选择复议或诉讼类别' }),
      reference: note('案号', 1),
    }),
    z.object({
      action: z.literal('appealDecided'),
      date: date('结果日期'),
      appealId: z.string().trim().min(1, '请选择复议或诉讼').max(100),
      result: z.enum(['upheld', 'corrected', 'other'], { message: '请选择结果' }),
    }),
  ],
  { message: '未知的办理操作' },
);
export type CaseActionInput = z.infer<typeof caseActionInput>;

/** Who may record what: extensions and deferrals need the 机构负责人 (第三十三条); the rest the case's staff. */
function permissionFor(action: CaseActionInput['action']): Action {
  return action === 'extended' || action === 'deferred' ? 'case.sign' : 'case.handle';
}

export async function recordCaseAction(
  ctx: UseCaseContext,
  caseId: string,
  input: CaseActionInput,
): Promise<{ warnings: string[] }> {
  const loaded = await loadCaseFor(ctx, caseId, permissionFor(input.action));
  const day = today(ctx);
  const extra: EventRowInput[] = [];
  let event: CaseEvent;
  switch (input.action) {
    case 'correctionRequested':
      event = { type: 'correctionRequested', date: input.date, correctBy: input.correctBy };
      extra.push({ kind: 'message', toApplicant: true, body: `请于${input.correctBy}前补正：${input.items}` });
      break;
    case 'corrected':
      event = { type: 'corrected', date: input.date };
      break;
    case 'extended':
      event = {
        type: 'extended',
        date: input.date,
        days: input.days,
        approvedBy: ctx.actor!.displayName,
        noticeDate: input.noticeDate,
      };
      extra.push({
        kind: 'message',
        toApplicant: true,
        body: `经本机关政府信息公开工作机构负责人同意，答复期限延长${input.days}个工作日。理由：${input.reason}`,
      });
      break;
    case 'deferred':
      event = { type: 'deferred', date: input.date, until: input.until };
      extra.push({ kind: 'message', toApplicant: true, body: `本机关将于${input.until}前答复。理由：${input.reason}` });
      break;
    case 'consultationStarted':
      event = {
        type: 'consultationStarted',
        date: input.date,
        kind: input.kind,
        ...(input.deliveredOn ? { deliveredOn: input.deliveredOn } : {}),
      };
      extra.push({ kind: 'note', body: `征求意见对象：${input.party}` });
      extra.push({
        kind: 'message',
        toApplicant: true,
        body: '本机关正在依法征求意见，征求意见所需时间不计算在答复期限内。',
      });
      break;
    case 'consultationEnded':
      event = { type: 'consultationEnded', date: input.date, kind: input.kind };
      break;
    case 'feeNoticeSent': {
      let fee;
      if (input.method === 'byPages') fee = informationFee({ method: 'byPages', pages: input.pages ?? -1 });
      else {
        // 按件: per applicant per calendar month, found by the blind index without decrypting anyone.
        const earlier = await casesOfApplicant(ctx.db, loaded.row.id_index, loaded.row.id);
        const prior = priorItemsThisMonth(
          earlier.map((c) => ({ applicantKey: c.id_index, receivedOn: c.received_on, items: 1 })),
          loaded.row.id_index,
          loaded.row.received_on,
        );
        fee = informationFee({ method: 'byItems', priorItems: prior, items: input.items ?? 1 });
      }
      if (!fee.ok) throw new AppError('VALIDATION', undefined, { [fee.field]: fee.message });
      if (fee.amountYuan === 0)
        throw new AppError('VALIDATION', `${fee.description}：无需收费`, { method: '按此计算无需收费' });
      event = {
        type: 'feeNoticeSent',
        date: input.date,
        amountYuan: fee.amountYuan,
        ...(input.deliveredOn ? { deliveredOn: input.deliveredOn } : {}),
      };
      extra.push({
        kind: 'message',
        toApplicant: true,
        body: `收费通知：${fee.description}。请于收到通知次日起20个工作日内缴纳。`,
      });
      break;
    }
    case 'feePaid':
      event = { type: 'feePaid', date: input.date };
      break;
    case 'withdrawn':
      event = { type: 'withdrawn', date: input.date };
      break;
    case 'abandoned':
      event = { type: 'abandoned', date: input.date, reason: input.reason };
      break;
    case 'appealFiled': {
      const appealId = `A${loaded.snapshot.appeals.length + 1}`;
      event = { type: 'appealFiled', date: input.date, appealId, kind: input.kind };
      extra.push({ kind: 'note', body: `${appealId} 案号：${input.reference}` });
      break;
    }
    case 'appealDecided':
      event = { type: 'appealDecided', date: input.date, appealId: input.appealId, result: input.result };
      break;
  }
  const snapshot = checkedSnapshot(loaded, [event], day);
  const before = new Set(loaded.snapshot.warnings.map((w) => `${w.eventIndex}:${w.code}`));
  const warnings = snapshot.warnings.filter((w) => !before.has(`${w.eventIndex}:${w.code}`)).map((w) => w.message);
  await ctx.db.transaction().execute((trx) =>
    saveCaseChange(trx, ctx, loaded, {
      action: `case.${input.action}`,
      entries: [
        { kind: 'state', event },
        ...extra,
        ...warnings.map((w) => ({ kind: 'note' as const, body: `提示：${w}` })),
      ],
      snapshot,
      audit: { event },
    }),
  );
  return { warnings };
}

export const caseNoteInput = z.object({
  kind: z.enum(['note', 'message'], { message: '请选择内部备注或发给申请人的消息' }),
  body: z.string().trim().min(1, '请填写内容').max(2000, '内容不能超过2000字'),
});

/** An internal note (staff only) or a message the applicant sees on the tracking page — kept apart by kind. */
export async function addCaseNote(
  ctx: UseCaseContext,
  caseId: string,
  input: z.infer<typeof caseNoteInput>,
): Promise<void> {
  const loaded = await loadCaseFor(ctx, caseId, 'case.handle');
  await ctx.db.transaction().execute((trx) =>
    saveCaseChange(trx, ctx, loaded, {
      action: input.kind === 'note' ? 'case.note' : 'case.message',
      entries: [{ kind: input.kind, body: input.body, toApplicant: input.kind === 'message' }],
    }),
  );
}

export const assignCaseInput = z.object({ assigneeId: z.string().min(1, '请选择承办人').max(64) });

/** Assigns a 承办人 of the case's own agency. */
export async function assignCase(
  ctx: UseCaseContext,
  caseId: string,
  input: z.infer<typeof assignCaseInput>,
): Promise<void> {
  const loaded = await loadCaseFor(ctx, caseId, 'case.handle');
  const staff = await staffOfAgency(ctx.db, loaded.row.agency_id);
  const person = staff.find((s) => s.id === input.assigneeId && (JSON.parse(s.roles) as string[]).includes('handler'));
  if (!person) throw new AppError('VALIDATION', undefined, { assigneeId: '只能指派本机关的承办人' });
  await ctx.db.transaction().execute((trx) =>
    saveCaseChange(trx, ctx, loaded, {
      action: 'case.assign',
      entries: [{ kind: 'assign', body: `指派承办人：${person.display_name}` }],
      patch: { assignee_id: person.id },
    }),
  );
}
