import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isAppError } from '../../../core/platform/app-error.ts';
import { AppError } from '../../../core/platform/app-error.ts';
import { scopeOf, type Action } from '../../../core/platform/policy.ts';
import {
  draftAnswer,
  draftAnswerInput,
  reviewAnswer,
  reviewAnswerInput,
  signAnswer,
} from '../../../use-cases/cases/answer-approval.ts';
import { attachCaseFiles, caseFilesInput, staffCaseFile } from '../../../use-cases/cases/case-files.ts';
import { registerApplication, registeredApplicationInput } from '../../../use-cases/cases/create-case.ts';
import { caseListInput, listVisibleCases } from '../../../use-cases/cases/list-cases.ts';
import {
  addCaseNote,
  assignCase,
  assignCaseInput,
  caseActionInput,
  caseNoteInput,
  recordCaseAction,
} from '../../../use-cases/cases/record-case-action.ts';
import { staffCaseTables, staffCaseTablesInput } from '../../../use-cases/cases/staff-case-tables.ts';
import { viewCase } from '../../../use-cases/cases/view-case.ts';
import { requireCaseAccess, requireCaseRole } from '../../../use-cases/cases/case-record.ts';
import type { MiddlewareHandler } from 'hono';
import { listVisibleAgencies } from '../../../use-cases/platform/list-agencies.ts';
import { newSecret } from '../../../use-cases/platform/session-token.ts';
import type { AppEnv } from '../../app-env.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, csrfTokenFor, renderPage } from '../../http/render.ts';
import { actorOf, useCaseContext } from '../../http/use-case-context.ts';
import type { UploadRoute } from '../../http/uploads/upload-route.ts';
import { requireStaff } from '../../middleware/require-staff.ts';
import { receiptPage, registerPage } from '../../views/cases/apply-pages.ts';
import { caseListPage, casePage } from '../../views/cases/case-pages.ts';
import { caseTablesPage } from '../../views/cases/case-tables-page.ts';
import type { FormState } from '../../views/form-parts.ts';
import { blobDownload, caseUploadPolicy, uploadedFiles, uploadFields } from './case-http.ts';

const caseId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

function idOf(c: Context<AppEnv>): string {
  const r = caseId.safeParse(c.req.param('id'));
  if (!r.success) throw new AppError('NOT_FOUND', '未找到该申请');
  return r.data;
}

async function showCase(c: Context<AppEnv>, id: string, state: FormState, status: 200 | 409 | 422 = 200) {
  const v = await viewCase(useCaseContext(c), id);
  const answer = c.req.query('answer');
  if (answer && state.values['answer'] === undefined) state = { ...state, values: { ...state.values, answer } };
  return renderPage(
    c,
    chromeFor(c, `申请 ${v.row.tracking_code}`, 'staff', 'cases'),
    casePage(v, csrfTokenFor(c), state),
    status,
  );
}

/**
 * A form post on a case: one use-case; on success back to the case page (post → redirect → get); a refusal of
 * the state machine or a validation error re-renders the page with the message and the person's input.
 */
async function onCase(
  c: Context<AppEnv>,
  action: Action,
  run: (values: Record<string, unknown>, id: string) => Promise<unknown>,
) {
  // The role first: someone who may never do this gets 403 whatever they sent.
  requireCaseRole(useCaseContext(c), action);
  const id = idOf(c);
  // The role is asked before the form is read: someone who may not act learns nothing from its validation.
  await requireCaseAccess(useCaseContext(c), id, action);
  const values = formObject(await c.req.parseBody());
  try {
    await run(values, id);
    return c.redirect(`/staff/cases/${id}?saved=1`, 303);
  } catch (e) {
    if (!isAppError(e) || !['VALIDATION', 'CONFLICT'].includes(e.code)) throw e;
    return showCase(c, id, { values, errors: e.fields ?? {}, message: e.message }, e.code === 'CONFLICT' ? 409 : 422);
  }
}

