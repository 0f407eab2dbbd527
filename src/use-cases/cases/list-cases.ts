import { z } from 'zod';
import { addWorkingDays } from '../../core/calendar/add-working-days.ts';
import { OUTCOME_ROWS } from '../../core/cases/outcome-row.ts';
import { T3_COLUMNS } from '../../core/report/layout.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { scopeOf } from '../../core/platform/policy.ts';
import {
  countCases,
  listCases,
  type CaseListQuery,
  type CaseWithAgency,
} from '../../db/repositories/cases/case-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { agencyFilterFor } from '../platform/agency-filter-for.ts';
import { calendarForAgency } from './case-calendar.ts';
import { today } from './case-record.ts';

export const CASE_PAGE_SIZE = 50;
const T3_ROW_KEYS = ['new', 'carriedOver', ...OUTCOME_ROWS, 'total', 'carryForward'] as const;

export const caseListInput = z.object({
  status: z
    .enum(['open', 'inProgress', 'awaitingCorrection', 'paused', 'answered', 'withdrawn', 'abandoned', ''])
    .default(''),
  /** dueSoon: open and due within 5 working days; overdue: open and past the due date. */
  due: z.enum(['dueSoon', 'overdue', '']).default(''),
  mine: z.boolean().default(false),
  year: z.number().int().min(2000).max(2100).optional(),
  /** Drill-down from the report: t3.<rowKey>.<column>. */
  cell: z
    .string()
    .regex(/^t3\.[A-Za-z0-9]+\.[a-z]+$/, '单元格格式应为 t3.行.列')
    .refine((c) => {
      const [, row, col] = c.split('.');
      return (T3_ROW_KEYS as readonly string[]).includes(row!) && (T3_COLUMNS as readonly string[]).includes(col!);
    }, '没有这个表三单元格')
    .optional(),
  /** agency: only the reader's own agency (a supervisor otherwise sees the subtree), as on the tables page. */
  scope: z.enum(['agency', 'subtree', '']).default(''),
  page: z.number().int().min(1).max(100000).default(1),
});
export type CaseListInput = z.infer<typeof caseListInput>;

export interface CaseListPage {
  rows: CaseWithAgency[];
  page: number;
  hasMore: boolean;
  today: string;
  /** The 50-per-page count of the current filter is not computed on every page; it is on the first. */
  total: number | null;
}

/**
 * The staff case list: the agency's own cases (上级监督: the whole subtree), filtered by status, due soon / overdue,
 * assignee, or a table-3 cell of a year; open cases by due date first, 50 per page.
 */
export async function listVisibleCases(ctx: UseCaseContext, input: CaseListInput): Promise<CaseListPage> {
  if (!ctx.actor || scopeOf(ctx.actor, 'case.read') === null) throw new AppError('FORBIDDEN');
  const filter =
    input.scope === 'agency'
      ? ({ kind: 'agency', agencyId: ctx.actor.agencyId } as const)
      : agencyFilterFor(ctx.actor, 'case.read');
  const day = today(ctx);
  const q: Omit<CaseListQuery, 'limit' | 'offset'> = {};
  if (input.status === 'open') q.open = true;
  else if (input.status) q.statuses = [input.status];
  if (input.due === 'overdue') q.overdueOn = day;
  if (input.due === 'dueSoon') {
    const cal = await calendarForAgency(ctx.db, ctx.actor.agencyPath);
    const p = addWorkingDays(cal, day, 5, []);
    q.dueBy = p.ok ? p.value.due : day;
  }
  if (input.mine) q.assigneeId = ctx.actor.id;
  if (input.cell) {
    const [, row, column] = input.cell.split('.') as [string, string, string];
    q.cell = { year: input.year ?? Number(day.slice(0, 4)), row, column };
  }
  const { rows, hasMore } = await listCases(ctx.db, filter, {
    ...q,
    limit: CASE_PAGE_SIZE,
    offset: (input.page - 1) * CASE_PAGE_SIZE,
  });
  // Counted only for a report cell (the figure to check against the table), not on every page view.
  const total = input.cell ? await countCases(ctx.db, filter, q) : null;
  return { rows, page: input.page, hasMore, today: day, total };
}
