/**
 * Local closures (本机关停止办公, e.g. 台风停止办公 by a local government's decision): days that are not working days
 * for an agency's subtree, or for the whole site. They override everything else for those agencies (a closed
 * make-up Saturday is off). Added and withdrawn, never edited or deleted; each change audited and announced
 * through the calendar's cache generation, then the change hooks run.
 */
import { checkLocalClosure } from '../../core/calendar/validate-holiday-input.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import {
  findCalendarClosure,
  insertCalendarClosure,
  withdrawCalendarClosure,
} from '../../db/repositories/calendar/calendar-repository.ts';
import { bumpCacheGeneration } from '../../db/repositories/platform/cache-generation-repository.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { afterCalendarChange } from './after-calendar-change.ts';
import type { LocalClosureInput } from './calendar-input.ts';
import { requireCalendarAccess, requireWholeSite } from './calendar-permission.ts';
import type { CalendarChangeResult } from './save-holiday-notice.ts';
import { calendarCacheScope } from './load-working-calendar.ts';

/** The agency a closure is for must be one the actor manages (another agency's id is NOT_FOUND, not a hint). */
async function requireClosureScope(ctx: UseCaseContext, agencyId: string | null) {
  if (agencyId === null) {
    await requireWholeSite(ctx);
    return;
  }
  const agency = await findAgency(ctx.db, agencyId);
  if (!agency || !can(ctx.actor, 'calendar.manage', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('NOT_FOUND', '未找到该机构');
}

export async function addLocalClosure(
  ctx: UseCaseContext,
  input: LocalClosureInput,
): Promise<CalendarChangeResult & { id: string }> {
  requireCalendarAccess(ctx.actor);
  const agencyId = input.agencyId === '' ? null : input.agencyId;
  await requireClosureScope(ctx, agencyId);
  const check = checkLocalClosure({ from: input.from, to: input.to, reason: input.reason });
  if (Object.keys(check.errors).length > 0) throw new AppError('VALIDATION', undefined, check.errors);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const row = {
      id,
      agency_id: agencyId,
      date_from: input.from,
      date_to: input.to,
      reason: input.reason,
      created_by: ctx.actor!.id,
      created_at: nowIso(ctx),
      withdrawn_at: null,
      withdrawn_by: null,
    };
    await insertCalendarClosure(trx, row);
    await bumpCacheGeneration(trx, calendarCacheScope);
    await recordAudit(trx, ctx, {
      action: 'calendar.closureAdded',
      entity: 'calendar_closure',
      entityId: id,
      after: { agencyId, from: input.from, to: input.to, reason: input.reason, warnings: check.warnings },
    });
  });
  return { id, hookFailures: await afterCalendarChange(ctx) };
}

export async function withdrawLocalClosure(ctx: UseCaseContext, id: string): Promise<CalendarChangeResult> {
  // Whoever may not manage the calendar at all learns nothing, not even whether the closure exists.
  requireCalendarAccess(ctx.actor);
  const closure = await findCalendarClosure(ctx.db, id);
  if (!closure) throw new AppError('NOT_FOUND', '未找到该停止办公记录');
  await requireClosureScope(ctx, closure.agency_id);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await withdrawCalendarClosure(trx, id, ctx.actor!.id, nowIso(ctx))))
      throw new AppError('CONFLICT', '该停止办公记录已撤销');
    await bumpCacheGeneration(trx, calendarCacheScope);
    await recordAudit(trx, ctx, {
      action: 'calendar.closureWithdrawn',
      entity: 'calendar_closure',
      entityId: id,
      before: { agencyId: closure.agency_id, from: closure.date_from, to: closure.date_to, reason: closure.reason },
    });
  });
  return { hookFailures: await afterCalendarChange(ctx) };
}
