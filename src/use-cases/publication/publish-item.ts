import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { enqueueJob } from '../../db/repositories/jobs/job-repository.ts';
import { updateItemVersioned } from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { checkItem } from './check-item.ts';
import { conflict, itemFor } from './item-access.ts';
import { publishInTransaction } from './publish-core.ts';
import { loadPublicationSettings } from './publication-settings.ts';

export const publishInput = z.object({
  /** 保密审查: the person publishing confirms the secrecy review was done (条例第十七条). */
  secrecyConfirmed: z
    .boolean({ message: '请确认已完成保密审查' })
    .default(false)
    .refine((v) => v, '请确认已完成保密审查'),
  /** Empty: now. Otherwise a moment in China time "YYYY-MM-DDTHH:MM". */
  publishAt: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, '定时发布时间格式应为 YYYY-MM-DDTHH:MM')
    .default(''),
  version: z.number().int().min(1),
});
export type PublishInput = z.infer<typeof publishInput>;

/**
 * Publishes an approved item now, or schedules it (a job of the jobs mechanism runs at that moment, on whichever
 * app server claims it). The 保密审查 confirmation is recorded with who and when. Error-level check findings
 * without a reviewer's override block publication.
 */
export async function publishItem(ctx: UseCaseContext, id: string, input: PublishInput): Promise<PublicationItemRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, agency } = await itemFor(trx, ctx, id, 'publication.publish');
    if (item.status !== 'approved') throw new AppError('CONFLICT', '只有审核通过的信息可以发布');
    const settings = await loadPublicationSettings(trx, agency);
    const checks = await checkItem(trx, item, settings, ctx.clock());
    if (checks.blocking && !item.check_override)
      throw new AppError('VALIDATION', '发布前检查发现错误且没有审核人的继续发布理由', { checks: '请退回修改' });
    const at = nowIso(ctx);
    let when: Date | null = null;
    if (input.publishAt) {
      when = new Date(`${input.publishAt}:00+08:00`);
      if (Number.isNaN(when.getTime())) throw new AppError('VALIDATION', undefined, { publishAt: '时间无效' });
      if (when.getTime() <= ctx.clock().getTime()) when = null;
    }
    const confirmed = await updateItemVersioned(trx, id, input.version, {
      secrecy_confirmed_by: ctx.actor!.id,
      secrecy_confirmed_at: at,
      ...(when ? { status: 'scheduled', publish_at: when.toISOString() } : {}),
      updated_at: at,
    });
    if (!confirmed) throw conflict();
    await recordAudit(trx, ctx, {
      action: 'publication.secrecyConfirm',
      entity: 'publication_item',
      entityId: id,
      after: { confirmed_by: ctx.actor!.id, ...(when ? { publish_at: when.toISOString() } : {}) },
    });
    if (!when) return publishInTransaction(trx, ctx, confirmed, agency, settings);
    await enqueueJob(trx, {
      task: 'publication.publishScheduled',
      payload: { itemId: id },
      runAt: when,
      key: `publication.publish:${id}`,
    });
    return confirmed;
  });
}
