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
import { resetPassword, resetPasswordInput } from '../../use-cases/platform/reset-password.ts';
import { unlockUser } from '../../use-cases/platform/unlock-user.ts';
import { updateAgency } from '../../use-cases/platform/update-agency.ts';
import { updateUser } from '../../use-cases/platform/update-user.ts';
import { createUserInput, updateUserInput } from '../../use-cases/platform/user-input.ts';
import { verifyAuditChain } from '../../use-cases/platform/verify-audit-chain.ts';
import { can } from '../../core/platform/policy.ts';
import { referenceOf } from '../../use-cases/platform/submit-public-feedback.ts';
import type { AppEnv } from '../app-env.ts';
import { portalCacheScope } from './portal/portal-routes.ts';
import { clearSessionCookie } from '../http/session-cookie.ts';
import { parseInput, parseJson } from '../http/parse-input.ts';
import { presentAgency, presentAudit, presentUser } from '../http/presenters.ts';
import { useCaseContext } from '../http/use-case-context.ts';
import { startSession } from '../http/start-session.ts';
import { requireStaff } from '../middleware/require-staff.ts';

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
    await changePassword(useCaseContext(c), parseJson(changePasswordInput, await jsonBody(c)));
    return c.json({ ok: true });
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
    const row = await createUser(useCaseContext(c), parseJson(createUserInput, await jsonBody(c)));
    return c.json(presentUser(row), 201);
  });

  api.put('/users/:id', staff, async (c) => {
    const row = await updateUser(useCaseContext(c), c.req.param('id'), parseJson(updateUserInput, await jsonBody(c)));
    return c.json(presentUser(row));
  });

  api.post('/users/:id/password', staff, async (c) => {
    await resetPassword(useCaseContext(c), c.req.param('id'), parseJson(resetPasswordInput, await jsonBody(c)));
    return c.json({ ok: true });
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
    return c.json(await verifyAuditChain(ctx.db));
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

  return api;
}
