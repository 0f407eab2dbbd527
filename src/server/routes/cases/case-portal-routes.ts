import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, isAppError } from '../../../core/platform/app-error.ts';
import { onlineApplicationInput, submitOnlineApplication } from '../../../use-cases/cases/create-case.ts';
import {
  correctionInput,
  submitCorrection,
  trackCase,
  trackedFile,
  trackingInput,
} from '../../../use-cases/cases/track-case.ts';
import { newSecret } from '../../../use-cases/platform/session-token.ts';
import type { AppEnv } from '../../app-env.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, csrfTokenFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import type { UploadRoute } from '../../http/uploads/upload-route.ts';
import { applyPage, receiptPage, trackedPage, trackFormPage } from '../../views/cases/apply-pages.ts';
import {
  blobDownload,
  caseUploadPolicy,
  publicCaseLimit,
  trackingLimit,
  uploadedFiles,
  uploadFields,
} from './case-http.ts';
import type { Context } from 'hono';

async function publicAgency(c: Context<AppEnv>, id: string) {
  const agency = (await c.get('publicAgencies').get()).find((a) => a.id === id);
  if (!agency) throw new AppError('NOT_FOUND', '未找到该机构');
  return agency;
}

/**
 * The applicant's side of 依申请公开, without an account: the online form per agency (multipart, with attachments;
 * see caseUploadRoutes), the 回执, tracking by code + secret, 补正 and downloads. No JavaScript needed.
 */
export function casePortalRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/agencies/:id/apply', async (c) => {
    const agency = await publicAgency(c, c.req.param('id'));
    const chrome = chromeFor(c, `向${agency.name}申请政府信息公开`, 'portal', 'apply', true);
    return renderPage(c, chrome, applyPage(agency, { values: {}, errors: {} }, csrfTokenFor(c), newSecret()));
  });

  app.get('/apply/track', (c) => {
    const chrome = chromeFor(c, '办理进度查询', 'portal', 'track', true);
    return renderPage(c, chrome, trackFormPage({ values: {}, errors: {} }, csrfTokenFor(c)));
  });

  app.post('/apply/track', publicCaseLimit(), async (c) => {
    await trackingLimit(c);
    const values = formObject(await c.req.parseBody());
    const chrome = chromeFor(c, '办理进度查询', 'portal', 'track', true);
    try {
      const input = parseInput(trackingInput, values);
      const t = await trackCase(useCaseContext(c), input);
      return renderPage(
        c,
        chrome,
        trackedPage(t, csrfTokenFor(c), input.code, input.secret, { values: {}, errors: {} }),
      );
    } catch (e) {
      if (!isAppError(e) || (e.code !== 'VALIDATION' && e.code !== 'NOT_FOUND')) throw e;
      const state = { values: { code: values['code'] }, errors: e.fields ?? {}, message: e.message };
      return renderPage(c, chrome, trackFormPage(state, csrfTokenFor(c)), e.code === 'NOT_FOUND' ? 404 : 422);
    }
  });

  app.post('/apply/track/file', publicCaseLimit(), async (c) => {
    await trackingLimit(c);
    const input = parseInput(
      trackingInput.extend({ seq: z.number().int().min(1).max(1_000_000) }),
      formObject(await c.req.parseBody()),
    );
    const f = await trackedFile(useCaseContext(c), input);
    return blobDownload(c, f.sha256, f.filename);
  });

  app.post('/apply/track/correction', publicCaseLimit(), async (c) => {
    await trackingLimit(c);
    const values = formObject(await c.req.parseBody());
    const ctx = useCaseContext(c);
    const chrome = chromeFor(c, '办理进度查询', 'portal', 'track', true);
    const creds = parseInput(trackingInput, values);
    let state = { values, errors: {}, message: '补正已提交' } as {
      values: Record<string, unknown>;
      errors: Record<string, string>;
      message?: string;
    };
    let status: 200 | 409 | 422 = 200;
    try {
      await submitCorrection(ctx, parseInput(correctionInput, values));
    } catch (e) {
      if (!isAppError(e) || (e.code !== 'VALIDATION' && e.code !== 'CONFLICT')) throw e;
      state = { values, errors: e.fields ?? {}, message: e.message };
      status = e.code === 'CONFLICT' ? 409 : 422;
    }
    const t = await trackCase(ctx, creds);
    return renderPage(c, chrome, trackedPage(t, csrfTokenFor(c), creds.code, creds.secret, state), status);
  });

  return app;
}

/** The online application form receives attachments: an upload route with its own streamed limits. */
export function caseApplyUploadRoute(): UploadRoute {
  return {
    method: 'POST',
    path: '/agencies/:id/apply',
    policy: caseUploadPolicy,
    before: [publicCaseLimit()],
    handle: async (c, upload) => {
      const agency = await publicAgency(c, c.req.param('id') ?? '');
      const values: Record<string, unknown> = { ...uploadFields(upload), agencyId: agency.id };
      try {
        const input = parseInput(onlineApplicationInput, values);
        const receipt = await submitOnlineApplication(useCaseContext(c), input, uploadedFiles(upload));
        return renderPage(
          c,
          chromeFor(c, '申请回执', 'portal', 'apply'),
          receiptPage(receipt),
          receipt.created ? 201 : 200,
        );
      } catch (e) {
        if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
        // Nothing typed is lost: the form comes back with every value and the message beside each field.
        const key = typeof values['idempotencyKey'] === 'string' ? values['idempotencyKey'] : newSecret();
        const state = { values, errors: e.fields ?? {}, message: e.message };
        const chrome = chromeFor(c, `向${agency.name}申请政府信息公开`, 'portal', 'apply', true);
        return renderPage(c, chrome, applyPage(agency, state, csrfTokenFor(c), key), 422);
      }
    },
  };
}
