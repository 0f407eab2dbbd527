import type { MatrixSection, Row } from '../server/authorization-matrix-types.ts';
import { BUSINESS, ALL } from '../server/authorization-matrix-types.ts';
import { TestClient } from '../server/test-app.ts';

const EDIT = ['handler', 'reviewer', 'head'] as const;
const hidden = [403, 404];
const id = (i: { extra: Record<string, string> }) => i.extra['report']!;
const business = (i: { own: string }) => `/staff/reports/business?agency=${i.own}&year=2022`;

const rows: Row[] = [
  { route: 'GET /staff/reports', url: () => '/staff/reports', allowed: BUSINESS },
  {
    route: 'POST /staff/reports/draft',
    url: () => '/staff/reports/draft',
    body: (i) => ({ agencyId: i.own, year: '2022' }),
    allowed: [...EDIT],
    refusedWith: hidden,
  },
  {
    route: 'GET /staff/reports/business/template.csv',
    url: () => '/staff/reports/business/template.csv',
    allowed: ALL,
  },
  {
    route: 'GET /staff/reports/business/template.xlsx',
    url: () => '/staff/reports/business/template.xlsx',
    allowed: ALL,
  },
  { route: 'GET /staff/reports/business', url: business, allowed: [...EDIT], refusedWith: hidden },
  {
    route: 'POST /staff/reports/business',
    url: business,
    body: () => ({ m1l: '1' }),
    allowed: [...EDIT],
    refusedWith: hidden,
  },
  { route: 'GET /staff/reports/:id', url: (i) => `/staff/reports/${id(i)}`, allowed: BUSINESS, refusedWith: hidden },
  {
    route: 'POST /staff/reports/:id/text',
    url: (i) => `/staff/reports/${id(i)}/text`,
    body: () => ({ version: '999', s1: '一', s2: '二', s3: '三', s4: '四', s5: '五', s6: '六' }),
    allowed: [...EDIT],
    refusedWith: hidden,
  },
  {
    route: 'POST /staff/reports/:id/acknowledge',
    url: (i) => `/staff/reports/${id(i)}/acknowledge`,
    body: () => ({ findingKey: '0'.repeat(24), reason: '理由充分' }),
    allowed: [...EDIT],
    refusedWith: hidden,
  },
  {
    route: 'POST /staff/reports/:id/submit',
    url: (i) => `/staff/reports/${id(i)}/submit`,
    body: () => ({ version: '999' }),
    allowed: ['reviewer', 'head'],
    refusedWith: hidden,
  },
  {
    route: 'POST /staff/reports/:id/review',
    url: (i) => `/staff/reports/${id(i)}/review`,
    body: () => ({ version: '999', verdict: 'cleared' }),
    allowed: ['supervisor'],
    refusedWith: hidden,
  },
  {
    route: 'POST /staff/reports/:id/publish',
    url: (i) => `/staff/reports/${id(i)}/publish`,
    body: () => ({ version: '999' }),
    allowed: ['head'],
    refusedWith: hidden,
  },
  {
    route: 'GET /staff/reports/:id/download/:format',
    url: (i) => `/staff/reports/${id(i)}/download/json`,
    allowed: BUSINESS,
    refusedWith: hidden,
  },
  {
    route: 'GET /staff/reports/:id/table2',
    url: (i) => `/staff/reports/${id(i)}/table2?cell=normativeDocs.inForce`,
    allowed: BUSINESS,
    refusedWith: hidden,
  },
  {
    route: 'GET /staff/reports/:id/memo/:format',
    url: (i) => `/staff/reports/${id(i)}/memo/docx`,
    allowed: BUSINESS,
    refusedWith: hidden,
  },
  { route: 'GET /staff/supervision', url: () => '/staff/supervision', allowed: ['supervisor'] },
  {
    route: 'GET /staff/supervision/consolidated',
    url: () => '/staff/supervision/consolidated',
    allowed: ['supervisor'],
  },
  {
    route: 'GET /staff/supervision/consolidated/download/:format',
    url: () => '/staff/supervision/consolidated/download/json?year=2022',
    allowed: ['supervisor'],
  },
  {
    route: 'GET /staff/supervision/overdue-applications',
    url: (i) => `/staff/supervision/overdue-applications?agency=${i.own}`,
    allowed: ['supervisor'],
    refusedWith: hidden,
  },
  {
    route: 'GET /staff/supervision/late-publications',
    url: (i) => `/staff/supervision/late-publications?agency=${i.own}&year=2022`,
    allowed: ['supervisor'],
    refusedWith: hidden,
  },
  { route: 'GET /staff/supervision/imports', url: () => '/staff/supervision/imports', allowed: ['supervisor'] },
  {
    route: 'GET /staff/supervision/imports/:id',
    url: () => '/staff/supervision/imports/nonexistent',
    allowed: [],
    refusedWith: hidden,
  },
  {
    route: 'POST /staff/supervision/imports',
    url: () => '/staff/supervision/imports',
    body: () => ({}),
    allowed: ['supervisor'],
  },
  {
    route: 'POST /staff/reports/business/import',
    url: (i) => `/staff/reports/business/import?agency=${i.own}&year=2022`,
    body: () => ({}),
    allowed: [...EDIT],
    refusedWith: hidden,
  },
];

/** The annual reports' part of the authorization matrix (docs/reports.md). */
export const reportsAuthorization: MatrixSection = {
  name: 'reports',
  rows,
  publicRoutes: [
    'GET /reports',
    'GET /reports/:id',
    'GET /reports/:id/download/:format',
    'GET /reports/bulk/:file',
    'GET /static/report.css',
  ],
  async setup(t, ids) {
    const c = new TestClient(t.app);
    await c.login('rongxiang.chengban');
    await c.page('/staff/reports');
    const res = await c.postForm('/staff/reports/draft', { agencyId: ids.own, year: '2022' });
    const m = /\/staff\/reports\/([^/?]+)/.exec(res.headers.get('location') ?? '');
    if (!m) throw new Error(`report setup failed: ${res.status}`);
    return { report: m[1]! };
  },
};
