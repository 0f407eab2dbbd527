import { addAgency } from './add-records.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { agencyCodeProblem } from '../../core/platform/credit-code.ts';
import { can } from '../../core/platform/policy.ts';
import { findAgency, findAgencyByCode } from '../../db/repositories/platform/agency-repository.ts';
import type { AgencyRow } from '../../db/schema.ts';
import { guideColumns, type CreateAgencyInput } from './agency-input.ts';
import { type UseCaseContext } from './context.ts';
import { newId } from './session-token.ts';

export async function createAgency(ctx: UseCaseContext, input: CreateAgencyInput): Promise<AgencyRow> {
  const parent = await findAgency(ctx.db, input.parentId);
  if (!parent) throw new AppError('VALIDATION', undefined, { parentId: '上级机构不存在' });
  if (!can(ctx.actor, 'agency.create', { agencyId: parent.id, agencyPath: parent.path }))
    throw new AppError('FORBIDDEN');
  const codeProblem = agencyCodeProblem(input.code);
  if (codeProblem) throw new AppError('VALIDATION', undefined, { code: codeProblem });
  if (await findAgencyByCode(ctx.db, input.code)) {
    throw new AppError('VALIDATION', undefined, { code: '该机构代码已被其他机构使用' });
  }
  const id = newId();
  return ctx.db.transaction().execute((trx) =>
    addAgency(trx, ctx, {
      id,
      parent_id: parent.id,
      path: `${parent.path}${id}/`,
      name: input.name,
      code: input.code,
      kind: input.kind,
      ...guideColumns(input),
      report_deadline: input.reportDeadline,
      sort_order: input.sortOrder,
      is_demo: 0,
    }),
  );
}
