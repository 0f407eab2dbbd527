import { z } from 'zod';
import { ANSWER_KINDS, OUTCOME_TYPES, type AnswerKind } from '../../core/cases/answer-types.ts';
import type { CaseEvent } from '../../core/cases/case-event.ts';
import { appendEvent } from '../../core/cases/replay.ts';
import { answerTemplatesFor } from '../../core/notices/default-notice-templates.ts';
import type { NoticeTemplate } from '../../core/notices/notice-template.ts';
import { placeholdersIn, NOTICE_FIELDS } from '../../core/notices/notice-template.ts';
import { renderNotice, type NoticeValues } from '../../core/notices/render-notice.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { DatabaseBlobStore } from '../../db/repositories/files/database-blob-store.ts';
import type { BlobStore } from '../../db/repositories/files/blob-store.ts';
import { renderNoticeDocx } from '../../writers/notices/render-notice-docx.ts';
import { renderNoticePdf } from '../../writers/notices/render-notice-pdf.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { openApplicant, requireDataKeys } from './applicant-data.ts';
import { checkedSnapshot, loadCaseFor, saveCaseChange, today, type LoadedCase } from './case-record.ts';
import type { Executor } from '../../db/schema.ts';
import { noticeTemplateFor } from '../notice-templates/notice-templates-for.ts';

/**
 * The approval chain before an answer leaves (拟办 → 审核 → 签发): the 承办人 drafts the answer (its type, hence its
 * table-3 row, and the notice's blanks); a 审核人 — not the drafter — reviews it and confirms the 保密审查 (条例第十七条:
 * 公开前依法依规进行审查); the 机构负责人 signs it. Signing records the `answered` event (its articles as the basis),
 * produces the 告知书 as DOCX and PDF from the template (core/notices, writers/notices) and releases it to the
 * applicant. Returned drafts go back to the drafter.
 */
export interface Approval {
  stage: 'drafted' | 'reviewed' | 'signed' | 'returned';
  answer: AnswerKind;
  templateId: string;
  values: Record<string, string>;
  draftedBy: { id: string; name: string; at: string };
  reviewedBy?: { id: string; name: string; at: string; secrecyChecked: true };
  signedBy?: { id: string; name: string; at: string };
  returnedBy?: { id: string; name: string; at: string; comment: string };
}

/** The notice template for an answer kind (the row's variant that matches it). */
export function templateForAnswer(kind: AnswerKind): NoticeTemplate {
  const row = OUTCOME_TYPES[kind].row;
  const variants: Partial<Record<AnswerKind, string>> = {
    alreadyPublished: 'grantedPublished',
    notThisAgency: 'unable1OtherAgency',
  };
  const all = answerTemplatesFor(row);
  return all.find((t) => t.id === (variants[kind] ?? row)) ?? all[0]!;
}

/**
 * The template an agency answers `kind` with: its own edited copy when it has one in force
 * (docs/notice-templates.md), else the shipped one. Ids, kinds and table-3 rows are the default's either way.
 */
export async function agencyTemplateForAnswer(
  ex: Executor,
  agencyId: string,
  kind: AnswerKind,
): Promise<NoticeTemplate> {
  const shipped = templateForAnswer(kind);
  return (await noticeTemplateFor(ex, agencyId, shipped.id)) ?? shipped;
}

/** Filled from the case itself; the drafter fills the rest (理由, 提供方式 …). */
export const AUTO_FILLED = [
  '申请人',
  '受理编号',
  '收到日期',
  '申请内容摘要',
  '答复日期',
  '机关名称',
  '联系电话',
  '补正告知日期',
  '补正期限',
  '收费通知日期',
  '缴费期限',
];

export function blanksOf(template: NoticeTemplate): string[] {
  const names = new Set(NOTICE_FIELDS.flatMap((f) => placeholdersIn(template[f])));
  return [...names].filter((n) => !AUTO_FILLED.includes(n));
}

