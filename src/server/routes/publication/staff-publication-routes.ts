import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError, isAppError } from '../../../core/platform/app-error.ts';
import { can, type Action } from '../../../core/platform/policy.ts';
import { requireItemAccess } from '../../../use-cases/publication/item-access.ts';
import { findAgency } from '../../../db/repositories/platform/agency-repository.ts';
import { createItem } from '../../../use-cases/publication/create-item.ts';
import { itemDetail } from '../../../use-cases/publication/item-detail.ts';
import { itemInput, itemUpdateInput } from '../../../use-cases/publication/item-input.ts';
import { removeAttachment } from '../../../use-cases/publication/item-attachments.ts';
import { listLateItems, listStaffItems } from '../../../use-cases/publication/list-staff-items.ts';
import { loadPublicationSettings } from '../../../use-cases/publication/publication-settings.ts';
import { publishInput, publishItem } from '../../../use-cases/publication/publish-item.ts';
import { reviewInput, reviewItem } from '../../../use-cases/publication/review-item.ts';
import { reviseInput, reviseItem } from '../../../use-cases/publication/revise-item.ts';
import { submitItem } from '../../../use-cases/publication/submit-item.ts';
import { updateItem } from '../../../use-cases/publication/update-item.ts';
import {
  replyInput,
  replySubmission,
  requireSubmissionReply,
  submissionFor,
} from '../../../use-cases/publication/submission-ledger.ts';
import { submissionReplyPage } from '../../views/publication/submission-pages.ts';
import { documentsPage } from '../../views/publication/document-pages.ts';
import {
  listRegisteredDocuments,
  registerDocument,
  registerDocumentInput,
} from '../../../use-cases/publication/register-document.ts';
import { withdrawInput, withdrawItem } from '../../../use-cases/publication/withdraw-item.ts';
import { errorStatus } from '../../error-status.ts';
import type { AppEnv } from '../../app-env.ts';
import { formFailure } from '../../http/form-failure.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import type { FormState } from '../../views/form-parts.ts';
import {
  itemDetailPage,
  itemFormPage,
  itemListPage,
  itemValues,
  latePage,
} from '../../views/publication/staff-publication-pages.ts';
import { portalCacheScope } from '../portal/portal-routes.ts';
import { publicationSettingsRoutes } from './publication-settings-routes.ts';

const versionOnly = z.object({ version: z.number().int().min(1) });
const notices: Record<string, string> = {
  created: '已保存草稿。',
  saved: '已保存。',
  submitted: '已提交审核。',
  reviewed: '审核意见已提交。',
  published: '已发布。',
  scheduled: '已设置定时发布。',
  withdrawn: '已撤回。',
  revised: '已修订，原版本保存在历史版本中。',
  attached: '附件已上传。',
  imported: '已从 Word 文件导入正文。',
  detached: '附件已删除。',
};

