import { Feed } from 'feed';
import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { CATALOGUE_CODE, fileableColumns, findColumn } from '../../../core/publication/catalogue.ts';
import { AppError } from '../../../core/platform/app-error.ts';
import { DatabaseBlobStore } from '../../../db/repositories/files/database-blob-store.ts';
import { listItems } from '../../../db/repositories/publication/publication-repository.ts';
import type { AgencyRow, Db } from '../../../db/schema.ts';
import { createSearchIndex } from '../../../search/search-index.ts';
import { feedItems, sitemapItems } from '../../../use-cases/publication/feed-items.ts';
import { listPublished, publishedAttachment, publishedItem } from '../../../use-cases/publication/published-items.ts';
import { loadPublicationSettings } from '../../../use-cases/publication/publication-settings.ts';
import type { AppEnv } from '../../app-env.ts';
import { parseInput } from '../../http/parse-input.ts';
import { chromeFor, publicChrome, renderPage } from '../../http/render.ts';
import { layout } from '../../views/layout.ts';
import {
  annualReportsPage,
  cataloguePage,
  columnPage,
  homeColumns,
  itemPage,
  publicationHomePage,
  rulesPage,
  searchPage,
} from '../../views/publication/portal-publication-pages.ts';
import { columnName } from '../../views/publication/publication-parts.ts';
import { ViewCounter } from './view-counter.ts';
import { lookupSubmission } from '../../../use-cases/publication/submission-ledger.ts';
import { submissionLookupPage } from '../../views/publication/submission-pages.ts';
import { listPublishedReports } from '../../../use-cases/reports/view-report.ts';

/** Same scope as portalCacheScope (portal-routes.ts) and portalPagesScope (publish-core.ts). */
const scope = 'portal';
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const pageSize = 20;

/**
 * The government whose portal this is: the root agency, or — when the root has a single child (a city above the
 * one district that runs the site, as in the demo) — the first agency below it with several children.
 */
export function governmentOf(agencies: AgencyRow[]): string {
  let node = agencies.find((a) => a.parent_id === null);
  for (let depth = 0; node && depth < 10; depth++) {
    const kids = agencies.filter((a) => a.parent_id === node!.id);
    if (kids.length !== 1) break;
    node = kids[0];
  }
  return node?.name ?? '';
}

async function agencyParam(c: Context<AppEnv>): Promise<{ agency: AgencyRow; agencies: AgencyRow[] }> {
  const agencies = await c.get('publicAgencies').get();
  const id = c.req.param('id') ?? '';
  const agency = ID.test(id) ? agencies.find((a) => a.id === id) : undefined;
  if (!agency) throw new AppError('NOT_FOUND', '未找到该机构');
  return { agency, agencies };
}

function pageParam(c: Context<AppEnv>): number {
  const raw = c.req.query('page') ?? '1';
  if (!/^\d{1,4}$/.test(raw)) throw new AppError('BAD_REQUEST', '页码无效');
  return Math.max(1, Number(raw));
}

export const searchQuery = z.object({
  q: z.string().trim().max(100, '关键词不超过100字').default(''),
  agency: z.union([z.literal(''), z.string().regex(ID)]).default(''),
  catalogue: z.union([z.literal(''), z.string().regex(CATALOGUE_CODE)]).default(''),
  year: z.union([z.literal(''), z.string().regex(/^\d{4}$/, '年份应为四位数字')]).default(''),
  docNumber: z.string().trim().max(60).default(''),
  page: z.number().int().min(1).max(100).default(1),
});

/**
 * The public side of 主动公开 (issue 8 item 7, 8): home, catalogue and column lists, item pages (metadata table,
 * 打印版, share link and QR code), 公开制度, 年报 column, attachments, search, Atom/RSS feeds and sitemap.xml. Pages
 * that do not depend on a query go through the page cache; its key is made only of validated parameters.
 */
