import { z } from 'zod';
import type { Report2021 } from '../../core/report/report-schema.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { scopeOf } from '../../core/platform/policy.ts';
import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { caseTablesFor } from './case-tables-for.ts';
import { today } from './case-record.ts';

export const staffCaseTablesInput = z.object({
  year: z.number().int().min(2008, '年份不早于2008').max(2100, '年份无效').optional(),
  /** agency: the actor's own agency; subtree: it and every agency below (上级监督 only). Default: the widest. */
  scope: z.enum(['agency', 'subtree', '']).default(''),
});
export type StaffCaseTablesInput = z.infer<typeof staffCaseTablesInput>;

export interface StaffCaseTables {
  year: number;
  scope: 'agency' | 'subtree';
  /** Whether the reader may switch to the subtree (上级监督). */
  mayReadSubtree: boolean;
  agencyName: string;
  agencies: number;
  t3: Report2021['t3'];
  t4: Report2021['t4'];
  fees: { yuan: number; applications: number };
  /** The previous year's 四、结转下年度 (total): equals this year's 二、上年结转 by construction (X1). */
  previousCarryForward: number;
}

/**
 * Tables 3 and 4 of the signed-in person's agency — or, for the supervising office, its whole subtree — for a year,
 * from the case records (caseTablesFor, as the annual report takes them). The same scope as the case list, so each
 * cell's drill-down (`/staff/cases?year&cell&scope`) lists exactly the cases it counts.
 */
export async function staffCaseTables(ctx: UseCaseContext, input: StaffCaseTablesInput): Promise<StaffCaseTables> {
  const actor = ctx.actor;
  const readScope = actor ? scopeOf(actor, 'case.read') : null;
  if (!actor || readScope === null) throw new AppError('FORBIDDEN');
  const mayReadSubtree = readScope === 'subtree' || readScope === 'any';
  const scope = input.scope || (mayReadSubtree ? 'subtree' : 'agency');
  if (scope === 'subtree' && !mayReadSubtree) throw new AppError('FORBIDDEN', '只有上级监督可以查看下级机关的汇总');
  const agency = await findAgency(ctx.db, actor.agencyId);
  if (!agency) throw new AppError('NOT_FOUND', '未找到该机构');
  const ids =
    scope === 'subtree'
      ? (await listAgencies(ctx.db, { kind: 'subtree', path: agency.path })).map((a) => a.id)
      : [agency.id];
  const year = input.year ?? Number(today(ctx).slice(0, 4));
  const tables = await caseTablesFor(ctx.db, ids, year);
  const previous = await caseTablesFor(ctx.db, ids, year - 1);
  return {
    year,
    scope,
    mayReadSubtree,
    agencyName: agency.name,
    agencies: ids.length,
    ...tables,
    previousCarryForward: previous.t3.carryForward.total ?? 0,
  };
}
