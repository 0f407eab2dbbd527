import { addUser } from './add-records.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { passwordProblems } from '../../core/platform/password-rule.ts';
import { can } from '../../core/platform/policy.ts';
import { isAdminRole, roleSetProblem } from '../../core/platform/roles.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { findUserByLogin } from '../../db/repositories/platform/user-repository.ts';
import type { UserRow } from '../../db/schema.ts';
import { type UseCaseContext } from './context.ts';
import { hashPassword } from './password-hash.ts';
import { newId } from './session-token.ts';
import type { CreateUserInput } from './user-input.ts';

/**
 * Creates a staff account. The system administrator creates accounts with business roles; an administrator
 * role (三员) can only be handed out by the security administrator. The new user must change the initial
 * password at first login.
 */
export async function createUser(ctx: UseCaseContext, input: CreateUserInput): Promise<UserRow> {
  const agency = await findAgency(ctx.db, input.agencyId);
  if (!agency) throw new AppError('VALIDATION', undefined, { agencyId: '所属机构不存在' });
  const scoped = { agencyId: agency.id, agencyPath: agency.path };
  const wantsAdmin = input.roles.some(isAdminRole);
  if (!can(ctx.actor, wantsAdmin ? 'user.grantAdminRole' : 'user.create', scoped)) throw new AppError('FORBIDDEN');
  const roleProblem = roleSetProblem(input.roles);
  if (roleProblem) throw new AppError('VALIDATION', undefined, { roles: roleProblem });
  const pw = passwordProblems(input.initialPassword, input.login);
  if (pw.length > 0) throw new AppError('VALIDATION', undefined, { initialPassword: pw.join('；') });
  if (await findUserByLogin(ctx.db, input.login)) {
    // The same answer as a creation lost to a concurrent one (the UNIQUE constraint, src/db/db-error.ts).
    throw new AppError('DUPLICATE', undefined, { login: '该登录名已被使用' });
  }
  const hash = await hashPassword(input.initialPassword);
  return ctx.db.transaction().execute((trx) =>
    addUser(trx, ctx, {
      id: newId(),
      login: input.login,
      display_name: input.displayName,
      password_hash: hash,
      agency_id: agency.id,
      roles: JSON.stringify([...new Set(input.roles)]),
      must_change_password: 1,
      is_demo: 0,
    }),
  );
}