export function publicationPortalRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let views: ViewCounter | undefined;

  app.get('/agencies/:id/catalogue', async (c) => {
    const { agency, agencies } = await agencyParam(c);
    const demo = c.get('deps').demoData;
    const db = c.get('deps').database.db;
    return c.get('pageCache').respond(c, {
      scope,
      route: 'publication.catalogue',
      params: { id: agency.id },
      render: async ({ prefs }) => {
        const settings = await loadPublicationSettings(db, agency);
        const chrome = {
          ...publicChrome(`${agency.name}政府信息公开目录`, c.req.path, prefs, demo),
          government: governmentOf(agencies),
        };
        return String(await layout(chrome, cataloguePage(agency, settings.catalogue)));
      },
    });
  });

  app.get('/agencies/:id/columns/:code', async (c) => {
    const { agency, agencies } = await agencyParam(c);
    const db = c.get('deps').database.db;
    const settings = await loadPublicationSettings(db, agency);
    const code = c.req.param('code');
    if (!fileableColumns(settings.catalogue).some((e) => e.node.code === code))
      throw new AppError('NOT_FOUND', '未找到该栏目');
    const page = pageParam(c);
    const demo = c.get('deps').demoData;
    return c.get('pageCache').respond(c, {
      scope,
      route: 'publication.column',
      params: { id: agency.id, code, page },
      render: async ({ prefs }) => {
        const list = await listPublished(db, { agencyId: agency.id, catalogue: code, page, pageSize });
        const title = `${columnName(settings.catalogue, code)} - ${agency.name}`;
        const chrome = {
          ...publicChrome(title, `/agencies/${agency.id}/columns/${code}`, prefs, demo),
          government: governmentOf(agencies),
        };
        return String(await layout(chrome, columnPage(agency, settings.catalogue, code, list, page, pageSize)));
      },
    });
  });

  app.get('/agencies/:id/rules', async (c) => {
    const { agency, agencies } = await agencyParam(c);
    const db = c.get('deps').database.db;
    const items = await listItems(db, {
      filter: { kind: 'agency', agencyId: agency.id },
      statuses: ['published'],
      catalogue: 'rules',
      limit: 100,
    });
    const chrome = { ...chromeFor(c, `${agency.name}政府信息公开制度`, 'portal'), government: governmentOf(agencies) };
    return renderPage(c, chrome, rulesPage(agency, items));
  });

  app.get('/agencies/:id/annual-reports', async (c) => {
    const { agency, agencies } = await agencyParam(c);
    const chrome = {
      ...chromeFor(c, `${agency.name}政府信息公开工作年度报告`, 'portal'),
      government: governmentOf(agencies),
    };
    const reports = (await listPublishedReports(c.get('deps').database.db)).filter((r) => r.agency_id === agency.id);
    return renderPage(c, chrome, annualReportsPage(agency, reports));
  });

  const itemRoute = (printable: boolean) => async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    if (!ID.test(id)) throw new AppError('NOT_FOUND', '该信息不存在或已撤回');
    const { database, demoData, config, clock } = c.get('deps');
    const agencies = await c.get('publicAgencies').get();
    views ??= new ViewCounter(database.db, () => clock().getTime());
    const response = await c.get('pageCache').respond(c, {
      scope,
      route: printable ? 'publication.item.print' : 'publication.item',
      params: { id },
      render: async ({ prefs }) => {
        const p = await publishedItem(database.db, id);
        const shareUrl = `${config.publicUrl}/items/${id}`;
        const qrSvg = await QRCode.toString(shareUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        const chrome = {
          ...publicChrome(p.item.title, `/items/${id}`, prefs, demoData),
          government: governmentOf(agencies),
        };
        const body = itemPage(p, {
          shareUrl,
          // The SVG from the qrcode library: paths only; labelled for screen readers.
          qrSvg: qrSvg.replace('<svg ', '<svg role="img" aria-label="本页二维码" width="132" height="132" '),
          catalogueName: findColumn(p.settings.catalogue, p.item.catalogue)?.node.name ?? p.item.catalogue,
          printable,
        });
        return String(await layout(chrome, body));
      },
    });
    if (!printable && response.status !== 304) views.count(id);
    return response;
  };
  app.get('/items/:id', itemRoute(false));
  app.get('/items/:id/print', itemRoute(true));

  app.get('/attachments/:id', async (c) => {
    const id = c.req.param('id');
    if (!ID.test(id)) throw new AppError('NOT_FOUND', '附件不存在');
    const { database, clock } = c.get('deps');
    const a = await publishedAttachment(database.db, id);
    const store = new DatabaseBlobStore(database.db, clock);
    const iterator = store.read(a.blob_sha256)[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    const image = a.media_type.startsWith('image/');
    c.header('Content-Type', a.media_type);
    c.header('Content-Length', String(a.size));
    c.header(
      'Content-Disposition',
      `${image ? 'inline' : 'attachment'}; filename="attachment"; filename*=UTF-8''${encodeURIComponent(a.name)}`,
    );
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(stream);
  });

  app.get('/search', async (c) => {
    const query = parseInput(searchQuery, c.req.query());
    const { database } = c.get('deps');
    const agencies = await c.get('publicAgencies').get();
    const any = query.q !== '' || query.docNumber !== '';
    const result = any
      ? await createSearchIndex(database.dialect).search(database.db, {
          query: query.q || query.docNumber,
          filters: {
            ...(query.agency ? { agency: { id: query.agency, subtree: true } } : {}),
            ...(query.catalogue ? { catalogue: query.catalogue } : {}),
            ...(query.year ? { year: Number(query.year) } : {}),
            ...(query.docNumber ? { docNumber: query.docNumber } : {}),
          },
          page: query.page,
        })
      : null;
    const href = (p: number) => {
      const u = new URLSearchParams({ ...query, page: String(p) });
      return `/search?${u.toString()}`;
    };
    const chrome = {
      ...chromeFor(c, query.q ? `检索：${query.q}` : '信息检索', 'portal', 'search'),
      government: governmentOf(agencies),
    };
    return renderPage(c, chrome, searchPage(query, agencies, result, href));
  });

  const feedRoute = (format: 'atom' | 'rss') => async (c: Context<AppEnv>) => {
    const { agency, agencies } = await agencyParam(c);
    const { database, config } = c.get('deps');
    const code = c.req.param('code');
    const settings = await loadPublicationSettings(database.db, agency);
    if (code !== undefined && !fileableColumns(settings.catalogue).some((e) => e.node.code === code))
      throw new AppError('NOT_FOUND', '未找到该栏目');
    const items = await feedItems(database.db, agency.id, code);
    const self = `${config.publicUrl}${c.req.path}`;
    const feed = new Feed({
      title: `${agency.name}${code ? ` - ${columnName(settings.catalogue, code)}` : ''}`,
      description: `${governmentOf(agencies)}政府信息公开：${agency.name}主动公开的政府信息`,
      id: self,
      link: `${config.publicUrl}/agencies/${agency.id}/catalogue`,
      language: 'zh-CN',
      copyright: agency.name,
      updated: items[0]?.published_on ? new Date(`${items[0].published_on}T00:00:00+08:00`) : new Date(0),
      feedLinks: { [format]: self },
    });
    for (const i of items) {
      feed.addItem({
        title: i.title,
        id: `${config.publicUrl}/items/${i.id}`,
        link: `${config.publicUrl}/items/${i.id}`,
        date: new Date(`${i.published_on ?? i.updated_at.slice(0, 10)}T00:00:00+08:00`),
        description: [i.doc_number, i.index_number].filter(Boolean).join(' · '),
        author: [{ name: i.publisher }],
      });
    }
    c.header(
      'Content-Type',
      format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8',
    );
    c.header('Cache-Control', 'no-cache');
    return c.body(format === 'atom' ? feed.atom1() : feed.rss2());
  };
  app.get('/agencies/:id/feed.atom', feedRoute('atom'));
  app.get('/agencies/:id/feed.rss', feedRoute('rss'));
  app.get('/agencies/:id/columns/:code/feed.atom', feedRoute('atom'));
  app.get('/agencies/:id/columns/:code/feed.rss', feedRoute('rss'));

  app.get('/feedback/lookup', async (c) => {
    const ref = (c.req.query('ref') ?? '').trim().slice(0, 40);
    const { config, database } = c.get('deps');
    let result;
    if (ref) {
      // Look-ups count against the public rate limit: references must not be guessable by brute force.
      if (!(await c.get('limiter').hit(`public:${c.get('ip')}`, config.rateLimitPublicPerMinute)))
        throw new AppError('RATE_LIMITED');
      result = await lookupSubmission(database.db, ref);
    }
    const agencies = await c.get('publicAgencies').get();
    const chrome = { ...chromeFor(c, '办理情况查询', 'portal', 'feedback'), government: governmentOf(agencies) };
    return renderPage(c, chrome, submissionLookupPage(ref, result));
  });

  app.get('/sitemap.xml', async (c) => {
    const { database, config } = c.get('deps');
    const agencies = await c.get('publicAgencies').get();
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const urls = [
      `<url><loc>${esc(config.publicUrl)}/</loc></url>`,
      ...agencies.map((a) => `<url><loc>${esc(`${config.publicUrl}/agencies/${a.id}/catalogue`)}</loc></url>`),
      ...(await sitemapItems(database.db)).map(
        (i) =>
          `<url><loc>${esc(`${config.publicUrl}/items/${i.id}`)}</loc><lastmod>${i.updated_at.slice(0, 10)}</lastmod></url>`,
      ),
      // The 政府信息公开年报 column and every published annual report page (issue 9 item 8).
      `<url><loc>${esc(config.publicUrl)}/reports</loc></url>`,
      ...(await listPublishedReports(database.db)).map(
        (r) =>
          `<url><loc>${esc(`${config.publicUrl}/reports/${r.id}`)}</loc>${r.published_at ? `<lastmod>${r.published_at.slice(0, 10)}</lastmod>` : ''}</url>`,
      ),
    ];
    c.header('Content-Type', 'application/xml; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
    );
  });

  return app;
}

/** The home page's data: the latest published items of each home column. */
export async function homeLatest(db: Db) {
  return Promise.all(
    homeColumns.map(async (col) => ({
      title: col.title,
      items: await listItems(db, { filter: { kind: 'all' }, statuses: ['published'], catalogues: col.codes, limit: 6 }),
    })),
  );
}

export { publicationHomePage };
