import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AgencyRow } from '../../../db/schema.ts';
import { AppError } from '../../../core/platform/app-error.ts';
import { can } from '../../../core/platform/policy.ts';
import { findAgency } from '../../../db/repositories/platform/agency-repository.ts';
import {
  createAgencyInput,
  updateAgencyGuideInput,
  updateAgencyInput,
} from '../../../use-cases/platform/agency-input.ts';
import { createAgency } from '../../../use-cases/platform/create-agency.ts';
import { getAgencyForStaff, listVisibleAgencies } from '../../../use-cases/platform/list-agencies.ts';
import { updateAgency } from '../../../use-cases/platform/update-agency.ts';
import type { AppEnv } from '../../app-env.ts';
import { portalCacheScope } from '../portal/portal-routes.ts';
import { formFailure } from '../../http/form-failure.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { actorOf, useCaseContext } from '../../http/use-case-context.ts';
import { agencyFormPage, agencyListPage, agencyToForm } from '../../views/platform/agency-pages.ts';
import type { FormState } from '../../views/form-parts.ts';

const scoped = (a: { id: string; path: string }) => ({ agencyId: a.id, agencyPath: a.path });

export function staffAgencyRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const ctx = useCaseContext(c);
    let rows = await listVisibleAgencies(ctx);
    // A head without agency.read still manages its own 公开指南.
    if (rows.length === 0 && ctx.actor) rows = [await getAgencyForStaff(ctx, ctx.actor.agencyId)];
    const flash = c.req.query('saved') ? '已保存。' : undefined;
    const page = agencyListPage(rows, (a) => can(ctx.actor, 'agency.create', scoped(a)), flash);
    return renderPage(c, chromeFor(c, '机构管理', 'staff', 'agencies'), page);
  });

  app.get('/new', async (c) => {
    const parent = await findAgency(c.get('deps').database.db, c.req.query('parent') ?? '');
    if (!parent) throw new AppError('NOT_FOUND', '未找到上级机构');
    if (!can(actorOf(c), 'agency.create', scoped(parent))) throw new AppError('FORBIDDEN');
    const state: FormState = { values: { reportDeadline: '01-31', sortOrder: 0 }, errors: {} };
    return renderNewForm(c, state, parent);
  });

  app.post('/', async (c) => {
    const values = formObject(await c.req.parseBody());
    try {
      await createAgency(useCaseContext(c), parseInput(createAgencyInput, values));
      await c.get('pageCache').invalidate(portalCacheScope);
      return c.redirect('/staff/agencies?saved=1', 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      const parent = await findAgency(c.get('deps').database.db, String(values['parentId'] ?? ''));
      if (!parent) throw e;
      return renderNewForm(c, state, parent, status);
    }
  });

  app.get('/:id', async (c) => {
    const a = await getAgencyForStaff(useCaseContext(c), c.req.param('id'));
    const state: FormState = {
      values: agencyToForm(a),
      errors: {},
      message: c.req.query('saved') ? '已保存' : undefined,
    };
    return renderEditForm(c, state, a);
  });

  app.post('/:id', async (c) => {
    const ctx = useCaseContext(c);
    const a = await getAgencyForStaff(ctx, c.req.param('id'));
    const values = formObject(await c.req.parseBody());
    const structural = can(ctx.actor, 'agency.update', scoped(a));
    try {
      const input = structural ? parseInput(updateAgencyInput, values) : parseInput(updateAgencyGuideInput, values);
      await updateAgency(ctx, a.id, input);
      await c.get('pageCache').invalidate(portalCacheScope);
      return c.redirect(`/staff/agencies/${a.id}?saved=1`, 303);
    } catch (e) {
      const { state, status } = formFailure(e, { ...agencyToForm(a), ...values });
      return renderEditForm(c, state, a, status);
    }
  });

  function renderNewForm(c: Context<AppEnv>, state: FormState, parent: AgencyRow, status: ContentfulStatusCode = 200) {
    const page = agencyFormPage(state, chromeFor(c, '新增机构', 'staff').csrfToken, {
      action: '/staff/agencies',
      title: '新增机构',
      structural: true,
      parent,
      canSave: true,
    });
    return renderPage(c, chromeFor(c, '新增机构', 'staff', 'agencies'), page, status);
  }

  function renderEditForm(c: Context<AppEnv>, state: FormState, a: AgencyRow, status: ContentfulStatusCode = 200) {
    const actor = actorOf(c);
    const structural = can(actor, 'agency.update', scoped(a));
    const canSave = structural || can(actor, 'agency.updateGuide', scoped(a));
    const page = agencyFormPage(state, chromeFor(c, a.name, 'staff').csrfToken, {
      action: `/staff/agencies/${a.id}`,
      title: a.name,
      structural,
      canSave,
    });
    return renderPage(c, chromeFor(c, a.name, 'staff', 'agencies'), page, status);
  }

  return app;
}
