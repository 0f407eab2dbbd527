import type { Actor } from '../../core/platform/actor.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { can, scopeOf, type Action } from '../../core/platform/policy.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { findReport, type ReportScope } from '../../db/repositories/reports/report-repository.ts';
import type { AgencyRow, AnnualReportRow, Executor } from '../../db/schema.ts';

/** The repository scope of the reports the actor may see for `action`, or null for none. */
export function reportScopeFor(actor: Actor | null, action: Action): ReportScope | null {
  if (!actor) return null;
  const scope = scopeOf(actor, action);
  if (scope === null) return null;
  if (scope === 'own') return { kind: 'agency', agencyId: actor.agencyId };
  return { kind: 'subtree', path: actor.agencyPath };
}

export const scopedOf = (a: AgencyRow) => ({ agencyId: a.id, agencyPath: a.path });

/**
 * A report and its agency, if the actor may perform `action` on it. A report outside what the actor may even
 * read answers NOT_FOUND (ids of other agencies' reports are not confirmed to exist); readable but not allowed
 * answers FORBIDDEN.
 */
export async function reportFor(
  ex: Executor,
  actor: Actor | null,
  id: string,
  action: Action,
): Promise<{ row: AnnualReportRow; agency: AgencyRow }> {
  const row = await findReport(ex, id);
  const agency = row ? await findAgency(ex, row.agency_id) : undefined;
  if (!row || !agency || !can(actor, 'report.read', scopedOf(agency)))
    throw new AppError('NOT_FOUND', '未找到该年度报告');
  if (!can(actor, action, scopedOf(agency))) throw new AppError('FORBIDDEN');
  return { row, agency };
}

/** An agency the actor may act on for `action` (NOT_FOUND when it may not even read its reports). */
export async function agencyFor(
  ex: Executor,
  actor: Actor | null,
  agencyId: string,
  action: Action,
): Promise<AgencyRow> {
  const agency = await findAgency(ex, agencyId);
  if (!agency || !can(actor, 'report.read', scopedOf(agency))) throw new AppError('NOT_FOUND', '未找到该机构');
  if (!can(actor, action, scopedOf(agency))) throw new AppError('FORBIDDEN');
  return agency;
}
