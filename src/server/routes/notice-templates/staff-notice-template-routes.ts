import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError } from '../../../core/platform/app-error.ts';
import {
  listAgencyNoticeTemplates,
  noticeTemplateEditor,
  noticeTemplateInput,
  previewNoticeTemplate,
  revertNoticeTemplate,
  saveNoticeTemplate,
} from '../../../use-cases/notice-templates/edit-notice-template.ts';
import type { AppEnv } from '../../app-env.ts';
import { formFailure } from '../../http/form-failure.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { emptyForm, type FormState } from '../../views/form-parts.ts';
import {
  noticeTemplateEditorPage,
  noticeTemplateListPage,
} from '../../views/notice-templates/notice-template-pages.ts';

const revisionInput = z.object({ revision: z.number().int().min(0).max(1_000_000) });

function templateId(c: Context<AppEnv>): string {
  const id = c.req.param('templateId') ?? '';
  if (!/^[A-Za-z0-9]{1,40}$/.test(id)) throw new AppError('NOT_FOUND', '未找到该文书模板');
  return id;
}

/** /staff/notice-templates — the agency's own notice templates (docs/notice-templates.md). */
export function staffNoticeTemplateRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function editor(c: Context<AppEnv>, id: string, state: FormState, status: ContentfulStatusCode = 200) {
    const d = await noticeTemplateEditor(useCaseContext(c), id);
    const t = d.template;
    const filled: FormState = {
      ...state,
      values: { title: t.title, addressee: t.addressee, body: t.body, attachments: t.attachments, ...state.values },
    };
    const chrome = chromeFor(c, t.name, 'staff', 'noticeTemplates');
    return renderPage(c, chrome, noticeTemplateEditorPage(d, filled, chrome.csrfToken), status);
  }

  app.get('/', async (c) => {
    const rows = await listAgencyNoticeTemplates(useCaseContext(c));
    const flash = c.req.query('saved')
      ? '模板已保存。'
      : c.req.query('reverted')
        ? '已恢复为系统默认模板。'
        : undefined;
    return renderPage(c, chromeFor(c, '文书模板', 'staff', 'noticeTemplates'), noticeTemplateListPage(rows, flash));
  });

  app.get('/:templateId', (c) => editor(c, templateId(c), emptyForm));

  app.post('/:templateId', async (c) => {
    const id = templateId(c);
    const values = formObject(await c.req.parseBody());
    try {
      await saveNoticeTemplate(useCaseContext(c), id, parseInput(noticeTemplateInput, values));
      return c.redirect('/staff/notice-templates?saved=1', 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return editor(c, id, state, status);
    }
  });

  app.post('/:templateId/preview', async (c) => {
    const id = templateId(c);
    const values = formObject(await c.req.parseBody());
    try {
      const pdf = await previewNoticeTemplate(useCaseContext(c), id, parseInput(noticeTemplateInput, values));
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="preview-${id}.pdf"`,
      });
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return editor(c, id, state, status);
    }
  });

  app.post('/:templateId/revert', async (c) => {
    const id = templateId(c);
    const { revision } = parseInput(revisionInput, formObject(await c.req.parseBody()));
    await revertNoticeTemplate(useCaseContext(c), id, revision);
    return c.redirect('/staff/notice-templates?reverted=1', 303);
  });

  return app;
}