/** 主动公开 in the back office: /staff/publication (drafting, checks, review chain, publication, timeliness). */
export function staffPublicationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/settings', publicationSettingsRoutes());

  app.get('/', async (c) => {
    const ctx = useCaseContext(c);
    if (
      !ctx.actor ||
      !can(ctx.actor, 'publication.read', { agencyId: ctx.actor.agencyId, agencyPath: ctx.actor.agencyPath })
    )
      throw new AppError('FORBIDDEN');
    const status = (c.req.query('status') ?? '').replace(/[^a-z]/g, '').slice(0, 20);
    const page = Math.min(10_000, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const list = await listStaffItems(ctx, { status, page });
    const own = { agencyId: ctx.actor.agencyId, agencyPath: ctx.actor.agencyPath };
    const may = {
      create: can(ctx.actor, 'publication.edit', own),
      configure: can(ctx.actor, 'publication.configure', own),
    };
    return renderPage(c, chromeFor(c, '主动公开', 'staff', 'publication'), itemListPage(list, status, may));
  });

  app.get('/late', async (c) => {
    const ctx = useCaseContext(c);
    if (
      !ctx.actor ||
      !can(ctx.actor, 'publication.read', { agencyId: ctx.actor.agencyId, agencyPath: ctx.actor.agencyPath })
    )
      throw new AppError('FORBIDDEN');
    return renderPage(c, chromeFor(c, '公开时效', 'staff', 'publication'), latePage(await listLateItems(ctx)));
  });

  app.get('/new', async (c) => {
    const state: FormState = { values: { validityStatus: 'in_force' }, errors: {} };
    return renderNew(c, state);
  });

  app.post('/', async (c) => {
    const values = formObject(await c.req.parseBody());
    try {
      const row = await createItem(useCaseContext(c), parseInput(itemInput, values));
      return c.redirect(`/staff/publication/items/${row.id}?done=created`, 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return renderNew(c, state, status);
    }
  });

  app.get('/items/:id', async (c) => {
    return renderDetail(c, c.req.query('done'));
  });

  app.get('/items/:id/edit', async (c) => {
    await requireItemAccess(useCaseContext(c), c.req.param('id'), 'publication.edit');
    const d = await itemDetail(useCaseContext(c), c.req.param('id'));
    return renderItemForm(c, d.item.id, { values: itemValues(d.item), errors: {} }, false);
  });

  app.post('/items/:id', async (c) => {
    const id = c.req.param('id');
    await requireItemAccess(useCaseContext(c), id, 'publication.edit');
    const values = formObject(await c.req.parseBody());
    try {
      await updateItem(useCaseContext(c), id, parseInput(itemUpdateInput, values));
      return c.redirect(`/staff/publication/items/${id}?done=saved`, 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return renderItemForm(c, id, state, false, status);
    }
  });

  app.get('/items/:id/revise', async (c) => {
    // Revising published information is its publisher's decision (use-cases/publication/revise-item.ts).
    await requireItemAccess(useCaseContext(c), c.req.param('id'), 'publication.publish');
    const d = await itemDetail(useCaseContext(c), c.req.param('id'));
    return renderItemForm(c, d.item.id, { values: itemValues(d.item), errors: {} }, true);
  });

  app.post('/items/:id/revise', async (c) => {
    const id = c.req.param('id');
    await requireItemAccess(useCaseContext(c), id, 'publication.publish');
    const values = formObject(await c.req.parseBody());
    try {
      await reviseItem(useCaseContext(c), id, parseInput(reviseInput, values));
      await c.get('pageCache').invalidate(portalCacheScope);
      return c.redirect(`/staff/publication/items/${id}?done=revised`, 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return renderItemForm(c, id, state, true, status);
    }
  });

  // The workflow steps: each one form, one use-case; a refusal shows the item again with the reason.
  const step = (
    path: string,
    action: Action,
    run: (c: Context<AppEnv>, id: string, values: Record<string, unknown>) => Promise<string>,
  ) =>
    app.post(`/items/:id/${path}`, async (c) => {
      const id = c.req.param('id');
      // The role is asked before the form is read.
      await requireItemAccess(useCaseContext(c), id, action);
      const values = formObject(await c.req.parseBody());
      try {
        const done = await run(c, id, values);
        return c.redirect(`/staff/publication/items/${id}?done=${done}`, 303);
      } catch (e) {
        if (!isAppError(e) || !['VALIDATION', 'CONFLICT'].includes(e.code)) throw e;
        const detail = Object.values(e.fields ?? {}).join('；');
        return renderDetail(c, undefined, `${e.message}${detail ? `：${detail}` : ''}`, errorStatus[e.code]);
      }
    });

  step('submit', 'publication.edit', async (c, id, v) => {
    await submitItem(useCaseContext(c), id, parseInput(versionOnly, v).version);
    return 'submitted';
  });
  step('review', 'publication.review', async (c, id, v) => {
    await reviewItem(useCaseContext(c), id, parseInput(reviewInput, v));
    return 'reviewed';
  });
  step('publish', 'publication.publish', async (c, id, v) => {
    const row = await publishItem(useCaseContext(c), id, parseInput(publishInput, v));
    await c.get('pageCache').invalidate(portalCacheScope);
    return row.status === 'scheduled' ? 'scheduled' : 'published';
  });
  step('withdraw', 'publication.publish', async (c, id, v) => {
    await withdrawItem(useCaseContext(c), id, parseInput(withdrawInput, v));
    await c.get('pageCache').invalidate(portalCacheScope);
    return 'withdrawn';
  });
  step('attachments/:aid/delete', 'publication.edit', async (c, id) => {
    await removeAttachment(useCaseContext(c), id, c.req.param('aid') ?? '');
    return 'detached';
  });

  const documents = async (c: Context<AppEnv>, state: FormState, status: ContentfulStatusCode = 200) => {
    const ctx = useCaseContext(c);
    const rows = await listRegisteredDocuments(ctx);
    const agency = await findAgency(ctx.db, ctx.actor!.agencyId);
    const settings = await loadPublicationSettings(ctx.db, agency!);
    const chrome = chromeFor(c, '公开属性认定', 'staff', 'publication');
    return renderPage(c, chrome, documentsPage(rows, settings.catalogue, state, chrome.csrfToken), status);
  };
  app.get('/documents', (c) => documents(c, { values: { kind: 'proactive' }, errors: {} }));
  app.post('/documents', async (c) => {
    const values = formObject(await c.req.parseBody());
    try {
      const r = await registerDocument(useCaseContext(c), parseInput(registerDocumentInput, values));
      return c.redirect(
        r.itemId ? `/staff/publication/items/${r.itemId}?done=created` : '/staff/publication/documents',
        303,
      );
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return documents(c, state, status);
    }
  });

  app.get('/submissions/:id', async (c) => {
    const d = await submissionFor(useCaseContext(c), c.req.param('id'));
    const chrome = chromeFor(c, '留言与纠错', 'staff', 'submissions');
    const state: FormState = { values: {}, errors: {}, message: c.req.query('done') ? '已答复' : undefined };
    return renderPage(c, chrome, submissionReplyPage(d, state, chrome.csrfToken));
  });

  app.post('/submissions/:id', async (c) => {
    const id = c.req.param('id');
    await requireSubmissionReply(useCaseContext(c), id);
    const values = formObject(await c.req.parseBody());
    try {
      await replySubmission(useCaseContext(c), id, parseInput(replyInput, values));
      return c.redirect(`/staff/publication/submissions/${id}?done=1`, 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      const d = await submissionFor(useCaseContext(c), id);
      const chrome = chromeFor(c, '留言与纠错', 'staff', 'submissions');
      return renderPage(c, chrome, submissionReplyPage(d, state, chrome.csrfToken), status);
    }
  });

  return app;
}

async function renderNew(c: Context<AppEnv>, state: FormState, status: ContentfulStatusCode = 200) {
  const ctx = useCaseContext(c);
  const agency = ctx.actor ? await findAgency(ctx.db, ctx.actor.agencyId) : undefined;
  if (!ctx.actor || !agency || !can(ctx.actor, 'publication.edit', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('FORBIDDEN');
  const settings = await loadPublicationSettings(ctx.db, agency);
  const page = itemFormPage({
    heading: '新建信息',
    action: '/staff/publication',
    catalogue: settings.catalogue,
    state,
    csrf: chromeFor(c, '', 'staff').csrfToken,
  });
  return renderPage(c, chromeFor(c, '新建信息', 'staff', 'publication'), page, status);
}

async function renderItemForm(
  c: Context<AppEnv>,
  id: string,
  state: FormState,
  revise: boolean,
  status: ContentfulStatusCode = 200,
) {
  const d = await itemDetail(useCaseContext(c), id);
  const page = itemFormPage({
    heading: revise ? `修订：${d.item.title}` : `编辑：${d.item.title}`,
    action: `/staff/publication/items/${id}${revise ? '/revise' : ''}`,
    catalogue: d.settings.catalogue,
    state: { ...state, values: { ...state.values, version: state.values['version'] ?? d.item.version } },
    csrf: chromeFor(c, '', 'staff').csrfToken,
    revise,
    currentColumn: d.item.catalogue,
  });
  return renderPage(c, chromeFor(c, revise ? '修订信息' : '编辑信息', 'staff', 'publication'), page, status);
}

export async function renderDetail(
  c: Context<AppEnv>,
  done: string | undefined,
  error?: string,
  status: ContentfulStatusCode = 200,
) {
  const ctx = useCaseContext(c);
  const d = await itemDetail(ctx, c.req.param('id') ?? '');
  const resource = { agencyId: d.agency.id, agencyPath: d.agency.path };
  const may = {
    edit: can(ctx.actor, 'publication.edit', resource),
    review: can(ctx.actor, 'publication.review', resource),
    publish: can(ctx.actor, 'publication.publish', resource),
    isAuthor: ctx.actor?.id === d.item.created_by,
  };
  const chrome = chromeFor(c, d.item.title, 'staff', 'publication');
  const body = itemDetailPage(d, chrome.csrfToken, may, done ? notices[done] : undefined);
  if (!error) return renderPage(c, chrome, body, status);
  return renderPage(
    c,
    chrome,
    html`<div class="notice error" role="alert">${error}</div>
      ${body}`,
    status,
  );
}