export function parseApproval(json: string | null): Approval | null {
  return json ? (JSON.parse(json) as Approval) : null;
}

function caseValues(ctx: UseCaseContext, loaded: LoadedCase, answerDate: string): Record<string, string> {
  const applicant = openApplicant(requireDataKeys(ctx), loaded.row.applicant_sealed);
  const s = loaded.snapshot;
  const fee = s.timeline.find((t) => t.event.type === 'feeNoticeSent');
  const feePause = s.pauses.find((p) => p.kind === 'fee');
  const v: Record<string, string> = {
    申请人: applicant.organisation || applicant.name,
    受理编号: loaded.row.tracking_code,
    收到日期: s.periodStart,
    申请内容摘要: loaded.row.description.slice(0, 200),
    答复日期: answerDate,
    机关名称: loaded.row.agency_name,
    联系电话: '',
  };
  if (s.correction) {
    v['补正告知日期'] = s.correction.requestedOn;
    v['补正期限'] = s.correction.correctBy;
  }
  if (fee) v['收费通知日期'] = fee.event.date;
  if (feePause?.limit) v['缴费期限'] = feePause.limit;
  return v;
}

export const draftAnswerInput = z.object({
  answer: z.enum(ANSWER_KINDS as [AnswerKind, ...AnswerKind[]], { message: '请选择答复类型' }),
  values: z.record(z.string().max(40), z.string().max(2000, '内容不能超过2000字')).default({}),
  contactPhone: z.string().trim().min(3, '请填写联系电话').max(40),
});

async function checkNotice(
  ctx: UseCaseContext,
  loaded: LoadedCase,
  approval: Pick<Approval, 'answer' | 'values'>,
  day: string,
) {
  const template = await agencyTemplateForAnswer(ctx.db, loaded.row.agency_id, approval.answer);
  const values: NoticeValues = {
    ...approval.values,
    ...caseValues(ctx, loaded, day),
    联系电话: approval.values['联系电话'] ?? '',
  };
  return { template, notice: renderNotice(template, values) };
}

/** 拟办: the answer, its blanks; the core checks now that an answer could be recorded today. */
export async function draftAnswer(
  ctx: UseCaseContext,
  caseId: string,
  input: z.infer<typeof draftAnswerInput>,
): Promise<void> {
  const loaded = await loadCaseFor(ctx, caseId, 'case.handle');
  const day = today(ctx);
  const probe = appendEvent(loaded.events, { type: 'answered', date: day, answer: input.answer }, loaded.calendar, {
    today: day,
  });
  if (!probe.ok) throw new AppError('VALIDATION', probe.refusal.message, { answer: probe.refusal.message });
  const template = await agencyTemplateForAnswer(ctx.db, loaded.row.agency_id, input.answer);
  const values: Record<string, string> = { 联系电话: input.contactPhone };
  for (const name of blanksOf(template)) values[name] = (input.values[name] ?? '').trim();
  await checkNotice(ctx, loaded, { answer: input.answer, values }, day);
  const approval: Approval = {
    stage: 'drafted',
    answer: input.answer,
    templateId: template.id,
    values,
    draftedBy: { id: ctx.actor!.id, name: ctx.actor!.displayName, at: nowIso(ctx) },
  };
  await ctx.db.transaction().execute((trx) =>
    saveCaseChange(trx, ctx, loaded, {
      action: 'case.answerDrafted',
      entries: [{ kind: 'approval', body: `拟办：${OUTCOME_TYPES[input.answer].label}` }],
      patch: { approval_json: JSON.stringify(approval) },
    }),
  );
}

export const reviewAnswerInput = z.object({
  decision: z.enum(['approve', 'return'], { message: '请选择审核意见' }),
  secrecyChecked: z.boolean().default(false),
  comment: z.string().trim().max(1000, '意见不能超过1000字').default(''),
});

