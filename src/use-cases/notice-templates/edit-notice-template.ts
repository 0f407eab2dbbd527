/**
 * Editing an agency's notice templates (issue 7 item 5 "editable templates"): the reviewer or head of the agency
 * saves a version (validated by the core: placeholders, required statements — an answer without the rights to
 * 行政复议 and 行政诉讼 is refused, 条例第三十六条), reverts to the default, previews with sample values as the PDF
 * the writers print. Every save and revert is a new revision, audited; nothing is overwritten.
 */
import { z } from 'zod';
import { defaultNoticeTemplate } from '../../core/notices/default-notice-templates.ts';
import {
  NOTICE_FIELD_MAX,
  validateNoticeTemplate,
  type NoticeTemplateText,
} from '../../core/notices/notice-template.ts';
import { SAMPLE_NOTICE_VALUES } from '../../core/notices/notice-sample-values.ts';
import { renderNotice } from '../../core/notices/render-notice.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can, type Action } from '../../core/platform/policy.ts';
import type { Actor } from '../../core/platform/actor.ts';
import {
  agencyTemplateHistory,
  insertAgencyTemplate,
  type NoticeTemplateWithAuthor,
} from '../../db/repositories/notice-templates/notice-template-repository.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { renderNoticePdf } from '../../writers/notices/render-notice-pdf.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { noticeTemplateFor, noticeTemplatesFor, type AgencyNoticeTemplate } from './notice-templates-for.ts';

export const noticeTemplateInput = z.object({
  title: z.string().max(NOTICE_FIELD_MAX.title, `标题：不能超过${NOTICE_FIELD_MAX.title}个字符`),
  addressee: z.string().max(NOTICE_FIELD_MAX.addressee, `称谓：不能超过${NOTICE_FIELD_MAX.addressee}个字符`),
  body: z.string().max(NOTICE_FIELD_MAX.body, `正文：不能超过${NOTICE_FIELD_MAX.body}个字符`),
  attachments: z
    .string()
    .max(NOTICE_FIELD_MAX.attachments, `附件：不能超过${NOTICE_FIELD_MAX.attachments}个字符`)
    .default(''),
  /** The revision the editor was opened on (0: the default): a stale or replayed save is a CONFLICT. */
  revision: z.number().int().min(0).max(1_000_000),
});
export type NoticeTemplateInput = z.output<typeof noticeTemplateInput>;

function ownAgency(ctx: UseCaseContext, action: Action): Actor {
  const a = ctx.actor;
  if (!a || !can(a, action, { agencyId: a.agencyId, agencyPath: a.agencyPath })) throw new AppError('FORBIDDEN');
  return a;
}

/** The actor (allowed `action` on its own agency) and the template as its agency uses it. */
async function actorAndTemplate(
  ctx: UseCaseContext,
  action: Action,
  templateId: string,
): Promise<{ actor: Actor; template: AgencyNoticeTemplate }> {
  const actor = ownAgency(ctx, action);
  const template = await noticeTemplateFor(ctx.db, actor.agencyId, templateId);
  if (!template) throw new AppError('NOT_FOUND', '未找到该文书模板');
  return { actor, template };
}

export async function listAgencyNoticeTemplates(ctx: UseCaseContext): Promise<AgencyNoticeTemplate[]> {
  const actor = ownAgency(ctx, 'noticeTemplate.read');
  return noticeTemplatesFor(ctx.db, actor.agencyId);
}

export interface TemplateEditorData {
  template: AgencyNoticeTemplate;
  /** The revision a save must be based on (the latest, reverted or not; 0 when none). */
  latestRevision: number;
  history: NoticeTemplateWithAuthor[];
  canEdit: boolean;
}

export async function noticeTemplateEditor(ctx: UseCaseContext, templateId: string): Promise<TemplateEditorData> {
  const { actor, template } = await actorAndTemplate(ctx, 'noticeTemplate.read', templateId);
  const history = await agencyTemplateHistory(ctx.db, actor.agencyId, templateId);
  return {
    template,
    latestRevision: history[0]?.revision ?? 0,
    history,
    canEdit: can(actor, 'noticeTemplate.edit', { agencyId: actor.agencyId, agencyPath: actor.agencyPath }),
  };
}

function checked(template: AgencyNoticeTemplate, input: NoticeTemplateText): NoticeTemplateText {
  const r = validateNoticeTemplate(template.kind, input);
  if (!r.ok) throw new AppError('VALIDATION', '模板有误，请按提示修改', r.errors);
  return r.text;
}

async function saveRevision(
  ctx: UseCaseContext,
  templateId: string,
  expectedRevision: number,
  text: NoticeTemplateText,
  reverted: boolean,
): Promise<number> {
  const { actor, template } = await actorAndTemplate(ctx, 'noticeTemplate.edit', templateId);
  const clean: NoticeTemplateText = reverted
    ? { title: text.title, addressee: text.addressee, body: text.body, attachments: text.attachments }
    : checked(template, text);
  return ctx.db.transaction().execute(async (trx) => {
    const [latest] = await agencyTemplateHistory(trx, actor.agencyId, templateId);
    if ((latest?.revision ?? 0) !== expectedRevision)
      throw new AppError('CONFLICT', '该模板已被他人修改（或重复提交），请重新打开后再改');
    if (reverted && (!latest || latest.reverted === 1)) throw new AppError('CONFLICT', '该模板已是默认模板');
    const revision = expectedRevision + 1;
    await insertAgencyTemplate(trx, {
      ...clean,
      id: newId(),
      agency_id: actor.agencyId,
      template_id: templateId,
      revision,
      reverted: reverted ? 1 : 0,
      created_by: actor.id,
      created_at: nowIso(ctx),
    });
    await recordAudit(trx, ctx, {
      action: reverted ? 'noticeTemplate.reverted' : 'noticeTemplate.saved',
      entity: 'notice_template',
      entityId: `${actor.agencyId}/${templateId}`,
      before: { revision: template.revision, title: template.title, body: template.body },
      after: reverted ? { revision, default: true } : { revision, ...clean },
    });
    return revision;
  });
}

export function saveNoticeTemplate(ctx: UseCaseContext, templateId: string, input: NoticeTemplateInput) {
  return saveRevision(ctx, templateId, input.revision, input, false);
}

/** Back to the default: a new revision marked reverted. */
export async function revertNoticeTemplate(ctx: UseCaseContext, templateId: string, expectedRevision: number) {
  const d = defaultNoticeTemplate(templateId);
  if (!d) throw new AppError('NOT_FOUND', '未找到该文书模板');
  return saveRevision(ctx, templateId, expectedRevision, d, true);
}

/**
 * The edited (unsaved) text printed as the PDF the writers make, filled with a fictitious case and the agency's
 * name; a blank the sample lacks prints as 【待填：名称】. Validation errors come back as VALIDATION, by field.
 */
export async function previewNoticeTemplate(
  ctx: UseCaseContext,
  templateId: string,
  input: NoticeTemplateText,
): Promise<Uint8Array> {
  const { actor, template } = await actorAndTemplate(ctx, 'noticeTemplate.read', templateId);
  const text = checked(template, input);
  const agency = await findAgency(ctx.db, actor.agencyId);
  const notice = renderNotice(
    { ...template, ...text },
    { ...SAMPLE_NOTICE_VALUES, 机关名称: agency?.name ?? SAMPLE_NOTICE_VALUES['机关名称'] },
    { draft: true },
  );
  return renderNoticePdf(notice);
}
