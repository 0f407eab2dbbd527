import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { findUserByLogin } from '../../src/db/repositories/platform/user-repository.ts';
import type { Role } from '../../src/core/platform/roles.ts';
import { demoCreditCode } from '../../src/use-cases/platform/demo-district.ts';
import { appVariants, createTestApp, TestClient, type TestApp } from './test-app.ts';

/** One demo login per role; all business roles sit in 荣巷街道, the administrators at the district. */
const loginOf: Record<Role, string> = {
  sysadmin: 'admin',
  secadmin: 'security',
  auditadmin: 'auditor',
  supervisor: 'jiandu',
  handler: 'rongxiang.chengban',
  reviewer: 'rongxiang.shenhe',
  head: 'rongxiang.fuze',
};
const roles = Object.keys(loginOf) as Role[];
const ALL = roles;
const BUSINESS: Role[] = ['handler', 'reviewer', 'head', 'supervisor'];
const EDITORS: Role[] = ['handler', 'reviewer', 'head'];
const PUBLISHERS: Role[] = ['reviewer', 'head'];

interface Ids {
  own: string;
  other: string;
  city: string;
  district: string;
  userOwn: string;
  userOther: string;
  /** Pending requests filed by the system administrator: approvable by the security administrator only. */
  requestToApprove: string;
  requestToReject: string;
  apiRequestToApprove: string;
  apiRequestToReject: string;
  /** A published demo item of the own agency, and a demo 留言 to it. */
  item: string;
  submission: string;
}

interface Row {
  /** The registered route (method + Hono path), to prove every route is in the table. */
  route: string;
  url: (ids: Ids) => string;
  body?: (ids: Ids, t: TestApp) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: Role[];
  /** Sign in again first (the row before ended the session). */
  relogin?: boolean;
}

let codeSerial = 0;
const guide = {
  address: '测试地址',
  postcode: '214000',
  officeHours: '工作日',
  phone: '0510-1234567',
  fax: '',
  onlineChannel: '',
  email: '',
};
async function agencyVersion(t: TestApp, id: string) {
  return (await listAgencies(t.database.open.db)).find((a) => a.id === id)?.version ?? 0;
}
async function userVersion(t: TestApp, login: string) {
  return (await findUserByLogin(t.database.open.db, login))?.version ?? 0;
}
const fullAgency = async (ids: Ids, t: TestApp, id: string) => ({
  name: '无锡市滨湖区荣巷街道办事处',
  code: (await listAgencies(t.database.open.db)).find((a) => a.id === id)?.code ?? '',
  kind: 'subdistrict',
  reportDeadline: '01-31',
  sortOrder: '3',
  ...guide,
  version: String(await agencyVersion(t, id)),
});

