import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { findBackgroundTask, listBackgroundTasks } from '../../db/repositories/jobs/background-task-repository.ts';
import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import { listImportFiles } from '../../db/repositories/reports/report-import-repository.ts';
import type { BackgroundTaskRow, ReportImportFileRow } from '../../db/schema.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { reportScopeFor } from './report-access.ts';
import { IMPORT_TASK } from './start-report-import.ts';

/** The import tasks started in the supervisor's subtree, newest first. */
export async function listImports(ctx: UseCaseContext): Promise<BackgroundTaskRow[]> {
  const scope = reportScopeFor(ctx.actor, 'report.import');
  if (!scope || scope.kind !== 'subtree') throw new AppError('FORBIDDEN');
  const ids = (await listAgencies(ctx.db, { kind: 'subtree', path: scope.path })).map((a) => a.id);
  return listBackgroundTasks(ctx.db, { agencyIds: ids, kind: IMPORT_TASK, limit: 50 });
}

/** One import with its files; a task of another subtree is not found. */
export async function viewImport(
  ctx: UseCaseContext,
  taskId: string,
): Promise<{ task: BackgroundTaskRow; files: ReportImportFileRow[] }> {
  const task = await findBackgroundTask(ctx.db, taskId);
  const agency = task?.kind === IMPORT_TASK && task.agency_id ? await findAgency(ctx.db, task.agency_id) : undefined;
  if (!task || !agency || !can(ctx.actor, 'report.import', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('NOT_FOUND', '未找到该导入任务');
  return { task, files: await listImportFiles(ctx.db, taskId, { limit: 5000 }) };
}
