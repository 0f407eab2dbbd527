import { AppError } from '../../core/platform/app-error.ts';
import { can, scopeOf } from '../../core/platform/policy.ts';
import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import { listSubmissions, type SubmissionWithAgency } from '../../db/repositories/platform/submission-repository.ts';
import type { AgencyRow } from '../../db/schema.ts';
import { agencyFilterFor } from './agency-filter-for.ts';
import type { UseCaseContext } from './context.ts';

export interface StaffDashboard {
  agency: AgencyRow;
  /** Agencies below the actor's own that it supervises (上级监督) — empty otherwise. */
  supervised: AgencyRow[];
  submissions: SubmissionWithAgency[];
  canReadSubmissions: boolean;
}

/** 本机构工作台: the actor's agency and the work visible to it. Later modules add their queues here. */
export async function staffDashboard(ctx: UseCaseContext): Promise<StaffDashboard> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const agency = await findAgency(ctx.db, actor.agencyId);
  if (!agency || !can(actor, 'dashboard.view', { agencyId: agency.id, agencyPath: agency.path })) {
    throw new AppError('FORBIDDEN');
  }
  const supervised = actor.roles.includes('supervisor')
    ? (await listAgencies(ctx.db, { kind: 'subtree', path: actor.agencyPath })).filter((a) => a.id !== agency.id)
    : [];
  const canReadSubmissions = scopeOf(actor, 'submission.read') !== null;
  const submissions = canReadSubmissions
    ? await listSubmissions(ctx.db, agencyFilterFor(actor, 'submission.read'), 10)
    : [];
  return { agency, supervised, submissions, canReadSubmissions };
}