/** /staff/cases: the list, tables 3 and 4, registration, the case page and its actions. */
export function staffCaseRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const ctx = useCaseContext(c);
    const q = c.req.query();
    const input = parseInput(caseListInput, { ...q, mine: q['mine'] ?? '' });
    const page = await listVisibleCases(ctx, input);
    const canRegister = scopeOf(ctx.actor!, 'case.handle') !== null;
    return renderPage(c, chromeFor(c, '依申请公开', 'staff', 'cases'), caseListPage(input, page, canRegister));
  });

  // Before '/:id': "tables" is not a case id.
  app.get('/tables', async (c) => {
    const ctx = useCaseContext(c);
    requireCaseRole(ctx, 'case.read');
    const tables = await staffCaseTables(ctx, parseInput(staffCaseTablesInput, c.req.query()));
    return renderPage(c, chromeFor(c, `${tables.year}年表三、表四`, 'staff', 'cases'), caseTablesPage(tables));
  });

  const registerForm = async (c: Context<AppEnv>, state: FormState, key: string, status: 200 | 422 | 403 = 200) => {
    const actor = actorOf(c)!;
    if (scopeOf(actor, 'case.handle') === null) throw new AppError('FORBIDDEN');
    const agencies = (await listVisibleAgencies(useCaseContext(c))).filter((a) => a.id === actor.agencyId);
    const chrome = chromeFor(c, '登记申请', 'staff', 'cases');
    return renderPage(c, chrome, registerPage(agencies, state, csrfTokenFor(c), key), status);
  };

  app.get('/register', (c) => registerForm(c, { values: { agencyId: actorOf(c)!.agencyId }, errors: {} }, newSecret()));

  app.post('/register', async (c) => {
    requireCaseRole(useCaseContext(c), 'case.handle');
    const values = formObject(await c.req.parseBody());
    try {
      const input = parseInput(registeredApplicationInput, values);
      const receipt = await registerApplication(useCaseContext(c), input);
      return renderPage(
        c,
        chromeFor(c, '申请回执', 'staff', 'cases'),
        receiptPage(receipt),
        receipt.created ? 201 : 200,
      );
    } catch (e) {
      if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
      const key = typeof values['idempotencyKey'] === 'string' ? values['idempotencyKey'] : newSecret();
      return registerForm(c, { values, errors: e.fields ?? {}, message: e.message }, key, 422);
    }
  });

  app.get('/:id', (c) =>
    showCase(c, idOf(c), { values: {}, errors: {}, message: c.req.query('saved') ? '已保存' : undefined }),
  );

  app.get('/:id/files/:seq', async (c) => {
    const seq = Number(c.req.param('seq'));
    if (!Number.isInteger(seq) || seq < 1 || seq > 1_000_000) throw new AppError('NOT_FOUND', '未找到该文件');
    const f = await staffCaseFile(useCaseContext(c), idOf(c), seq);
    return blobDownload(c, f.sha256, f.filename);
  });

  app.post('/:id/actions', (c) =>
    onCase(c, 'case.handle', (v, id) => recordCaseAction(useCaseContext(c), id, parseInput(caseActionInput, v))),
  );
  app.post('/:id/notes', (c) =>
    onCase(c, 'case.handle', (v, id) => addCaseNote(useCaseContext(c), id, parseInput(caseNoteInput, v))),
  );
  app.post('/:id/assign', (c) =>
    onCase(c, 'case.handle', (v, id) => assignCase(useCaseContext(c), id, parseInput(assignCaseInput, v))),
  );
  app.post('/:id/draft', (c) =>
    onCase(c, 'case.handle', (v, id) => {
      // The notice's blanks come as fields "v.<placeholder>".
      const values: Record<string, string> = {};
      for (const [k, x] of Object.entries(v)) if (k.startsWith('v.') && typeof x === 'string') values[k.slice(2)] = x;
      const input = parseInput(draftAnswerInput, {
        answer: v['answer'],
        contactPhone: v['contactPhone'] ?? '',
        values,
      });
      return draftAnswer(useCaseContext(c), id, input);
    }),
  );
  app.post('/:id/review', (c) =>
    onCase(c, 'case.review', (v, id) => reviewAnswer(useCaseContext(c), id, parseInput(reviewAnswerInput, v))),
  );
  app.post('/:id/sign', (c) => onCase(c, 'case.sign', (_v, id) => signAnswer(useCaseContext(c), id)));
  return app;
}

/** Before an upload is read: the role (403 whatever was sent), then this case (404 if it is not in view). */
function mayActOnCase(action: Action): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireCaseRole(useCaseContext(c), action);
    await requireCaseAccess(useCaseContext(c), idOf(c), action);
    await next();
  };
}

/** Files staff add to a case (released documents, internal material). */
export function caseFilesUploadRoute(): UploadRoute {
  return {
    method: 'POST',
    path: '/staff/cases/:id/files',
    policy: caseUploadPolicy,
    // Not a byte of the files is read for someone who may not add them to this case.
    before: [requireStaff('html'), mayActOnCase('case.handle')],
    handle: async (c, upload) => {
      const id = idOf(c);
      await attachCaseFiles(
        useCaseContext(c),
        id,
        parseInput(caseFilesInput, uploadFields(upload)),
        uploadedFiles(upload),
      );
      return c.redirect(`/staff/cases/${id}?saved=1`, 303);
    },
  };
}