/** The matrix: every staff route × every role. Anything not listed in `allowed` must answer 403. */
const matrix: Row[] = [
  { route: 'GET /staff', url: () => '/staff', allowed: ALL },
  { route: 'GET /staff/password', url: () => '/staff/password', allowed: ALL },
  {
    route: 'POST /staff/password',
    url: () => '/staff/password',
    body: () => ({ currentPassword: 'wrong', newPassword: 'x', confirmPassword: 'x' }),
    allowed: ALL,
  },
  { route: 'GET /staff/submissions', url: () => '/staff/submissions', allowed: BUSINESS },
  { route: 'GET /staff/agencies', url: () => '/staff/agencies', allowed: ['sysadmin', ...BUSINESS] },
  { route: 'GET /staff/agencies/:id', url: (i) => `/staff/agencies/${i.own}`, allowed: ['sysadmin', ...BUSINESS] },
  { route: 'GET /staff/agencies/:id', url: (i) => `/staff/agencies/${i.other}`, allowed: ['sysadmin', 'supervisor'] },
  { route: 'GET /staff/agencies/:id', url: (i) => `/staff/agencies/${i.city}`, allowed: [] },
  {
    route: 'POST /staff/agencies/:id',
    url: (i) => `/staff/agencies/${i.own}`,
    body: (i, t) => fullAgency(i, t, i.own),
    allowed: ['sysadmin', 'head'],
  },
  {
    route: 'POST /staff/agencies/:id',
    url: (i) => `/staff/agencies/${i.other}`,
    body: async (i, t) => ({ ...(await fullAgency(i, t, i.other)), name: '无锡市滨湖区蠡园街道办事处' }),
    allowed: ['sysadmin'],
  },
  { route: 'GET /staff/agencies/new', url: (i) => `/staff/agencies/new?parent=${i.district}`, allowed: ['sysadmin'] },
  {
    route: 'POST /staff/agencies',
    url: () => '/staff/agencies',
    body: (i) => ({
      parentId: i.district,
      name: `测试机构${++codeSerial}`,
      code: demoCreditCode('320211', String(70000000 + codeSerial)),
      kind: 'department',
      reportDeadline: '01-31',
      sortOrder: '9',
      ...guide,
    }),
    allowed: ['sysadmin'],
  },
  { route: 'GET /staff/users', url: () => '/staff/users', allowed: ['sysadmin', 'secadmin'] },
  { route: 'GET /staff/users/new', url: () => '/staff/users/new', allowed: ['sysadmin', 'secadmin'] },
  {
    route: 'POST /staff/users',
    url: () => '/staff/users',
    body: (i) => ({
      login: `test.user${++codeSerial}`,
      displayName: '测试用户',
      agencyId: i.own,
      roles: ['handler'],
    }),
    allowed: ['sysadmin'],
  },
  { route: 'GET /staff/users/:id', url: (i) => `/staff/users/${i.userOwn}`, allowed: ['sysadmin', 'secadmin'] },
  {
    route: 'POST /staff/users/:id',
    url: (i) => `/staff/users/${i.userOwn}`,
    body: async (i, t) => ({
      displayName: '周晓燕',
      agencyId: i.own,
      roles: ['handler'],
      version: String(await userVersion(t, 'rongxiang.chengban')),
    }),
    allowed: ['sysadmin'],
  },
  {
    route: 'POST /staff/users/:id/unlock',
    url: (i) => `/staff/users/${i.userOther}/unlock`,
    body: () => ({}),
    allowed: ['secadmin'],
  },
  {
    route: 'POST /staff/users/:id/password',
    url: (i) => `/staff/users/${i.userOther}/password`,
    body: () => ({}),
    allowed: ['secadmin'],
  },
  {
    route: 'POST /api/v1/users/:id/password',
    url: (i) => `/api/v1/users/${i.userOther}/password`,
    allowed: ['secadmin'],
  },
  // Dual control: what the system administrator requested, only the security administrator approves; the
  // requester may withdraw (reject) its own request. Nobody else sees or decides requests.
  { route: 'GET /staff/account-requests', url: () => '/staff/account-requests', allowed: ['sysadmin', 'secadmin'] },
  {
    route: 'POST /staff/account-requests/:id/approve',
    url: (i) => `/staff/account-requests/${i.requestToApprove}/approve`,
    body: () => ({}),
    allowed: ['secadmin'],
  },
  {
    route: 'POST /staff/account-requests/:id/reject',
    url: (i) => `/staff/account-requests/${i.requestToReject}/reject`,
    body: () => ({}),
    allowed: ['sysadmin', 'secadmin'],
  },
  { route: 'GET /api/v1/account-requests', url: () => '/api/v1/account-requests', allowed: ['sysadmin', 'secadmin'] },
  {
    route: 'POST /api/v1/account-requests/:id/approve',
    url: (i) => `/api/v1/account-requests/${i.apiRequestToApprove}/approve`,
    allowed: ['secadmin'],
  },
  {
    route: 'POST /api/v1/account-requests/:id/reject',
    url: (i) => `/api/v1/account-requests/${i.apiRequestToReject}/reject`,
    allowed: ['sysadmin', 'secadmin'],
  },
  { route: 'GET /staff/audit', url: () => '/staff/audit', allowed: ['auditadmin'] },
  { route: 'GET /api/v1/me', url: () => '/api/v1/me', allowed: ALL },
  {
    route: 'POST /api/v1/me/password',
    url: () => '/api/v1/me/password',
    body: () => ({ currentPassword: 'wrong', newPassword: 'x', confirmPassword: 'x' }),
    allowed: ALL,
  },
  { route: 'GET /api/v1/users', url: () => '/api/v1/users', allowed: ['sysadmin', 'secadmin'] },
  { route: 'GET /api/v1/users/:id', url: (i) => `/api/v1/users/${i.userOther}`, allowed: ['sysadmin', 'secadmin'] },
  {
    route: 'POST /api/v1/users',
    url: () => '/api/v1/users',
    body: (i) => ({
      login: `api.user${++codeSerial}`,
      displayName: '接口用户',
      agencyId: i.other,
      roles: ['reviewer'],
    }),
    allowed: ['sysadmin'],
  },
  {
    route: 'PUT /api/v1/users/:id',
    url: (i) => `/api/v1/users/${i.userOther}`,
    body: async (i, t) => ({
      displayName: '钱思远',
      agencyId: i.other,
      roles: ['handler'],
      version: await userVersion(t, 'liyuan.chengban'),
    }),
    allowed: ['sysadmin'],
  },
  {
    route: 'POST /api/v1/users/:id/unlock',
    url: (i) => `/api/v1/users/${i.userOwn}/unlock`,
    body: () => ({}),
    allowed: ['secadmin'],
  },
  {
    route: 'POST /api/v1/agencies',
    url: () => '/api/v1/agencies',
    body: (i) => ({
      parentId: i.district,
      name: `接口机构${++codeSerial}`,
      code: demoCreditCode('320211', String(71000000 + codeSerial)),
      kind: 'department',
      reportDeadline: '01-31',
      ...guide,
    }),
    allowed: ['sysadmin'],
  },
  {
    route: 'PUT /api/v1/agencies/:id',
    url: (i) => `/api/v1/agencies/${i.own}`,
    body: async (i, t) => ({ ...guide, version: await agencyVersion(t, i.own) }),
    allowed: ['sysadmin', 'head'],
  },
  {
    route: 'PUT /api/v1/agencies/:id',
    url: (i) => `/api/v1/agencies/${i.other}`,
    body: async (i, t) => ({ ...guide, version: await agencyVersion(t, i.other) }),
    allowed: ['sysadmin'],
  },
  {
    route: 'PUT /api/v1/agencies/:id',
    url: (i) => `/api/v1/agencies/${i.city}`,
    body: async (i, t) => ({ ...guide, version: await agencyVersion(t, i.city) }),
    allowed: [],
  },
  { route: 'GET /api/v1/audit', url: () => '/api/v1/audit', allowed: ['auditadmin'] },
  { route: 'GET /api/v1/audit/verify', url: () => '/api/v1/audit/verify', allowed: ['auditadmin'] },
  { route: 'GET /api/v1/submissions', url: () => '/api/v1/submissions', allowed: BUSINESS },
  // 主动公开 (issue 8): state-changing rows carry a stale version, so the allowed get 409, never a change.
  { route: 'GET /staff/publication', url: () => '/staff/publication', allowed: BUSINESS },
  { route: 'GET /staff/publication/late', url: () => '/staff/publication/late', allowed: BUSINESS },
  { route: 'GET /staff/publication/new', url: () => '/staff/publication/new', allowed: EDITORS },
  {
    route: 'POST /staff/publication',
    url: () => '/staff/publication',
    body: () => ({ catalogue: 'news', title: '矩阵测试信息', validityStatus: 'in_force' }),
    allowed: EDITORS,
  },
  { route: 'GET /staff/publication/items/:id', url: (i) => `/staff/publication/items/${i.item}`, allowed: BUSINESS },
  {
    route: 'GET /staff/publication/items/:id/edit',
    url: (i) => `/staff/publication/items/${i.item}/edit`,
    allowed: BUSINESS,
  },
  {
    route: 'POST /staff/publication/items/:id',
    url: (i) => `/staff/publication/items/${i.item}`,
    body: () => ({ catalogue: 'news', title: '矩阵测试信息', validityStatus: 'in_force', version: '999' }),
    allowed: EDITORS,
  },
  {
    route: 'GET /staff/publication/items/:id/revise',
    url: (i) => `/staff/publication/items/${i.item}/revise`,
    allowed: BUSINESS,
  },
  {
    route: 'POST /staff/publication/items/:id/revise',
    url: (i) => `/staff/publication/items/${i.item}/revise`,
    body: () => ({
      catalogue: 'news',
      title: '矩阵测试信息',
      validityStatus: 'in_force',
      reason: '矩阵测试修订',
      version: '999',
    }),
    allowed: PUBLISHERS,
  },
  {
    route: 'POST /staff/publication/items/:id/submit',
    url: (i) => `/staff/publication/items/${i.item}/submit`,
    body: () => ({ version: '999' }),
    allowed: EDITORS,
  },
  {
    route: 'POST /staff/publication/items/:id/review',
    url: (i) => `/staff/publication/items/${i.item}/review`,
    body: () => ({ decision: 'approve', version: '999' }),
    allowed: PUBLISHERS,
  },
  {
    route: 'POST /staff/publication/items/:id/publish',
    url: (i) => `/staff/publication/items/${i.item}/publish`,
    body: () => ({ secrecyConfirmed: '1', version: '999' }),
    allowed: PUBLISHERS,
  },
  {
    route: 'POST /staff/publication/items/:id/withdraw',
    url: (i) => `/staff/publication/items/${i.item}/withdraw`,
    body: () => ({ reason: '矩阵测试撤回', version: '999' }),
    allowed: PUBLISHERS,
  },
  {
    route: 'POST /staff/publication/items/:id/attachments/:aid/delete',
    url: (i) => `/staff/publication/items/${i.item}/attachments/none/delete`,
    body: () => ({}),
    allowed: EDITORS,
  },
  {
    route: 'POST /staff/publication/items/:id/attachments',
    url: (i) => `/staff/publication/items/${i.item}/attachments`,
    body: () => ({}),
    allowed: EDITORS,
  },
  {
    route: 'POST /staff/publication/items/:id/docx',
    url: (i) => `/staff/publication/items/${i.item}/docx`,
    body: () => ({}),
    allowed: EDITORS,
  },
  { route: 'GET /staff/publication/documents', url: () => '/staff/publication/documents', allowed: BUSINESS },
  {
    route: 'POST /staff/publication/documents',
    url: () => '/staff/publication/documents',
    body: () => ({ title: '矩阵测试文件', writtenOn: '2026-11-01', kind: 'on_request' }),
    allowed: EDITORS,
  },
  {
    route: 'GET /staff/publication/submissions/:id',
    url: (i) => `/staff/publication/submissions/${i.submission}`,
    allowed: BUSINESS,
  },
  {
    route: 'POST /staff/publication/submissions/:id',
    url: (i) => `/staff/publication/submissions/${i.submission}`,
    body: () => ({ reply: '矩阵测试答复', status: 'answered' }),
    allowed: EDITORS,
  },
  // Last: they end the session.
  { route: 'DELETE /api/v1/session', url: () => '/api/v1/session', allowed: ALL },
  { route: 'POST /staff/logout', url: () => '/staff/logout', body: () => ({}), allowed: ALL, relogin: true },
];

