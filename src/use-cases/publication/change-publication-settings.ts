import type { Updateable } from 'kysely';
import { AppError, type FieldErrors } from '../../core/platform/app-error.ts';
import { can, scopeOf } from '../../core/platform/policy.ts';
import { bumpCacheGeneration } from '../../db/repositories/platform/cache-generation-repository.ts';
import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import {
  insertPublicationSettingsOnce,
  updatePublicationSettingsVersioned,
} from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationSettingsTable } from '../../db/repositories/publication/publication-tables.ts';
import type { AgencyRow, Executor } from '../../db/schema.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { portalPagesScope } from './publish-core.ts';
import { loadPublicationSettings, type PublicationSettings } from './publication-settings.ts';

/**
 * The agency `agencyId` if the actor may configure its publication (`publication.configure`: the agency's 负责人,
 * the 系统管理员 for the agencies below). A role that configures nothing is refused; for the others an agency
 * outside their reach is not found — another agency's id reveals nothing.
 */
export async function settingsAgencyFor(ex: Executor, ctx: UseCaseContext, agencyId: string): Promise<AgencyRow> {
  if (!ctx.actor || scopeOf(ctx.actor, 'publication.configure') === null) throw new AppError('FORBIDDEN');
  const agency = /^[A-Za-z0-9_-]{1,64}$/.test(agencyId) ? await findAgency(ex, agencyId) : undefined;
  if (!agency || !can(ctx.actor, 'publication.configure', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('NOT_FOUND', '未找到该机构');
  return agency;
}

/**
 * The agencies whose settings the actor may open: the 负责人 their own; the 系统管理员 every agency of their subtree
 * (their picker). A role that configures nothing is refused.
 */
export async function configurableAgencies(ctx: UseCaseContext): Promise<AgencyRow[]> {
  const actor = ctx.actor;
  const scope = actor ? scopeOf(actor, 'publication.configure') : null;
  if (!actor || scope === null) throw new AppError('FORBIDDEN');
  if (scope === 'own') return listAgencies(ctx.db, { kind: 'agency', agencyId: actor.agencyId });
  return listAgencies(ctx.db, scope === 'any' ? { kind: 'all' } : { kind: 'subtree', path: actor.agencyPath });
}

/** Asked by the edges before they read a form (nothing is learnt from validation without the right). */
export async function requireSettingsAccess(ctx: UseCaseContext, agencyId: string): Promise<void> {
  await settingsAgencyFor(ctx.db, ctx, agencyId);
}

/** The settings pages' data: the agency and its settings (defaults until first saved). */
export async function settingsFor(
  ctx: UseCaseContext,
  agencyId: string,
): Promise<{ agency: AgencyRow; settings: PublicationSettings }> {
  const agency = await settingsAgencyFor(ctx.db, ctx, agencyId);
  return { agency, settings: await loadPublicationSettings(ctx.db, agency) };
}

export function settingsConflict(): AppError {
  return new AppError('CONFLICT', '设置已被他人修改，请查看最新设置后重新操作');
}

export interface SettingsChange {
  patch: Pick<
    Updateable<PublicationSettingsTable>,
    'catalogue' | 'review_steps' | 'wording' | 'webhook_url' | 'webhook_secret' | 'webhook_enabled'
  >;
  /** The audit entry's action and what it records (never the webhook secret). */
  action: string;
  before: unknown;
  after: unknown;
}

/**
 * One administrator's change of an agency's publication settings, in one transaction: access, a compare-and-set
 * on the settings version the form was loaded with (a stale or replayed form is refused, never applied twice), the
 * change, its audit entry, and a new portal cache generation (the catalogue and rules pages show settings).
 * `change` throws VALIDATION with Chinese messages per field.
 */
export async function changePublicationSettings(
  ctx: UseCaseContext,
  agencyId: string,
  version: number,
  change: (settings: PublicationSettings, ex: Executor) => Promise<SettingsChange> | SettingsChange,
): Promise<PublicationSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const agency = await settingsAgencyFor(trx, ctx, agencyId);
    const settings = await loadPublicationSettings(trx, agency);
    if (settings.version !== version) throw settingsConflict();
    const c = await change(settings, trx);
    const at = nowIso(ctx);
    if (!settings.stored) {
      // The first change stores the defaults (version 0) and then applies itself like any other.
      await insertPublicationSettingsOnce(trx, {
        agency_id: agency.id,
        catalogue: JSON.stringify(settings.catalogue),
        review_steps: JSON.stringify(settings.reviewChain),
        wording: JSON.stringify(settings.wording),
        index_granularity: settings.granularity,
        webhook_url: '',
        webhook_secret: '',
        webhook_enabled: 0,
        version: 0,
        updated_at: at,
      });
    }
    const row = await updatePublicationSettingsVersioned(trx, agency.id, version, { ...c.patch, updated_at: at });
    if (!row) throw settingsConflict();
    await recordAudit(trx, ctx, {
      action: c.action,
      entity: 'publication_settings',
      entityId: agency.id,
      before: c.before,
      after: c.after,
    });
    await bumpCacheGeneration(trx, portalPagesScope);
    return loadPublicationSettings(trx, agency);
  });
}

/** A VALIDATION error from field problems, when there are any. */
export function throwIfProblems(errors: FieldErrors, message?: string): void {
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION', message, errors);
}
