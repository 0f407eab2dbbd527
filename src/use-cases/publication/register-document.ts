import { z } from 'zod';
import {
  describeDisclosureAttribute,
  disclosureAttributeProblems,
  entersPublicationQueue,
  withholdingGrounds,
  type DisclosureAttribute,
} from '../../core/publication/disclosure-attribute.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { insertDocument, insertItem, listDocuments } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationDocumentRow } from '../../db/repositories/publication/publication-tables.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { newDraft } from './create-item.ts';
import { itemFields } from './item-fields.ts';
import { loadPublicationSettings } from './publication-settings.ts';

export const registerDocumentInput = z.object({
  title: z.string().trim().min(2, '标题不少于2个字').max(200),
  docNumber: z.string().trim().max(60).default(''),
  writtenOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  kind: z.enum(['proactive', 'on_request', 'withheld'], { message: '请选择公开属性' }),
  ground: z.string().max(40).default(''),
  reason: z.string().trim().max(500).default(''),
  /** For 主动公开: the column the item will be filed in. */
  catalogue: z.string().trim().max(40).default(''),
});
export type RegisterDocumentInput = z.infer<typeof registerDocumentInput>;

/**
 * 信息公开属性源头认定 (issue 8 item 2): a document is registered with its 公开属性 when it is drafted — 主动公开,
 * 依申请公开, or 不予公开 with the ground and the article (条例第十四–十六条) and a reason. A 主动公开 document
 * enters the publication queue at once as a draft item with its 成文日期, so the 20 working days of 第二十六条 run
 * from that day and show in the timeliness lists.
 */
export async function registerDocument(
  ctx: UseCaseContext,
  input: RegisterDocumentInput,
): Promise<{ document: PublicationDocumentRow; itemId: string | null }> {
  const actor = ctx.actor;
  const agency = actor ? await findAgency(ctx.db, actor.agencyId) : undefined;
  if (!actor || !agency || !can(actor, 'publication.edit', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('FORBIDDEN');
  const raw =
    input.kind === 'withheld'
      ? { kind: 'withheld', ground: input.ground, reason: input.reason }
      : input.kind === 'on_request'
        ? { kind: 'on_request', ...(input.reason ? { note: input.reason } : {}) }
        : { kind: 'proactive' };
  const problems = disclosureAttributeProblems(raw);
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION', undefined, problems);
  const attribute = raw as DisclosureAttribute;
  const settings = await loadPublicationSettings(ctx.db, agency);
  const fields = entersPublicationQueue(attribute)
    ? itemFields(
        {
          catalogue: input.catalogue,
          title: input.title,
          docNumber: input.docNumber,
          writtenOn: input.writtenOn,
          topic: '',
          publisher: '',
          source: '',
          validityStatus: 'in_force',
          bodyHtml: '',
          interpretsId: undefined,
          replacesId: undefined,
        },
        agency,
        settings,
        ctx.clock(),
      )
    : null;
  return ctx.db.transaction().execute(async (trx) => {
    const at = nowIso(ctx);
    const id = newId();
    let itemId: string | null = null;
    if (fields) {
      itemId = newId();
      await insertItem(trx, {
        id: itemId,
        agency_id: agency.id,
        ...fields,
        document_id: id,
        ...newDraft(actor.id, at),
      });
    }
    const document: PublicationDocumentRow = {
      id,
      agency_id: agency.id,
      title: input.title,
      doc_number: input.docNumber,
      written_on: input.writtenOn,
      attribute: JSON.stringify(attribute),
      item_id: itemId,
      created_by: actor.id,
      created_at: at,
    };
    await insertDocument(trx, document);
    await recordAudit(trx, ctx, {
      action: 'publication.registerDocument',
      entity: 'publication_document',
      entityId: id,
      after: { title: input.title, attribute: describeDisclosureAttribute(attribute), item_id: itemId },
    });
    return { document, itemId };
  });
}

export async function listRegisteredDocuments(ctx: UseCaseContext): Promise<PublicationDocumentRow[]> {
  if (
    !ctx.actor ||
    !can(ctx.actor, 'publication.read', { agencyId: ctx.actor.agencyId, agencyPath: ctx.actor.agencyPath })
  )
    throw new AppError('FORBIDDEN');
  return listDocuments(ctx.db, ctx.actor.agencyId, 200);
}

export const groundOptions = Object.entries(withholdingGrounds).map(([value, g]) => ({
  value,
  label: `${g.label}（${g.article}）`,
}));
