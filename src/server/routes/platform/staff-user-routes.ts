import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { can, scopeOf } from '../../../core/platform/policy.ts';
import { allRoles, isAdminRole } from '../../../core/platform/roles.ts';
import { listAgencies } from '../../../db/repositories/platform/agency-repository.ts';
import type { UserWithAgency } from '../../../db/repositories/platform/user-repository.ts';
import { parseRoles } from '../../../use-cases/platform/actor-from-user.ts';
import { agencyFilterFor } from '../../../use-cases/platform/agency-filter-for.ts';
import { createUser } from '../../../use-cases/platform/create-user.ts';
import { getUserForStaff, listVisibleUsers } from '../../../use-cases/platform/list-users.ts';
import { resetPassword, resetPasswordInput } from '../../../use-cases/platform/reset-password.ts';
import { unlockUser } from '../../../use-cases/platform/unlock-user.ts';
import { updateUser } from '../../../use-cases/platform/update-user.ts';
import { createUserInput, updateUserInput } from '../../../use-cases/platform/user-input.ts';
import type { AppEnv } from '../../app-env.ts';
import { formFailure } from '../../http/form-failure.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { actorOf, useCaseContext } from '../../http/use-case-context.ts';
import { AppError } from '../../../core/platform/app-error.ts';
import type { FormState } from '../../views/form-parts.ts';
import { userFormPage, userListPage } from '../../views/platform/user-pages.ts';

function userToForm(u: UserWithAgency): Record<string, unknown> {
  return {
    login: u.login,
    displayName: u.display_name,
    agencyId: u.agency_id,
    roles: parseRoles(u.roles),
    disabled: u.disabled === 1,
    version: u.version,
  };
}

export function staffUserRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** Roles the actor may hand out: business roles for user.update, administrator roles for user.grantAdminRole. */
  function grantable(c: Context<AppEnv>) {
    const a = actorOf(c);
    if (!a) return [];
    return allRoles.filter(
      (r) => (isAdminRole(r) ? scopeOf(a, 'user.grantAdminRole') : scopeOf(a, 'user.update')) !== null,
    );
  }

  async function agencyChoices(c: Context<AppEnv>) {
    const a = actorOf(c);
    const filter = agencyFilterFor(a, scopeOf(a!, 'user.create') ? 'user.create' : 'user.read');
    return listAgencies(c.get('deps').database.db, filter);
  }

  async function renderForm(
    c: Context<AppEnv>,
    state: FormState,
    user: UserWithAgency | null,
    status: ContentfulStatusCode = 200,
  ) {
    const actor = actorOf(c);
    const title = user ? `用户：${user.display_name}` : '新增用户';
    const page = userFormPage(state, chromeFor(c, title, 'staff').csrfToken, {
      action: user ? `/staff/users/${user.id}` : '/staff/users',
      title,
      isNew: !user,
      agencies: await agencyChoices(c),
      roles: grantable(c),
      unlock:
        user && can(actor, 'user.unlock', { agencyId: user.agency_id, agencyPath: user.agency_path })
          ? {
              action: `/staff/users/${user.id}/unlock`,
              resetAction: `/staff/users/${user.id}/password`,
              lockedUntil: user.locked_until,
              failedAttempts: user.failed_attempts,
            }
          : undefined,
    });
    return renderPage(c, chromeFor(c, title, 'staff', 'users'), page, status);
  }

  app.get('/', async (c) => {
    const ctx = useCaseContext(c);
    const users = await listVisibleUsers(ctx);
    if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
    const flash = c.req.query('saved')
      ? '已保存。'
      : c.req.query('unlocked')
        ? '已解除锁定。'
        : c.req.query('reset')
          ? '已重置密码，该用户下次登录须修改密码。'
          : undefined;
    const page = userListPage(
      users,
      scopeOf(ctx.actor, 'user.create') !== null || scopeOf(ctx.actor, 'user.grantAdminRole') !== null,
      ctx.clock().toISOString(),
      flash,
    );
    return renderPage(c, chromeFor(c, '用户管理', 'staff', 'users'), page);
  });

  app.get('/new', async (c) => {
    const a = actorOf(c);
    if (!a || (scopeOf(a, 'user.create') === null && scopeOf(a, 'user.grantAdminRole') === null))
      throw new AppError('FORBIDDEN');
    return renderForm(c, { values: { roles: [] }, errors: {} }, null);
  });

  app.post('/', async (c) => {
    const values = formObject(await c.req.parseBody({ all: true }), ['roles']);
    try {
      await createUser(useCaseContext(c), parseInput(createUserInput, values));
      return c.redirect('/staff/users?saved=1', 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return renderForm(c, state, null, status);
    }
  });

  app.get('/:id', async (c) => {
    const u = await getUserForStaff(useCaseContext(c), c.req.param('id'));
    return renderForm(
      c,
      { values: userToForm(u), errors: {}, message: c.req.query('saved') ? '已保存' : undefined },
      u,
    );
  });

  app.post('/:id', async (c) => {
    const ctx = useCaseContext(c);
    const u = await getUserForStaff(ctx, c.req.param('id'));
    const values = formObject(await c.req.parseBody({ all: true }), ['roles']);
    // Unchecked checkbox: absent from the form.
    values['disabled'] = values['disabled'] === '1';
    try {
      await updateUser(ctx, u.id, parseInput(updateUserInput, values));
      return c.redirect(`/staff/users/${u.id}?saved=1`, 303);
    } catch (e) {
      const { state, status } = formFailure(e, { ...userToForm(u), ...values });
      return renderForm(c, state, u, status);
    }
  });

  app.post('/:id/password', async (c) => {
    const ctx = useCaseContext(c);
    const u = await getUserForStaff(ctx, c.req.param('id'));
    const values = formObject(await c.req.parseBody());
    try {
      await resetPassword(ctx, u.id, parseInput(resetPasswordInput, values));
      return c.redirect('/staff/users?reset=1', 303);
    } catch (e) {
      const { state, status } = formFailure(e, userToForm(u));
      return renderForm(c, state, u, status);
    }
  });

  app.post('/:id/unlock', async (c) => {
    await unlockUser(useCaseContext(c), c.req.param('id'));
    return c.redirect('/staff/users?unlocked=1', 303);
  });

  return app;
}