/** 审核 (with the 保密审查 confirmed) by someone other than the drafter, or returned with a comment. */
export async function reviewAnswer(
  ctx: UseCaseContext,
  caseId: string,
  input: z.infer<typeof reviewAnswerInput>,
): Promise<void> {
  const loaded = await loadCaseFor(ctx, caseId, 'case.review');
  const approval = parseApproval(loaded.row.approval_json);
  if (!approval || approval.stage !== 'drafted') throw new AppError('CONFLICT', '没有待审核的答复');
  if (approval.draftedBy.id === ctx.actor!.id) throw new AppError('FORBIDDEN', '拟办人不能审核自己拟办的答复');
  const by = { id: ctx.actor!.id, name: ctx.actor!.displayName, at: nowIso(ctx) };
  let next: Approval;
  let body: string;
  if (input.decision === 'return') {
    if (input.comment === '') throw new AppError('VALIDATION', undefined, { comment: '退回时请写明意见' });
    next = { ...approval, stage: 'returned', returnedBy: { ...by, comment: input.comment } };
    body = `审核退回：${input.comment}`;
  } else {
    if (!input.secrecyChecked)
      throw new AppError('VALIDATION', undefined, { secrecyChecked: '请确认已进行保密审查（条例第十七条）' });
    next = { ...approval, stage: 'reviewed', reviewedBy: { ...by, secrecyChecked: true } };
    body = `审核通过，已进行保密审查${input.comment ? `：${input.comment}` : ''}`;
  }
  await ctx.db.transaction().execute((trx) =>
    saveCaseChange(trx, ctx, loaded, {
      action: input.decision === 'return' ? 'case.answerReturned' : 'case.answerReviewed',
      entries: [{ kind: 'approval', body }],
      patch: { approval_json: JSON.stringify(next) },
    }),
  );
}

/**
 * 签发 by the 机构负责人: the answer is recorded (dated today), the 告知书 rendered to DOCX and PDF and stored as
 * blobs, both released to the applicant's tracking page.
 */
export async function signAnswer(ctx: UseCaseContext, caseId: string, store?: BlobStore): Promise<void> {
  const loaded = await loadCaseFor(ctx, caseId, 'case.sign');
  const approval = parseApproval(loaded.row.approval_json);
  if (!approval || approval.stage !== 'reviewed') throw new AppError('CONFLICT', '没有待签发的答复（须先经审核）');
  const day = today(ctx);
  const event: CaseEvent = { type: 'answered', date: day, answer: approval.answer };
  const snapshot = checkedSnapshot(loaded, [event], day);
  const { notice } = await checkNotice(ctx, loaded, approval, day);
  const blobs = store ?? new DatabaseBlobStore(ctx.db, ctx.clock);
  const files: { sha256: string; filename: string }[] = [];
  for (const [ext, kind, mediaType, bytes] of [
    [
      'docx',
      'docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      await renderNoticeDocx(notice),
    ],
    ['pdf', 'pdf', 'application/pdf', await renderNoticePdf(notice)],
  ] as const) {
    const w = blobs.begin();
    await w.write(bytes);
    const stored = await w.commit({ kind, mediaType });
    files.push({ sha256: stored.sha256, filename: `${notice.title}（${loaded.row.tracking_code}）.${ext}` });
  }
  const signed: Approval = {
    ...approval,
    stage: 'signed',
    signedBy: { id: ctx.actor!.id, name: ctx.actor!.displayName, at: nowIso(ctx) },
  };
  await ctx.db.transaction().execute((trx) =>
    saveCaseChange(trx, ctx, loaded, {
      action: 'case.answerSigned',
      entries: [
        { kind: 'approval', body: `签发：${OUTCOME_TYPES[approval.answer].label}` },
        { kind: 'state', event },
        ...files.map((f) => ({
          kind: 'file' as const,
          body: '答复告知书',
          toApplicant: true,
          blobSha256: f.sha256,
          filename: f.filename,
        })),
      ],
      snapshot,
      patch: { approval_json: JSON.stringify(signed) },
      audit: { event, files: files.map((f) => f.sha256) },
    }),
  );
}
