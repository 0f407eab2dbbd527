import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { findUser } from '../../db/repositories/platform/user-repository.ts';
import { createAgencyInput, updateAgencyGuideInput, updateAgencyInput } from '../../use-cases/platform/agency-input.ts';
import { changePassword, changePasswordInput } from '../../use-cases/platform/change-password.ts';
import { createAgency } from '../../use-cases/platform/create-agency.ts';
import { createUser } from '../../use-cases/platform/create-user.ts';
import { getPublicAgency, listPublicAgencies } from '../../use-cases/platform/list-agencies.ts';
import { listAuditLog } from '../../use-cases/platform/list-audit-log.ts';
import { listVisibleSubmissions } from '../../use-cases/platform/list-submissions.ts';
import { getUserForStaff, listVisibleUsers } from '../../use-cases/platform/list-users.ts';
import { logout } from '../../use-cases/platform/logout.ts';
import { publicFeedbackInput, submitPublicFeedback } from '../../use-cases/platform/submit-public-feedback.ts';
import { resetPassword } from '../../use-cases/platform/reset-password.ts';
import { activateAccount, activateAccountInput } from '../../use-cases/platform/activate-account.ts';
import { approveAccountRequest } from '../../use-cases/platform/approve-account-request.ts';
import { listAccountRequests } from '../../use-cases/platform/list-account-requests.ts';
import { rejectAccountRequest } from '../../use-cases/platform/reject-account-request.ts';
import { unlockUser } from '../../use-cases/platform/unlock-user.ts';
import { updateAgency } from '../../use-cases/platform/update-agency.ts';
import { updateUser } from '../../use-cases/platform/update-user.ts';
import { createUserInput, updateUserInput } from '../../use-cases/platform/user-input.ts';
import { verifyAuditChain } from '../../use-cases/platform/verify-audit-chain.ts';
import { can } from '../../core/platform/policy.ts';
import { referenceOf } from '../../use-cases/platform/submit-public-feedback.ts';
import type { AppEnv } from '../app-env.ts';
import { portalCacheScope } from './portal/portal-routes.ts';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie.ts';
import { parseInput, parseJson } from '../http/parse-input.ts';
import { limitAuthAttempts } from '../http/limit-auth-attempts.ts';
import { presentAccountRequest, presentAgency, presentAudit, presentUser } from '../http/presenters.ts';
import { useCaseContext } from '../http/use-case-context.ts';
import { startSession } from '../http/start-session.ts';
import { requireStaff } from '../middleware/require-staff.ts';
import { caseApiRoutes } from './cases/case-api-routes.ts';

async function jsonBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    const v = (await c.req.json()) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new AppError('VALIDATION', '请求体应为 JSON 对象');
}

/** Query of GET /audit: a page of entries before a sequence number, optionally filtered. */
const auditQuery = z.object({
  before: z.number().int().positive().max(2_147_483_647).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  action: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
});

