import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { findCaseEvent } from '../../db/repositories/cases/case-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { loadCaseFor, saveCaseChange } from './case-record.ts';

export const caseFilesInput = z.object({
  purpose: z.enum(['released', 'internal'], { message: '请选择文件用途' }),
});

/**
 * Files staff add to a case (uploaded through the upload mechanism into the blob store): documents released with
 * the answer go to the applicant's page; internal ones (consultation replies, drafts) stay with staff.
 */
export async function attachCaseFiles(
  ctx: UseCaseContext,
  caseId: string,
  input: z.infer<typeof caseFilesInput>,
  files: readonly { sha256: string; filename: string }[],
): Promise<void> {
  if (files.length === 0) throw new AppError('VALIDATION', undefined, { files: '请选择要上传的文件' });
  const loaded = await loadCaseFor(ctx, caseId, 'case.handle');
  const released = input.purpose === 'released';
  await ctx.db.transaction().execute((trx) =>
    saveCaseChange(trx, ctx, loaded, {
      action: 'case.files',
      entries: files.map((f) => ({
        kind: 'file' as const,
        body: released ? '提供的政府信息' : '内部材料',
        toApplicant: released,
        blobSha256: f.sha256,
        filename: f.filename,
      })),
    }),
  );
}

/** A file of a case a staff member may read: its blob hash and name, or NOT_FOUND. */
export async function staffCaseFile(
  ctx: UseCaseContext,
  caseId: string,
  seq: number,
): Promise<{ sha256: string; filename: string }> {
  await loadCaseFor(ctx, caseId, 'case.read');
  const e = await findCaseEvent(ctx.db, caseId, seq);
  if (!e || !e.blob_sha256) throw new AppError('NOT_FOUND', '未找到该文件');
  return { sha256: e.blob_sha256, filename: e.filename ?? '文件' };
}
