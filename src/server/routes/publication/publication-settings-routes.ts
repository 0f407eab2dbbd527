import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { catalogueCodesInUse } from '../../../db/repositories/publication/publication-repository.ts';
import {
  addWordingEntry,
  removeWordingEntry,
  setShippedWordingEntry,
  shippedWordingInput,
  wordingEntryInput,
  wordingRemoveInput,
} from '../../../use-cases/publication/agency-wording-settings.ts';
import {
  configurableAgencies,
  requireSettingsAccess,
  settingsFor,
} from '../../../use-cases/publication/change-publication-settings.ts';
import { catalogueEditInput, editCatalogueSettings } from '../../../use-cases/publication/edit-catalogue-settings.ts';
import {
  reviewChainArrays,
  reviewChainInput,
  saveReviewChain,
} from '../../../use-cases/publication/save-review-chain.ts';
import {
  rotateSecretInput,
  rotateWebhookSecret,
  saveWebhook,
  webhookInput,
} from '../../../use-cases/publication/webhook-settings.ts';
import type { AppEnv } from '../../app-env.ts';
import { formFailure } from '../../http/form-failure.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import type { Html } from '../../views/layout.ts';
import {
  catalogueSettingsPage,
  reviewChainSettingsPage,
  settingsAgencyPicker,
  webhookSettingsPage,
  wordingSettingsPage,
  type FailedForm,
  type SettingsView,
} from '../../views/publication/publication-settings-pages.ts';
import { portalCacheScope } from '../portal/portal-routes.ts';

const notices: Record<string, string> = {
  catalogue: '公开目录已保存。',
  chain: '审核流程已保存，从下一次提交审核起适用。',
  wording: '词库已保存，立即用于发布前检查。',
  webhook: '推送设置已保存。',
};

type Page = (v: SettingsView) => Html;

/**
 * The agency administrators' settings of 主动公开 (/staff/publication/settings/:agencyId/…): 公开目录, review chain,
 * own 错敏词, outbound webhook. Plain forms (no JavaScript); every change is one use-case, audited, refused with
 * its Chinese messages next to the field and the person's input kept. Access is asked before a form is read.
 */
export function publicationSettingsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // One agency (the 负责人's own): straight to its settings; several (a 系统管理员's subtree): the picker.
  app.get('/', async (c) => {
    const agencies = await configurableAgencies(useCaseContext(c));
    if (agencies.length === 1) return c.redirect(`/staff/publication/settings/${agencies[0]!.id}`, 303);
    return renderPage(c, chromeFor(c, '主动公开设置', 'staff', 'publication'), settingsAgencyPicker(agencies));
  });

  const show = async (
    c: Context<AppEnv>,
    page: Page,
    extra: { failed?: FailedForm; newSecret?: string } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const ctx = useCaseContext(c);
    const { agency, settings } = await settingsFor(ctx, c.req.param('agencyId') ?? '');
    const chrome = chromeFor(c, '主动公开设置', 'staff', 'publication');
    const done = c.req.query('done');
    const view: SettingsView = {
      agency,
      settings,
      csrf: chrome.csrfToken,
      ...(done && notices[done] ? { notice: notices[done] } : {}),
      ...extra,
      ...(page === catalogueSettingsPage ? { columnsWithItems: await catalogueCodesInUse(ctx.db, agency.id) } : {}),
    };
    return renderPage(c, chrome, page(view), status);
  };

  app.get('/:agencyId', (c) => show(c, catalogueSettingsPage));
  app.get('/:agencyId/review-chain', (c) => show(c, reviewChainSettingsPage));
  app.get('/:agencyId/wording', (c) => show(c, wordingSettingsPage));
  app.get('/:agencyId/webhook', (c) => show(c, webhookSettingsPage));

  /**
   * A settings form: access first, then the form; success redirects to the page with a notice, a refusal shows
   * the page again with the failed form filled in as sent (`formName` says which form).
   */
  const change = (
    path: string,
    page: Page,
    opts: {
      arrays?: string[];
      formName: (values: Record<string, unknown>) => string;
      run: (c: Context<AppEnv>, agencyId: string, values: Record<string, unknown>) => Promise<string>;
    },
  ) =>
    app.post(`/:agencyId${path}`, async (c) => {
      const agencyId = c.req.param('agencyId') ?? '';
      await requireSettingsAccess(useCaseContext(c), agencyId);
      const values = formObject(await c.req.parseBody({ all: true }), opts.arrays);
      try {
        const done = await opts.run(c, agencyId, values);
        await c.get('pageCache').invalidate(portalCacheScope);
        return c.redirect(`/staff/publication/settings/${agencyId}${pageSuffix(page)}?done=${done}`, 303);
      } catch (e) {
        const { state, status } = formFailure(e, values);
        return show(c, page, { failed: { form: opts.formName(values), state } }, status);
      }
    });

  change('/catalogue', catalogueSettingsPage, {
    formName: (v) =>
      v['op'] === 'add' ? 'add' : `${typeof v['op'] === 'string' ? v['op'] : 'edit'}:${String(v['code'] ?? '')}`,
    run: async (c, agencyId, values) => {
      await editCatalogueSettings(useCaseContext(c), agencyId, parseInput(catalogueEditInput, values));
      return 'catalogue';
    },
  });
  change('/review-chain', reviewChainSettingsPage, {
    arrays: reviewChainArrays,
    formName: () => 'chain',
    run: async (c, agencyId, values) => {
      await saveReviewChain(useCaseContext(c), agencyId, parseInput(reviewChainInput, values));
      return 'chain';
    },
  });
  change('/wording', wordingSettingsPage, {
    formName: () => 'add',
    run: async (c, agencyId, values) => {
      await addWordingEntry(useCaseContext(c), agencyId, parseInput(wordingEntryInput, values));
      return 'wording';
    },
  });
  change('/wording/shipped', wordingSettingsPage, {
    formName: () => 'shipped',
    run: async (c, agencyId, values) => {
      await setShippedWordingEntry(useCaseContext(c), agencyId, parseInput(shippedWordingInput, values));
      return 'wording';
    },
  });
  change('/wording/remove', wordingSettingsPage, {
    formName: () => 'remove',
    run: async (c, agencyId, values) => {
      await removeWordingEntry(useCaseContext(c), agencyId, parseInput(wordingRemoveInput, values));
      return 'wording';
    },
  });
  change('/webhook', webhookSettingsPage, {
    formName: () => 'webhook',
    run: async (c, agencyId, values) => {
      const allowPrivate = c.get('deps').config.webhookAllowPrivate;
      await saveWebhook(useCaseContext(c), agencyId, parseInput(webhookInput, values), { allowPrivate });
      return 'webhook';
    },
  });

  // The new secret is shown once, in the answer to the rotation itself (never in a URL or a later page).
  app.post('/:agencyId/webhook/secret', async (c) => {
    const agencyId = c.req.param('agencyId') ?? '';
    await requireSettingsAccess(useCaseContext(c), agencyId);
    const values = formObject(await c.req.parseBody({ all: true }));
    try {
      const { secret } = await rotateWebhookSecret(useCaseContext(c), agencyId, parseInput(rotateSecretInput, values));
      return show(c, webhookSettingsPage, { newSecret: secret });
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return show(c, webhookSettingsPage, { failed: { form: 'rotate', state } }, status);
    }
  });

  return app;
}

function pageSuffix(page: Page): string {
  if (page === reviewChainSettingsPage) return '/review-chain';
  if (page === wordingSettingsPage) return '/wording';
  if (page === webhookSettingsPage) return '/webhook';
  return '';
}
