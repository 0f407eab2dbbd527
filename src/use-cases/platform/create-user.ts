import { addUser } from './add-records.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { credentialNeedsApproval } from '../../core/platform/dual-control.ts';
import { can } from '../../core/platform/policy.ts';
import { isAdminRole, roleSetProblem } from '../../core/platform/roles.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { findUserByLogin } from '../../db/repositories/platform/user-repository.ts';
import type { UserRow } from '../../db/schema.ts';
import { type UseCaseContext } from './context.ts';
import { fileAccountRequest, type FiledRequest } from './file-account-request.ts';
import { newId } from './session-token.ts';
import type { CreateUserInput } from './user-input.ts';

export type CreatedUser = FiledRequest & { user: UserRow };

/**
 * Requests a new staff account. The system administrator requests accounts with business roles, the security
 * administrator accounts with an administrator role (三员分立). Nobody sets a password for someone else: the
 * account is created without one and without its roles, and a request goes to an administrator of the other
 * kind. On approval the roles apply and the approver receives the second half of the activation code; the
 * person sets their own password with both halves (activate-account.ts).
 */
export async function createUser(ctx: UseCaseContext, input: CreateUserInput): Promise<CreatedUser> {
  const agency = await findAgency(ctx.db, input.agencyId);
  if (!agency) throw new AppError('VALIDATION', undefined, { agencyId: '所属机构不存在' });
  const scoped = { agencyId: agency.id, agencyPath: agency.path };
  const roles = [...new Set(input.roles)];
  const wantsAdmin = roles.some(isAdminRole);
  if (!can(ctx.actor, wantsAdmin ? 'user.grantAdminRole' : 'user.create', scoped)) throw new AppError('FORBIDDEN');
  const roleProblem = roleSetProblem(roles);
  if (roleProblem) throw new AppError('VALIDATION', undefined, { roles: roleProblem });
  if (await findUserByLogin(ctx.db, input.login)) {
    // The same answer as a creation lost to a concurrent one (the UNIQUE constraint, src/db/db-error.ts).
    throw new AppError('DUPLICATE', undefined, { login: '该登录名已被使用' });
  }
  const needsApproval = credentialNeedsApproval(roles);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await addUser(trx, ctx, {
      id: newId(),
      login: input.login,
      display_name: input.displayName,
      email: input.email,
      // No password until the person activates the account with the two halves of the code.
      password_hash: '',
      agency_id: agency.id,
      // No roles until a second administrator approves.
      roles: JSON.stringify(needsApproval ? [] : roles),
      must_change_password: 0,
      is_demo: 0,
    });
    const filed = await fileAccountRequest(trx, ctx, {
      kind: 'create',
      userId: user.id,
      roles,
      agencyId: agency.id,
      needsApproval,
      codeHours: ctx.security.activationCodeHours,
    });
    return { ...filed, user };
  });
}
