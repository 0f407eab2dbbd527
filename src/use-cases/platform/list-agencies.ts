import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import type { AgencyRow, Db } from '../../db/schema.ts';
import { agencyFilterFor } from './agency-filter-for.ts';
import type { UseCaseContext } from './context.ts';

/** Agencies the actor may read, parents before children. */
export async function listVisibleAgencies(ctx: UseCaseContext): Promise<AgencyRow[]> {
  return listAgencies(ctx.db, agencyFilterFor(ctx.actor, 'agency.read'));
}

/** One agency for staff: readable if `agency.read`, `agency.update` or `agency.updateGuide` allows it. */
export async function getAgencyForStaff(ctx: UseCaseContext, id: string): Promise<AgencyRow> {
  const a = await findAgency(ctx.db, id);
  if (!a) throw new AppError('NOT_FOUND', '未找到该机构');
  const scoped = { agencyId: a.id, agencyPath: a.path };
  if (!can(ctx.actor, 'agency.read', scoped) && !can(ctx.actor, 'agency.updateGuide', scoped)) {
    throw new AppError('FORBIDDEN');
  }
  return a;
}

/**
 * The public list for the portal: every agency's name and 公开指南 contact details are public by law
 * (条例第十二条). Internal settings are not returned.
 */
export async function listPublicAgencies(db: Db): Promise<AgencyRow[]> {
  const rows = await listAgencies(db);
  return rows.map((r) => ({ ...r, settings: '{}' }));
}

export async function getPublicAgency(db: Db, id: string): Promise<AgencyRow> {
  const a = await findAgency(db, id);
  if (!a) throw new AppError('NOT_FOUND', '未找到该机构');
  return { ...a, settings: '{}' };
}
