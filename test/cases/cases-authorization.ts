import assert from 'node:assert/strict';
import { BUSINESS, type Ids, type MatrixSection } from '../server/authorization-matrix-types.ts';
import { TestClient, type TestApp } from '../server/test-app.ts';

/**
 * 依申请公开 in the authorization matrix. The agency's own staff work on its cases (承办 / 审核 / 签发 by role);
 * the supervising office reads the whole subtree; the three administrators see no case at all. Each row posts
 * an incomplete form: an allowed role gets an answer about the form or the case's state, never a change.
 */
const WORKERS = ['handler', 'reviewer', 'head'] as const;

/** An application filed through the public form, as the applicant's browser sends it. */
export async function fileApplication(t: TestApp, agencyId: string): Promise<string> {
  const client = new TestClient(t.app, { ip: '198.51.100.40' });
  await client.page(`/agencies/${agencyId}/apply`);
  const form = new FormData();
  form.append('_csrf', client.csrf);
  const fields: Record<string, string> = {
    applicantType: 'natural',
    name: '矩阵测试',
    organisation: '',
    idType: 'residentId',
    idNumber: '11010519491231002X',
    phone: '13912345678',
    email: '',
    address: '江苏省无锡市滨湖区',
    postcode: '214071',
    description: '授权矩阵测试用的申请',
    formWanted: 'electronic',
    deliveryWanted: 'online',
    idempotencyKey: `matrix-${agencyId}-abcdefgh`,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await client.request('POST', `/agencies/${agencyId}/apply`, { body: form });
  assert.ok(res.status < 400, `application to ${agencyId}: ${res.status}`);
  const row = await t.database.open.db
    .selectFrom('cases')
    .select('id')
    .where('agency_id', '=', agencyId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

const onOwn = (path: string) => (i: Ids) => `/staff/cases/${i.extra['caseOwn']}${path}`;
/** Whoever may not read a case is told it does not exist (use-cases/cases/case-record.ts). */
const hidden = [403, 404];

export const casesAuthorization: MatrixSection = {
  name: 'cases',
  publicRoutes: [
    'GET /agencies/:id/apply',
    'POST /agencies/:id/apply',
    'GET /apply/track',
    'POST /apply/track',
    'POST /apply/track/file',
    'POST /apply/track/correction',
  ],
  async setup(t, ids) {
    return { caseOwn: await fileApplication(t, ids.own), caseOther: await fileApplication(t, ids.other) };
  },
  rows: [
    { route: 'GET /staff/cases', url: () => '/staff/cases', allowed: BUSINESS },
    // Tables 3 and 4 of the reader's own agency; the subtree only for the supervising office.
    { route: 'GET /staff/cases/tables', url: () => '/staff/cases/tables?year=2026', allowed: BUSINESS },
    {
      route: 'GET /staff/cases/tables',
      url: () => '/staff/cases/tables?year=2026&scope=subtree',
      allowed: ['supervisor'],
    },
    { route: 'GET /staff/cases/register', url: () => '/staff/cases/register', allowed: [...WORKERS] },
    {
      route: 'POST /staff/cases/register',
      url: () => '/staff/cases/register',
      body: () => ({}),
      allowed: [...WORKERS],
    },
    { route: 'GET /staff/cases/:id', url: onOwn(''), allowed: BUSINESS, refusedWith: hidden },
    {
      route: 'GET /staff/cases/:id',
      url: (i) => `/staff/cases/${i.extra['caseOther']}`,
      allowed: ['supervisor'],
      refusedWith: hidden,
    },
    { route: 'GET /staff/cases/:id/files/:seq', url: onOwn('/files/1'), allowed: BUSINESS, refusedWith: hidden },
    {
      route: 'POST /staff/cases/:id/actions',
      url: onOwn('/actions'),
      body: () => ({}),
      allowed: [...WORKERS],
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/cases/:id/notes',
      url: onOwn('/notes'),
      body: () => ({}),
      allowed: [...WORKERS],
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/cases/:id/assign',
      url: onOwn('/assign'),
      body: () => ({}),
      allowed: [...WORKERS],
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/cases/:id/draft',
      url: onOwn('/draft'),
      body: () => ({}),
      allowed: [...WORKERS],
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/cases/:id/review',
      url: onOwn('/review'),
      body: () => ({}),
      allowed: ['reviewer', 'head'],
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/cases/:id/sign',
      url: onOwn('/sign'),
      body: () => ({}),
      allowed: ['head'],
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/cases/:id/files',
      url: onOwn('/files'),
      body: () => ({}),
      allowed: [...WORKERS],
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/cases/:id/actions',
      url: (i) => `/staff/cases/${i.extra['caseOther']}/actions`,
      body: () => ({}),
      allowed: [],
      refusedWith: hidden,
    },
    {
      route: 'GET /api/v1/agencies/:id/tables',
      url: (i) => `/api/v1/agencies/${i.own}/tables?year=2026`,
      allowed: BUSINESS,
      refusedWith: hidden,
    },
    {
      route: 'GET /api/v1/agencies/:id/tables',
      url: (i) => `/api/v1/agencies/${i.other}/tables?year=2026`,
      allowed: ['supervisor'],
      refusedWith: hidden,
    },
  ],
};
