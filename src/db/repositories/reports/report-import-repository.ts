import type { Executor, ReportImportFileRow } from '../../schema.ts';

/** A file of an import, as it is registered: pending, numbered from `firstSeq` in the order given. */
export interface NewImportFile {
  name: string;
  blob_sha256: string;
  /** The entry inside the ZIP blob, or null for a file uploaded as itself. */
  zip_entry: string | null;
}

export async function insertPendingImportFiles(
  ex: Executor,
  taskId: string,
  firstSeq: number,
  files: readonly NewImportFile[],
  at: string,
): Promise<void> {
  const rows: ReportImportFileRow[] = files.map((f, i) => ({
    task_id: taskId,
    seq: firstSeq + i,
    name: f.name.slice(0, 255),
    blob_sha256: f.blob_sha256,
    zip_entry: f.zip_entry,
    status: 'pending',
    message: '',
    report_id: null,
    error_count: 0,
    warning_count: 0,
    updated_at: at,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await ex
      .insertInto('report_import_files')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function listImportFiles(
  ex: Executor,
  taskId: string,
  filter: { status?: string; limit?: number } = {},
): Promise<ReportImportFileRow[]> {
  let q = ex.selectFrom('report_import_files').selectAll().where('task_id', '=', taskId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q
    .orderBy('seq')
    .limit(filter.limit ?? 100_000)
    .execute();
}

export async function nextImportSeq(ex: Executor, taskId: string): Promise<number> {
  const r = await ex
    .selectFrom('report_import_files')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** Settles one pending file; false when another worker already did (the row was no longer pending). */
export async function settleImportFile(
  ex: Executor,
  taskId: string,
  seq: number,
  patch: Pick<ReportImportFileRow, 'status' | 'message' | 'report_id' | 'error_count' | 'warning_count' | 'updated_at'>,
): Promise<boolean> {
  const r = await ex
    .updateTable('report_import_files')
    .set(patch)
    .where('task_id', '=', taskId)
    .where('seq', '=', seq)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countImportFiles(ex: Executor, taskId: string): Promise<Record<string, number>> {
  const rows = await ex
    .selectFrom('report_import_files')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('task_id', '=', taskId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A ZIP's entries join the task: its total grows by the entries less the ZIP itself. */
export async function growImportTotal(ex: Executor, taskId: string, by: number): Promise<void> {
  await ex
    .updateTable('background_tasks')
    .set((eb) => ({ total: eb('total', '+', by) }))
    .where('id', '=', taskId)
    .execute();
}

export async function setImportFileReport(ex: Executor, taskId: string, seq: number, reportId: string): Promise<void> {
  await ex
    .updateTable('report_import_files')
    .set({ report_id: reportId })
    .where('task_id', '=', taskId)
    .where('seq', '=', seq)
    .execute();
}
