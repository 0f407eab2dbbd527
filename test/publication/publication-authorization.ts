import { BUSINESS, type Ids, type MatrixSection } from '../server/authorization-matrix-types.ts';

/**
 * 主动公开 in the authorization matrix. The agency's staff draft (承办人, 审核人, 负责人); 审核人 and 负责人 review
 * and publish; the supervising office reads the subtree; the three administrators see no item. Another agency's
 * item is not found rather than forbidden (use-cases/publication/item-access.ts). Forms are posted empty: an
 * allowed role gets the form back with its errors, never a change.
 */
const STAFF = ['handler', 'reviewer', 'head'] as const;
const hidden = [403, 404];
const item = (path: string) => (i: Ids) => `/staff/publication/items/${i.extra['itemOwn']}${path}`;
/** The settings pages: the agency's 负责人 and the 系统管理员 above it (publication.configure). */
const CONFIGURE = ['head', 'sysadmin'] as const;
const settings =
  (path: string, agency: 'own' | 'other' | 'city' = 'own') =>
  (i: Ids) =>
    `/staff/publication/settings/${i[agency]}${path}`;
const settingsRows = (['', '/review-chain', '/wording', '/webhook'] as const).map((path) => ({
  route: `GET /staff/publication/settings/:agencyId${path}`,
  url: settings(path),
  allowed: [...CONFIGURE],
}));
const settingsPosts = (
  [
    '/catalogue',
    '/review-chain',
    '/wording',
    '/wording/remove',
    '/wording/shipped',
    '/webhook',
    '/webhook/secret',
  ] as const
).map((path) => ({
  route: `POST /staff/publication/settings/:agencyId${path}`,
  url: settings(path),
  body: () => ({}),
  allowed: [...CONFIGURE],
}));

const post = (path: string, allowed: MatrixSection['rows'][number]['allowed']) => ({
  route: `POST /staff/publication/items/:id${path}`,
  url: item(path),
  body: () => ({}),
  allowed,
  refusedWith: hidden,
});

export const publicationAuthorization: MatrixSection = {
  name: 'publication',
  publicRoutes: [
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
  ],
  async setup(t, ids) {
    const db = t.database.open.db;
    const first = (agencyId: string) =>
      db
        .selectFrom('publication_items')
        .select('id')
        .where('agency_id', '=', agencyId)
        .orderBy('id')
        .executeTakeFirstOrThrow();
    const submission = await db
      .selectFrom('public_submissions')
      .select('id')
      .where('agency_id', '=', ids.own)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    return {
      itemOwn: (await first(ids.own)).id,
      itemOther: (await first(ids.other)).id,
      submissionOwn: submission.id,
    };
  },
  rows: [
    { route: 'GET /staff/publication', url: () => '/staff/publication', allowed: BUSINESS },
    { route: 'GET /staff/publication/settings', url: () => '/staff/publication/settings', allowed: [...CONFIGURE] },
    ...settingsRows,
    ...settingsPosts,
    // Another agency's settings: the administrator above both configures it; its sister agency's head finds nothing.
    {
      route: 'GET /staff/publication/settings/:agencyId',
      url: settings('', 'other'),
      allowed: ['sysadmin'],
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/publication/settings/:agencyId/catalogue',
      url: settings('/catalogue', 'other'),
      body: () => ({}),
      allowed: ['sysadmin'],
      refusedWith: hidden,
    },
    // Above everyone here: the city is nobody's to configure.
    { route: 'GET /staff/publication/settings/:agencyId', url: settings('', 'city'), allowed: [], refusedWith: hidden },
    { route: 'GET /staff/publication/late', url: () => '/staff/publication/late', allowed: BUSINESS },
    { route: 'GET /staff/publication/new', url: () => '/staff/publication/new', allowed: [...STAFF] },
    // 公开属性 at the source: the register of documents with their disclosure attribute.
    { route: 'GET /staff/publication/documents', url: () => '/staff/publication/documents', allowed: BUSINESS },
    {
      route: 'POST /staff/publication/documents',
      url: () => '/staff/publication/documents',
      body: () => ({ title: '矩阵测试文件', writtenOn: '2026-11-01', kind: 'on_request' }),
      allowed: [...STAFF],
    },
    { route: 'POST /staff/publication', url: () => '/staff/publication', body: () => ({}), allowed: [...STAFF] },
    { route: 'GET /staff/publication/items/:id', url: item(''), allowed: BUSINESS, refusedWith: hidden },
    {
      route: 'GET /staff/publication/items/:id',
      url: (i) => `/staff/publication/items/${i.extra['itemOther']}`,
      allowed: ['supervisor'],
      refusedWith: hidden,
    },
    { route: 'GET /staff/publication/items/:id/edit', url: item('/edit'), allowed: [...STAFF], refusedWith: hidden },
    {
      route: 'GET /staff/publication/items/:id/revise',
      url: item('/revise'),
      allowed: ['reviewer', 'head'],
      refusedWith: hidden,
    },
    post('', [...STAFF]),
    post('/revise', ['reviewer', 'head']),
    post('/submit', [...STAFF]),
    post('/review', ['reviewer', 'head']),
    post('/publish', ['reviewer', 'head']),
    post('/withdraw', ['reviewer', 'head']),
    {
      route: 'POST /staff/publication/items/:id/attachments/:aid/delete',
      url: item('/attachments/00000000-0000-4000-8000-000000000000/delete'),
      body: () => ({}),
      allowed: [...STAFF],
      refusedWith: hidden,
    },
    post('/attachments', [...STAFF]),
    post('/docx', [...STAFF]),
    {
      route: 'POST /staff/publication/items/:id/withdraw',
      url: (i) => `/staff/publication/items/${i.extra['itemOther']}/withdraw`,
      body: () => ({}),
      allowed: [],
      refusedWith: hidden,
    },
    {
      route: 'GET /staff/publication/submissions/:id',
      url: (i) => `/staff/publication/submissions/${i.extra['submissionOwn']}`,
      allowed: BUSINESS,
      refusedWith: hidden,
    },
    {
      route: 'POST /staff/publication/submissions/:id',
      url: (i) => `/staff/publication/submissions/${i.extra['submissionOwn']}`,
      body: () => ({}),
      allowed: [...STAFF],
      refusedWith: hidden,
    },
  ],
};
