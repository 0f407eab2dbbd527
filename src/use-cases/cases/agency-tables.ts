import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { caseTablesFor } from './case-tables-for.ts';

export const agencyTablesInput = z.object({
  year: z.number().int().min(2008, '年份不早于2008').max(2100, '年份无效'),
  /** The agency and every agency below it (a district's consolidated figures). */
  subtree: z.boolean().default(false),
});

/**
 * Tables 3 and 4 (and the fees) of an agency — or its subtree — for a year, for the annual report (issue 7 item 8).
 * Only for staff who may read the agency's cases; another agency's id is NOT_FOUND.
 */
export async function agencyTables(ctx: UseCaseContext, agencyId: string, input: z.infer<typeof agencyTablesInput>) {
  const agency = await findAgency(ctx.db, agencyId);
  if (!agency || !can(ctx.actor, 'case.read', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('NOT_FOUND', '未找到该机构');
  let ids = [agency.id];
  if (input.subtree) {
    const below = await listAgencies(ctx.db, { kind: 'subtree', path: agency.path });
    // The actor must be able to read each one (a head reads only its own agency).
    ids = below.filter((a) => can(ctx.actor, 'case.read', { agencyId: a.id, agencyPath: a.path })).map((a) => a.id);
  }
  const tables = await caseTablesFor(ctx.db, ids, input.year);
  return { agencyId: agency.id, agencyName: agency.name, year: input.year, agencies: ids.length, ...tables };
}