/** Routes open to everyone (no session): not part of the role matrix. */
const publicRoutes = new Set([
  'GET /',
  'GET /agencies/:id/guide',
  'GET /feedback',
  'POST /feedback',
  'GET /feedback/done',
  'GET /prefs',
  'GET /static/site.css',
  'GET /healthz',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /staff/login',
  'POST /staff/login',
  'GET /staff/activate',
  'POST /staff/activate',
  'POST /api/v1/activation',
  'POST /api/v1/session',
  'GET /api/v1/agencies',
  'GET /api/v1/agencies/:id',
  'POST /api/v1/submissions',
  // 主动公开 portal (issue 8)
  'GET /agencies/:id/catalogue',
  'GET /agencies/:id/columns/:code',
  'GET /agencies/:id/rules',
  'GET /agencies/:id/annual-reports',
  'GET /items/:id',
  'GET /items/:id/print',
  'GET /attachments/:id',
  'GET /search',
  'GET /agencies/:id/feed.atom',
  'GET /agencies/:id/feed.rss',
  'GET /agencies/:id/columns/:code/feed.atom',
  'GET /agencies/:id/columns/:code/feed.rss',
  'GET /feedback/lookup',
  'GET /sitemap.xml',
]);

for (const variant of appVariants()) {
  describe(`authorization matrix (${variant.label})`, () => {
    let t: TestApp;
    let ids: Ids;
    before(async () => {
      t = await createTestApp(variant.dialect, variant.env);
      const agencies = await listAgencies(t.database.open.db);
      const byName = (n: string) => agencies.find((a) => a.name === n)!.id;
      ids = {
        own: byName('无锡市滨湖区荣巷街道办事处'),
        other: byName('无锡市滨湖区蠡园街道办事处'),
        city: byName('无锡市人民政府'),
        district: byName('无锡市滨湖区人民政府'),
        userOwn: (await findUserByLogin(t.database.open.db, 'rongxiang.chengban'))!.id,
        userOther: (await findUserByLogin(t.database.open.db, 'liyuan.chengban'))!.id,
        requestToApprove: '',
        requestToReject: '',
        apiRequestToApprove: '',
        apiRequestToReject: '',
        item: (
          await t.database.open.db
            .selectFrom('publication_items')
            .select('id')
            .where('agency_id', '=', byName('无锡市滨湖区荣巷街道办事处'))
            .where('status', '=', 'published')
            .executeTakeFirstOrThrow()
        ).id,
        submission: (
          await t.database.open.db
            .selectFrom('public_submissions')
            .select('id')
            .where('agency_id', '=', byName('无锡市滨湖区荣巷街道办事处'))
            .executeTakeFirstOrThrow()
        ).id,
      };
      const admin = new TestClient(t.app);
      await admin.apiLogin('admin');
      const requestFor = async (login: string) => {
        const r = await admin.json('POST', '/api/v1/users', {
          login,
          displayName: '待批准',
          agencyId: ids.own,
          roles: ['handler'],
        });
        assert.equal(r.status, 201);
        return ((await r.json()) as { request: { id: string } }).request.id;
      };
      ids.requestToApprove = await requestFor('pending.one');
      ids.requestToReject = await requestFor('pending.two');
      ids.apiRequestToApprove = await requestFor('pending.three');
      ids.apiRequestToReject = await requestFor('pending.four');
    });
    after(() => t.close());

    test('every registered route is either public or in the matrix', () => {
      const registered = new Set(
        t.app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/*').map((r) => `${r.method} ${r.path}`),
      );
      const covered = new Set([...publicRoutes, ...matrix.map((m) => m.route)]);
      const missing = [...registered].filter((r) => !covered.has(r));
      assert.deepEqual(missing, [], `routes without an authorization row: ${missing.join(', ')}`);
      const stale = [...covered].filter((r) => !registered.has(r));
      assert.deepEqual(stale, [], `rows for routes that do not exist: ${stale.join(', ')}`);
    });

    for (const role of roles) {
      test(`role ${role}`, async () => {
        const c = new TestClient(t.app);
        assert.equal((await c.login(loginOf[role])).status, 303, 'login');
        for (const row of matrix) {
          if (row.relogin) await c.login(loginOf[role]);
          const [method] = row.route.split(' ') as [string];
          const url = row.url(ids);
          const body = row.body ? await row.body(ids, t) : undefined;
          const res = url.startsWith('/api/')
            ? await c.json(method, url, body)
            : method === 'GET'
              ? await c.get(url)
              : await c.postForm(url, body as Record<string, string | string[]>);
          const label = `${role} ${method} ${url} → ${res.status}`;
          // Anything answered to a signed-in person may carry personal data or the CSRF token: never stored.
          assert.match(res.headers.get('cache-control') ?? '', /no-store/, `cacheable: ${label}`);
          if (row.allowed.includes(role)) {
            assert.ok(
              res.status !== 403 &&
                res.status !== 401 &&
                !(res.headers.get('location') ?? '').startsWith('/staff/login?next='),
              `expected allowed: ${label} ${res.status >= 400 ? await res.text() : ''}`,
            );
            assert.ok(res.status < 500, label);
          } else {
            assert.equal(res.status, 403, `expected 403: ${label}`);
          }
        }
      });
    }

    test('anonymous: staff pages redirect to login, staff API answers 401', async () => {
      const c = new TestClient(t.app);
      await c.page('/staff/login');
      for (const row of matrix) {
        const [method] = row.route.split(' ') as [string];
        const url = row.url(ids);
        const res = url.startsWith('/api/')
          ? await c.json(method, url, method === 'GET' ? undefined : {})
          : method === 'GET'
            ? await c.get(url)
            : await c.postForm(url, {});
        assert.match(res.headers.get('cache-control') ?? '', /no-store/, `cacheable: ${method} ${url}`);
        if (url.startsWith('/api/')) assert.ok([401, 403].includes(res.status), `${method} ${url} → ${res.status}`);
        else if (url === '/staff/logout') assert.equal(res.status, 303);
        else assert.match(res.headers.get('location') ?? '', /^\/staff\/login/, `${method} ${url} → ${res.status}`);
      }
    });

    test('lists are cut to the agency subtree: handler sees own agency only, supervisor the district', async () => {
      const handler = new TestClient(t.app);
      await handler.login('rongxiang.chengban');
      const mine = (await (await handler.json('GET', '/api/v1/submissions')).json()) as {
        items: { agencyName: string }[];
      };
      assert.ok(mine.items.length >= 1);
      assert.ok(mine.items.every((s) => s.agencyName === '无锡市滨湖区荣巷街道办事处'));
      const sup = new TestClient(t.app);
      await sup.login('jiandu');
      const all = (await (await sup.json('GET', '/api/v1/submissions')).json()) as { items: { agencyName: string }[] };
      assert.ok(new Set(all.items.map((s) => s.agencyName)).size >= 3);
      const page = await sup.page('/staff');
      assert.match(page.html, /监督范围内的机构/);
      assert.doesNotMatch(page.html, /无锡市人民政府<\/a>/);
    });
  });
}