/** The JSON API (/api/v1). Same use-cases as the pages; described in /api/openapi.json. */
export function apiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  const staff = requireStaff('api');

  api.post('/session', async (c) => {
    const r = await startSession(c, await jsonBody(c));
    return c.json({ user: r.actor, csrfToken: r.csrfToken, mustChangePassword: r.mustChangePassword });
  });

  api.delete('/session', staff, async (c) => {
    const s = c.get('session');
    if (s.kind === 'active') await logout(useCaseContext(c), s.token);
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  api.get('/me', staff, (c) => {
    const s = c.get('session');
    return c.json(s.kind === 'active' ? { user: s.actor, csrfToken: s.csrfToken } : {});
  });

  api.post('/me/password', staff, async (c) => {
    const input = parseJson(changePasswordInput, await jsonBody(c));
    const session = await changePassword(useCaseContext(c), input, c.req.header('user-agent') ?? '');
    setSessionCookie(c, session.sessionToken);
    return c.json({ ok: true, csrfToken: session.csrfToken });
  });

  api.get('/agencies', async (c) =>
    c.json({ items: (await listPublicAgencies(c.get('deps').database.db)).map(presentAgency) }),
  );
  api.get('/agencies/:id', async (c) =>
    c.json(presentAgency(await getPublicAgency(c.get('deps').database.db, c.req.param('id')))),
  );

  api.post('/agencies', staff, async (c) => {
    const row = await createAgency(useCaseContext(c), parseJson(createAgencyInput, await jsonBody(c)));
    await c.get('pageCache').invalidate(portalCacheScope);
    return c.json(presentAgency(row), 201);
  });

  api.put('/agencies/:id', staff, async (c) => {
    const ctx = useCaseContext(c);
    const body = await jsonBody(c);
    // A body with structure fields needs agency.update; contact fields alone need agency.updateGuide.
    const input = 'name' in body ? parseJson(updateAgencyInput, body) : parseJson(updateAgencyGuideInput, body);
    const row = await updateAgency(ctx, c.req.param('id'), input);
    await c.get('pageCache').invalidate(portalCacheScope);
    return c.json(presentAgency(row));
  });

  api.get('/users', staff, async (c) => {
    return c.json({ items: (await listVisibleUsers(useCaseContext(c))).map(presentUser) });
  });

  api.get('/users/:id', staff, async (c) =>
    c.json(presentUser(await getUserForStaff(useCaseContext(c), c.req.param('id')))),
  );

  api.post('/users', staff, async (c) => {
    const r = await createUser(useCaseContext(c), parseJson(createUserInput, await jsonBody(c)));
    // The requester's half of the activation code, shown once (dual control: the approver gets the other half).
    return c.json(
      {
        ...presentUser(r.user),
        request: presentAccountRequest(r.request),
        activationCodePart1: r.codePart1,
        activationCodePart2: r.codePart2,
      },
      201,
    );
  });

  api.put('/users/:id', staff, async (c) => {
    const r = await updateUser(useCaseContext(c), c.req.param('id'), parseJson(updateUserInput, await jsonBody(c)));
    return c.json({ ...presentUser(r.user), pendingRequest: r.pending ? presentAccountRequest(r.pending) : null });
  });

  api.post('/users/:id/password', staff, async (c) => {
    const r = await resetPassword(useCaseContext(c), c.req.param('id'));
    return c.json(
      {
        request: presentAccountRequest(r.request),
        activationCodePart1: r.codePart1,
        activationCodePart2: r.codePart2,
      },
      201,
    );
  });

  api.get('/account-requests', staff, async (c) => {
    const rows = await listAccountRequests(useCaseContext(c));
    return c.json({ items: rows.map((r) => ({ ...presentAccountRequest(r), canDecide: r.canDecide })) });
  });

  api.post('/account-requests/:id/approve', staff, async (c) => {
    const r = await approveAccountRequest(useCaseContext(c), c.req.param('id'));
    return c.json({ request: presentAccountRequest(r.request), activationCodePart2: r.codePart2 });
  });

  api.post('/account-requests/:id/reject', staff, async (c) => {
    await rejectAccountRequest(useCaseContext(c), c.req.param('id'));
    return c.json({ ok: true });
  });

  api.post('/activation', async (c) => {
    await limitAuthAttempts(c, 'activate');
    const r = await activateAccount(useCaseContext(c), parseInput(activateAccountInput, await jsonBody(c)));
    return c.json({ ok: true, login: r.login });
  });

  api.post('/users/:id/unlock', staff, async (c) => {
    const ctx = useCaseContext(c);
    await unlockUser(ctx, c.req.param('id'));
    const u = await findUser(ctx.db, c.req.param('id'));
    return c.json(u ? presentUser(u) : {});
  });

  api.get('/audit', staff, async (c) => {
    const q = parseInput(auditQuery, c.req.query());
    const rows = await listAuditLog(useCaseContext(c), {
      beforeSeq: q.before,
      limit: q.limit,
      action: q.action,
      entity: q.entity,
      entityId: q.entityId,
    });
    return c.json({ items: rows.map(presentAudit) });
  });

  api.get('/audit/verify', staff, async (c) => {
    const ctx = useCaseContext(c);
    if (!can(ctx.actor, 'audit.read')) throw new AppError('FORBIDDEN');
    return c.json(await verifyAuditChain(ctx));
  });

  api.post('/submissions', async (c) => {
    const { config } = c.get('deps');
    if (!(await c.get('limiter').hit(`public:${c.get('ip')}`, config.rateLimitPublicPerMinute)))
      throw new AppError('RATE_LIMITED');
    const body = await jsonBody(c);
    const key = c.req.header('idempotency-key') ?? body['idempotencyKey'];
    const r = await submitPublicFeedback(
      useCaseContext(c),
      parseJson(publicFeedbackInput, { ...body, idempotencyKey: key }),
    );
    return c.json(r, r.created ? 201 : 200);
  });

  api.get('/submissions', staff, async (c) => {
    const rows = await listVisibleSubmissions(useCaseContext(c), 200);
    return c.json({
      items: rows.map((s) => ({
        id: s.id,
        reference: referenceOf(s.id, s.created_at),
        agencyId: s.agency_id,
        agencyName: s.agency_name,
        kind: s.kind,
        content: s.content,
        contactName: s.contact_name,
        contact: s.contact,
        pageUrl: s.page_url,
        status: s.status,
        createdAt: s.created_at,
      })),
    });
  });

  api.route('/', caseApiRoutes());
  return api;
}
