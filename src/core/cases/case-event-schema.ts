/**
 * The shape of a stored or submitted case event (zod: validator and types in one). Shape only — whether the event
 * may happen now is the state machine's decision (apply-event.ts), which also gives the Chinese reasons.
 */
import { z } from 'zod';
import { T4_GROUPS } from '../report/layout.ts';
import { ANSWER_KINDS } from './answer-types.ts';
import { APPLICANT_TYPES } from './applicant-type.ts';
import type { CaseEvent } from './case-event.ts';
import { CHANNELS } from './channel.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为 YYYY-MM-DD');
const consultation = z.enum(['thirdParty', 'interAgency'], { message: '征求意见对象须为第三方或共同制作机关' });

export const caseEventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('received'),
      date,
      channel: z.enum(CHANNELS, { message: '请选择申请方式' }),
      applicantType: z.enum(APPLICANT_TYPES as [string, ...string[]], { message: '请选择申请人类型' }),
    }),
    z.object({ type: z.literal('correctionRequested'), date, correctBy: date }),
    z.object({ type: z.literal('corrected'), date }),
    z.object({
      type: z.literal('extended'),
      date,
      days: z.number().int('延长天数须为整数'),
      approvedBy: z.string().max(50, '负责人姓名过长'),
      noticeDate: date,
    }),
    z.object({ type: z.literal('deferred'), date, until: date }),
    z.object({ type: z.literal('consultationStarted'), date, kind: consultation, deliveredOn: date.optional() }),
    z.object({ type: z.literal('consultationEnded'), date, kind: consultation }),
    z.object({
      type: z.literal('feeNoticeSent'),
      date,
      amountYuan: z.number().int('收费金额须为整数（元）'),
      deliveredOn: date.optional(),
    }),
    z.object({ type: z.literal('feePaid'), date }),
    z.object({
      type: z.literal('answered'),
      date,
      answer: z.enum(ANSWER_KINDS as [string, ...string[]], { message: '请选择答复类型' }),
    }),
    z.object({ type: z.literal('withdrawn'), date }),
    z.object({
      type: z.literal('abandoned'),
      date,
      reason: z.enum(['noCorrection', 'feeUnpaid'], { message: '请选择放弃原因' }),
    }),
    z.object({
      type: z.literal('appealFiled'),
      date,
      appealId: z.string().trim().min(1, '请填写复议或诉讼编号').max(100, '编号过长'),
      kind: z.enum(T4_GROUPS, { message: '请选择复议或诉讼类别' }),
    }),
    z.object({
      type: z.literal('appealDecided'),
      date,
      appealId: z.string().trim().min(1, '请填写复议或诉讼编号').max(100, '编号过长'),
      result: z.enum(['upheld', 'corrected', 'other'], { message: '请选择结果' }),
    }),
  ],
  { message: '未知的办理事件类型' },
);

/** Parses a stored or submitted event; the result is a `CaseEvent` (the schema mirrors case-event.ts). */
export function parseCaseEvent(value: unknown): { ok: true; event: CaseEvent } | { ok: false; message: string } {
  const r = caseEventSchema.safeParse(value);
  if (r.success) return { ok: true, event: r.data as CaseEvent };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.join('.') || '事件'}：${i.message}`).join('；') };
}
