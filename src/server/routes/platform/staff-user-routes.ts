import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { can, scopeOf } from '../../../core/platform/policy.ts';
import { allRoles, isAdminRole, roleLabels } from '../../../core/platform/roles.ts';
import { listAgencies } from '../../../db/repositories/platform/agency-repository.ts';
import { parseRoles } from '../../../use-cases/platform/actor-from-user.ts';
import { agencyFilterFor } from '../../../use-cases/platform/agency-filter-for.ts';
import { createUser } from '../../../use-cases/platform/create-user.ts';
import {
  getUserDetailForStaff,
  getUserForStaff,
  listVisibleUsers,
  type UserDetail,
} from '../../../use-cases/platform/list-users.ts';
import { resetPassword } from '../../../use-cases/platform/reset-password.ts';
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
import { codeHandoverPage } from '../../views/platform/account-request-pages.ts';
import { userFormPage, userListPage } from '../../views/platform/user-pages.ts';

function userToForm(d: UserDetail): Record<string, unknown> {
  const u = d.user;
  return {
    login: u.login,
    displayName: u.display_name,
    email: u.email,
    agencyId: u.agency_id,
    roles: d.requestedRoles ?? parseRoles(u.roles),
    disabled: u.disabled === 1,
    version: u.version,
  };
}

const pendingNotices: Record<string, string> = {
  create: '该账号的创建申请待批准：批准前没有任何角色，也无法登录。',
  grant: '该账号有一项角色或所属机构变更待批准：批准前仍按原角色和机构工作。',
  reset: '该账号有一项密码重置待批准：批准前原密码仍然有效。',
};

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
    detail: UserDetail | null,
    status: ContentfulStatusCode = 200,
  ) {
    const actor = actorOf(c);
    const user = detail?.user;
    const title = user ? `用户：${user.display_name}` : '新增用户';
    const scoped = user ? { agencyId: user.agency_id, agencyPath: user.agency_path } : undefined;
    const page = userFormPage(state, chromeFor(c, title, 'staff').csrfToken, {
      action: user ? `/staff/users/${user.id}` : '/staff/users',
      title,
      isNew: !user,
      agencies: await agencyChoices(c),
      roles: grantable(c),
      pendingNotice: user?.pending.map((k) => pendingNotices[k] ?? '').join(' ') || undefined,
      security:
        user && can(actor, 'user.unlock', scoped)
          ? {
              unlockAction: `/staff/users/${user.id}/unlock`,
              resetAction: `/staff/users/${user.id}/password`,
              recentFailures: detail.recentFailures,
              windowMinutes: useCaseContext(c).security.throttle.windowMinutes,
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
        ? '已清除该账号的登录失败记录。'
        : undefined;
    const page = userListPage(
      users,
      scopeOf(ctx.actor, 'user.create') !== null || scopeOf(ctx.actor, 'user.grantAdminRole') !== null,
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
      const created = await createUser(useCaseContext(c), parseInput(createUserInput, values));
      // Shown once, in the answer to the POST (never in a URL or a redirect): the first half of the code.
      const approver = created.request.requester_role === 'secadmin' ? '系统管理员' : '安全管理员';
      const roles = parseRoles(created.request.roles ?? '[]').map((r) => roleLabels[r]);
      const page = codeHandoverPage({
        title: '账号申请已提交',
        notice:
          created.request.status === 'pending'
            ? `账号 ${created.user.login}（${roles.join('、')}）已创建，待${approver}批准后生效。`
            : `账号 ${created.user.login} 已创建。`,
        login: created.user.login,
        part: 1,
        code: created.codePart1 ?? '',
        otherCode: created.codePart2,
        otherHolder: `批准申请的${approver}`,
        validity: `激活码自批准起${useCaseContext(c).security.activationCodeHours}小时内有效。`,
      });
      return renderPage(c, chromeFor(c, '账号申请已提交', 'staff', 'users'), page, 201);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return renderForm(c, state, null, status);
    }
  });

  app.get('/:id', async (c) => {
    const d = await getUserDetailForStaff(useCaseContext(c), c.req.param('id'));
    const message = c.req.query('saved') ? '已保存' : undefined;
    return renderForm(c, { values: userToForm(d), errors: {}, message }, d);
  });

  app.post('/:id', async (c) => {
    const ctx = useCaseContext(c);
    const d = await getUserDetailForStaff(ctx, c.req.param('id'));
    const values = formObject(await c.req.parseBody({ all: true }), ['roles']);
    // Unchecked checkbox: absent from the form.
    values['disabled'] = values['disabled'] === '1';
    try {
      await updateUser(ctx, d.user.id, parseInput(updateUserInput, values));
      return c.redirect(`/staff/users/${d.user.id}?saved=1`, 303);
    } catch (e) {
      const { state, status } = formFailure(e, { ...userToForm(d), ...values });
      return renderForm(c, state, d, status);
    }
  });

  app.post('/:id/password', async (c) => {
    const ctx = useCaseContext(c);
    const u = await getUserForStaff(ctx, c.req.param('id'));
    const filed = await resetPassword(ctx, u.id);
    const page = codeHandoverPage({
      title: '密码重置申请已提交',
      notice:
        filed.request.status === 'pending'
          ? `账号 ${u.login} 的密码重置待系统管理员批准；批准前原密码仍然有效。`
          : `账号 ${u.login} 的原密码已失效。`,
      login: u.login,
      part: 1,
      code: filed.codePart1 ?? '',
      otherCode: filed.codePart2,
      otherHolder: '批准重置的系统管理员',
      validity: `激活码自批准起${ctx.security.resetCodeHours}小时内有效。`,
    });
    return renderPage(c, chromeFor(c, '密码重置申请已提交', 'staff', 'users'), page, 201);
  });

  app.post('/:id/unlock', async (c) => {
    await unlockUser(useCaseContext(c), c.req.param('id'));
    return c.redirect('/staff/users?unlocked=1', 303);
  });

  return app;
}
