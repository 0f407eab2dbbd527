import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { insertBackgroundTask } from '../../db/repositories/jobs/background-task-repository.ts';
import { enqueueJob } from '../../db/repositories/jobs/job-repository.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { insertPendingImportFiles } from '../../db/repositories/reports/report-import-repository.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { agencyFor } from './report-access.ts';

export const importInput = z.object({
  /** All files are this agency's; blank: each report's 机关名称 names its agency within the supervisor's subtree. */
  agencyId: z.string().max(64).default(''),
  /** All files are of this year; blank: each report's own year. */
  year: z.number().int().min(2021).max(2100).optional(),
});

export const IMPORT_TASK = 'reports.import';

export interface ImportedFileRef {
  name: string;
  sha256: string;
}

/**
 * A supervisor's upload of published reports (issue 9 item 6): one background task, one row per file, one job —
 * all in one transaction, so the job exists exactly when the files are recorded. The job does the reading.
 */
export async function startReportImport(
  ctx: UseCaseContext,
  input: z.infer<typeof importInput>,
  files: readonly ImportedFileRef[],
): Promise<string> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const home = await findAgency(ctx.db, actor.agencyId);
  if (!home || !can(actor, 'report.import', { agencyId: home.id, agencyPath: home.path }))
    throw new AppError('FORBIDDEN');
  if (input.agencyId !== '') await agencyFor(ctx.db, actor, input.agencyId, 'report.import');
  if (files.length === 0)
    throw new AppError('VALIDATION', '请选择要导入的报告文件', { files: '请选择要导入的报告文件' });
  const taskId = newId();
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await insertBackgroundTask(trx, {
      id: taskId,
      kind: IMPORT_TASK,
      agencyId: home.id,
      createdBy: actor.id,
      title: `导入年度报告（${files.length}个文件）`,
      total: files.length,
      input: { agencyId: input.agencyId || null, year: input.year ?? null },
      now: ctx.clock(),
    });
    await insertPendingImportFiles(
      trx,
      taskId,
      1,
      files.map((f) => ({ name: f.name, blob_sha256: f.sha256, zip_entry: null })),
      at,
    );
    await enqueueJob(trx, { task: IMPORT_TASK, payload: { taskId }, key: `${IMPORT_TASK}:${taskId}` });
    await recordAudit(trx, ctx, {
      action: 'report.import.start',
      entity: 'background_task',
      entityId: taskId,
      after: { files: files.length, agencyId: input.agencyId || null, year: input.year ?? null },
    });
  });
  return taskId;
}
