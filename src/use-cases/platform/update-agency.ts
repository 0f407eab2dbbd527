import { AppError } from '../../core/platform/app-error.ts';
import { agencyCodeProblem } from '../../core/platform/credit-code.ts';
import { can } from '../../core/platform/policy.ts';
import {
  findAgency,
  findAgencyByCode,
  updateAgencyVersioned,
} from '../../db/repositories/platform/agency-repository.ts';
import type { AgencyRow, AgencyUpdate } from '../../db/schema.ts';
import { guideColumns, type UpdateAgencyInput } from './agency-input.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { agencySnapshot } from './snapshots.ts';

type GuideInput = Pick<
  UpdateAgencyInput,
  'address' | 'postcode' | 'officeHours' | 'phone' | 'fax' | 'onlineChannel' | 'email' | 'version'
>;

/**
 * Saves an agency. Structure (name, code, kind, deadline) needs `agency.update`; the 公开指南 contact fields
 * alone need only `agency.updateGuide`. A stale `version` fails with CONFLICT and writes nothing.
 */
export async function updateAgency(
  ctx: UseCaseContext,
  id: string,
  input: UpdateAgencyInput | GuideInput,
): Promise<AgencyRow> {
  const current = await findAgency(ctx.db, id);
  if (!current) throw new AppError('NOT_FOUND', '未找到该机构');
  const scoped = { agencyId: current.id, agencyPath: current.path };
  const structural = 'name' in input;
  if (!can(ctx.actor, structural ? 'agency.update' : 'agency.updateGuide', scoped)) throw new AppError('FORBIDDEN');

  const patch: AgencyUpdate = {
    ...guideColumns(input),
    updated_at: nowIso(ctx),
  };
  if ('name' in input) {
    const codeProblem = agencyCodeProblem(input.code);
    if (codeProblem) throw new AppError('VALIDATION', undefined, { code: codeProblem });
    const sameCode = await findAgencyByCode(ctx.db, input.code);
    if (sameCode && sameCode.id !== id)
      throw new AppError('VALIDATION', undefined, { code: '该机构代码已被其他机构使用' });
    Object.assign(patch, {
      name: input.name,
      code: input.code,
      kind: input.kind,
      report_deadline: input.reportDeadline,
      sort_order: input.sortOrder,
    });
  }

  return ctx.db.transaction().execute(async (trx) => {
    const before = await findAgency(trx, id);
    const updated = await updateAgencyVersioned(trx, id, input.version, patch);
    if (!updated || !before) throw new AppError('CONFLICT');
    await recordAudit(trx, ctx, {
      action: structural ? 'agency.update' : 'agency.updateGuide',
      entity: 'agency',
      entityId: id,
      before: agencySnapshot(before),
      after: agencySnapshot(updated),
    });
    return updated;
  });
}
