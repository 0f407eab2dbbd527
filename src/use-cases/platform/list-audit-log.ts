import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { listAudit, type AuditQuery } from '../../db/repositories/platform/audit-repository.ts';
import type { AuditLogRow } from '../../db/schema.ts';
import type { UseCaseContext } from './context.ts';

export async function listAuditLog(ctx: UseCaseContext, q: AuditQuery): Promise<AuditLogRow[]> {
  if (!can(ctx.actor, 'audit.read')) throw new AppError('FORBIDDEN');
  return listAudit(ctx.db, { ...q, limit: Math.min(Math.max(q.limit, 1), 500) });
}
