import { AppError } from '../../core/platform/app-error.ts';
import { scopeOf } from '../../core/platform/policy.ts';
import { listSubmissions, type SubmissionWithAgency } from '../../db/repositories/platform/submission-repository.ts';
import { agencyFilterFor } from './agency-filter-for.ts';
import type { UseCaseContext } from './context.ts';

export async function listVisibleSubmissions(ctx: UseCaseContext, limit = 100): Promise<SubmissionWithAgency[]> {
  if (!ctx.actor || scopeOf(ctx.actor, 'submission.read') === null) throw new AppError('FORBIDDEN');
  return listSubmissions(ctx.db, agencyFilterFor(ctx.actor, 'submission.read'), limit);
}
