import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate-to-latest.ts';
import { createPostgresSearchStore } from '../../src/db/repositories/search/postgres-search-store.ts';
import type { Dialect } from '../../src/db/open-database.ts';
import { createSearchIndex, resultCap, type SearchIndex } from '../../src/search/search-index.ts';
import type { SearchDocument, SearchHit, SearchRequest } from '../../src/search/search-document.ts';
import { createTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

/**
 * ONE suite for both implementations of the search index: SQLite (FTS5) always, PostgreSQL (tsvector + GIN) when
 * GONGKAI_TEST_PG_URL is set. Every expectation below is about what a person searching the portal sees.
 */

function doc(id: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id,
    agencyId: 'rongxiang',
    agencyPath: '/city/binhu/rongxiang/',
    catalogue: 'gzdt',
    year: 2025,
    docNumber: '',
    indexNumber: `11320211MB1234567X/2025-${id.padStart(5, '0').slice(-5)}`,
    title: `标题${id}`,
    body: '',
    attachments: [],
    publishedDate: '2025-03-01',
    url: `/items/${id}`,
    ...fields,
  };
}

/** A small realistic corpus: each document is there to prove one behaviour. */
const corpus: SearchDocument[] = [
  doc('jd1', {
    title: '荣巷街道关于开展垃圾分类宣传活动的通知',
    body: '各社区：为推进垃圾分类工作……',
    publishedDate: '2025-01-10',
  }),
  doc('jd2', {
    title: '2025年第一季度工作动态',
    body: '本季度蠡园街道办事处组织网格员入户走访。',
    agencyId: 'liyuan',
    agencyPath: '/city/binhu/liyuan/',
    publishedDate: '2025-04-02',
  }),
  doc('fy1', {
    title: '滨湖区人民政府关于行政复议工作的报告',
    body: '全年共办理行政复议案件十二件。',
    agencyId: 'binhu',
    agencyPath: '/city/binhu/',
    catalogue: 'zcwj',
    docNumber: '锡滨政办发〔2025〕12号',
    publishedDate: '2025-02-01',
  }),
  doc('fy2', {
    title: '关于答复议题汇总的说明',
    body: '对代表提出的议题逐一答复。',
    catalogue: 'jyta',
    publishedDate: '2024-06-01',
    year: 2024,
  }),
  doc('fy3', {
    title: '马山街道2024年政府信息公开工作年度报告',
    body: '本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。',
    agencyId: 'mashan',
    agencyPath: '/city/binhu/mashan/',
    catalogue: 'ndbg',
    year: 2024,
    publishedDate: '2025-01-20',
  }),
  doc('nd1', {
    title: '区教育局2023年度部门决算',
    body: '本年度一般公共预算财政拨款支出……',
    agencyId: 'jiaoyu',
    agencyPath: '/city/binhu/jiaoyu/',
    catalogue: 'czxx',
    year: 2023,
    docNumber: '锡滨教发〔2023〕3号',
    publishedDate: '2023-09-15',
  }),
  doc('att', {
    title: '关于印发实施方案的通知',
    body: '详见附件。',
    attachments: [{ name: '任务分解表.docx', text: '序号 任务 责任单位 1 老旧小区改造 区住建局' }],
    docNumber: '锡滨政办发〔2025〕7号',
    catalogue: 'zcwj',
    publishedDate: '2025-05-05',
  }),
  doc('en', {
    title: 'ＧＢ/Ｔ 22239 等级保护测评公示',
    body: 'Policy 文本：Level-3 测评通过，报告编号 CEC2025-0088。',
    publishedDate: '2025-06-01',
  }),
  doc('xss', {
    title: '<script>alert("标题")</script>街道通知',
    body: '<img src=x onerror=alert(1)> 街道 & 社区 "引号" \'单引号\'',
    attachments: [{ name: '<b>附件</b>.pdf', text: '附件 <iframe> 正文' }],
    publishedDate: '2024-12-01',
    year: 2024,
  }),
];

function ids(hits: SearchHit[]): string[] {
  return hits.map((h) => h.id);
}

/** Only our <mark> elements may be markup: no other '<' and no unescaped quote or '&' in the output. */
function assertSafeHtml(html: string): void {
  const stripped = html.replace(/<\/?mark>/g, '');
  assert.ok(!stripped.includes('<'), html);
  assert.ok(!stripped.includes('>'), html);
  assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(stripped), html);
  assert.ok(!/["']/.test(stripped), html);
}

for (const dialect of testDialects()) {
  describe(`search index (${dialect})`, () => {
    let t: TestDatabase;
    let index: SearchIndex;
    const search = (request: SearchRequest) => index.search(t.open.db, request);

    before(async () => {
      t = await createTestDatabase(dialect);
      await migrateToLatest(t.open.db, dialect);
      index = createSearchIndex(dialect);
      await t.open.db.transaction().execute((tx) => index.upsertMany(tx, corpus));
    });
    after(() => t.dispose());

    test('two-character terms are found wherever they occur (街道, 复议)', async () => {
      assert.deepEqual(ids((await search({ query: '街道' })).hits).sort(), ['fy3', 'jd1', 'jd2', 'xss']);
      // 复议 as a word (行政复议) and across a word boundary (答复议题): substring semantics, full recall.
      assert.deepEqual(ids((await search({ query: '复议' })).hits).sort(), ['fy1', 'fy2', 'fy3']);
    });

    test('terms inside longer words are found (年度 in 本年度/年度报告, 复议 in 行政复议, 改造 in 老旧小区改造)', async () => {
      assert.deepEqual(ids((await search({ query: '年度' })).hits).sort(), ['fy3', 'nd1']);
      assert.deepEqual(ids((await search({ query: '政复' })).hits).sort(), ['fy1', 'fy3']);
      assert.deepEqual(ids((await search({ query: '改造' })).hits), ['att']);
      assert.deepEqual(ids((await search({ query: '办事处' })).hits), ['jd2']);
    });

    test('a longer term must appear contiguously', async () => {
      assert.deepEqual(ids((await search({ query: '行政复议' })).hits).sort(), ['fy1', 'fy3']);
      // 议题 and 答复 both occur in fy2, but not as 复议题汇 … only the exact sequence counts.
      assert.deepEqual(ids((await search({ query: '答复议题' })).hits), ['fy2']);
      assert.equal((await search({ query: '复议答' })).total, 0);
    });

    test('a single character finds words that contain it', async () => {
      const r = await search({ query: '诉' });
      assert.deepEqual(ids(r.hits), ['fy3']);
      assert.deepEqual(ids((await search({ query: '处' })).hits), ['jd2']);
    });

    test('文号, 索引号 fragments, years, Latin and full-width forms', async () => {
      assert.deepEqual(ids((await search({ query: '锡滨政办发〔2025〕12号' })).hits), ['fy1']);
      // With ASCII brackets it is the same sequence of characters and digits; split by a space, two terms.
      assert.deepEqual(ids((await search({ query: '锡滨政办发2025 12号' })).hits), ['fy1']);
      assert.deepEqual(ids((await search({ query: '锡滨政办发2025 13号' })).hits), []);
      assert.deepEqual(ids((await search({ query: '锡滨政办发(2025)12号' })).hits), ['fy1']);
      assert.deepEqual(ids((await search({ query: '锡滨政办发' })).hits).sort(), ['att', 'fy1']);
      assert.deepEqual(ids((await search({ query: '锡滨教发〔2023〕' })).hits), ['nd1']);
      // 索引号: the agency code and the serial part.
      assert.equal((await search({ query: '11320211MB1234567X' })).total, corpus.length);
      assert.deepEqual(ids((await search({ query: '2025-000fy1' })).hits), []);
      assert.deepEqual(ids((await search({ query: 'mb1234567x/2025-00jd' })).hits).sort(), ['jd1', 'jd2']);
      // Full-width ＧＢ/Ｔ in the document, ASCII in the query; case does not matter.
      assert.deepEqual(ids((await search({ query: 'gb/t 22239' })).hits), ['en']);
      assert.deepEqual(ids((await search({ query: 'POLICY' })).hits), ['en']);
      // A number is matched from its start (type-ahead): 2023 finds 2023, 202 finds 2023/2024/2025.
      assert.deepEqual(ids((await search({ query: 'cec2025' })).hits), ['en']);
      assert.deepEqual(ids((await search({ query: '2023年度' })).hits), ['nd1']);
    });

    test('attachment text is searched and the snippet says which attachment', async () => {
      const r = await search({ query: '老旧小区' });
      assert.deepEqual(ids(r.hits), ['att']);
      assert.equal(r.hits[0]!.snippetAttachment, '任务分解表.docx');
      assert.match(r.hits[0]!.snippetHtml, /<mark>老旧小区<\/mark>改造/);
    });

    test('ranking: title words, then title substrings, then body-only hits — newest first within each', async () => {
      const r = await search({ query: '复议' });
      // fy1: 行政复议 is a word of the title; fy2: 复议 only across 答复|议题 in the title; fy3 (newest): body only.
      assert.deepEqual(ids(r.hits), ['fy1', 'fy2', 'fy3']);
      assert.deepEqual(
        r.hits.map((h) => h.tier),
        ['title-word', 'title', 'body'],
      );
      const street = await search({ query: '街道' });
      assert.deepEqual(ids(street.hits), ['fy3', 'jd1', 'xss', 'jd2']);
      assert.deepEqual(
        street.hits.map((h) => h.tier),
        ['title-word', 'title-word', 'title-word', 'body'],
      );
    });

    test('several terms: all must match, in title or body', async () => {
      assert.deepEqual(ids((await search({ query: '街道 垃圾分类' })).hits), ['jd1']);
      assert.deepEqual(ids((await search({ query: '马山  行政诉讼' })).hits), ['fy3']);
      assert.equal((await search({ query: '街道 不存在的词' })).total, 0);
      // Rarest term first or last, with filters: the same matches (SQLite chains the parts of an AND by rarity).
      assert.deepEqual(ids((await search({ query: '垃圾分类 街道 通知' })).hits), ['jd1']);
      assert.deepEqual(ids((await search({ query: '报告 年度 政府信息公开', filters: { year: 2024 } })).hits), ['fy3']);
      assert.deepEqual(
        ids((await search({ query: '复议 报告', filters: { agency: { id: 'binhu', subtree: true } } })).hits),
        ['fy1', 'fy3'],
      );
    });

    test('the letter z is an ordinary token (the empty FTS5 term that chains an AND is "z" without a namespace)', async () => {
      await t.open.db
        .transaction()
        .execute((tx) =>
          index.upsert(tx, doc('zz', { title: 'Z 试点方案 z', body: '甲乙 街道', publishedDate: '2025-07-01' })),
        );
      try {
        assert.deepEqual(ids((await search({ query: 'z 试点' })).hits), ['zz']);
        assert.deepEqual(ids((await search({ query: '甲乙 z 方案' })).hits), ['zz']);
        assert.deepEqual(ids((await search({ query: '"z" z 试点' })).hits), ['zz']);
        // Three terms, z much rarer than 街道: the SQLite chain puts z (and 甲乙) before the NOT of the empty term.
        assert.deepEqual(ids((await search({ query: '街道 z 甲乙' })).hits), ['zz']);
      } finally {
        await t.open.db.transaction().execute((tx) => index.remove(tx, 'zz'));
      }
    });

    test('filters: agency, agency subtree, catalogue, year, 文号', async () => {
      assert.deepEqual(
        ids((await search({ query: '街道', filters: { agency: { id: 'liyuan', subtree: false } } })).hits),
        ['jd2'],
      );
      const subtree = await search({ query: '复议', filters: { agency: { id: 'binhu', subtree: true } } });
      assert.deepEqual(ids(subtree.hits), ['fy1', 'fy2', 'fy3']);
      const own = await search({ query: '复议', filters: { agency: { id: 'binhu', subtree: false } } });
      assert.deepEqual(ids(own.hits), ['fy1']);
      assert.equal((await search({ query: '复议', filters: { agency: { id: 'elsewhere', subtree: true } } })).total, 0);
      assert.deepEqual(ids((await search({ query: '复议', filters: { catalogue: 'ndbg' } })).hits), ['fy3']);
      assert.deepEqual(ids((await search({ query: '复议', filters: { year: 2024 } })).hits), ['fy2', 'fy3']);
      assert.deepEqual(ids((await search({ query: '通知', filters: { docNumber: '锡滨政办发' } })).hits), ['att']);
      assert.deepEqual(ids((await search({ query: '复议', filters: { docNumber: '〔2025〕12号' } })).hits), ['fy1']);
      assert.deepEqual(
        ids((await search({ query: '街道', filters: { year: 2025, agency: { id: 'binhu', subtree: true } } })).hits),
        ['jd1', 'jd2'],
      );
      // A filter value is data, not syntax.
      assert.equal((await search({ query: '街道', filters: { catalogue: '" OR 1=1 --' } })).total, 0);
    });

    test('highlighting: terms marked in title and snippet, nothing of the document becomes markup', async () => {
      const r = await search({ query: '街道' });
      const xss = r.hits.find((h) => h.id === 'xss')!;
      assert.equal(xss.titleHtml, '&lt;script&gt;alert(&quot;标题&quot;)&lt;/script&gt;<mark>街道</mark>通知');
      assert.match(xss.snippetHtml, /&lt;img src=x onerror=alert\(1\)&gt; <mark>街道<\/mark> &amp; 社区/);
      for (const h of r.hits) {
        assertSafeHtml(h.titleHtml);
        assertSafeHtml(h.snippetHtml);
      }
      const attachment = await search({ query: '正文' });
      assert.equal(attachment.hits[0]?.snippetAttachment, '<b>附件</b>.pdf');
      assertSafeHtml(attachment.hits[0]!.snippetHtml);
      // Markup in the query is not markup in the result either.
      for (const q of ['<mark>街道', '街道</mark>', '"><script>街道']) {
        for (const h of (await search({ query: q })).hits) {
          assertSafeHtml(h.titleHtml);
          assertSafeHtml(h.snippetHtml);
        }
      }
    });

    test('hostile and odd queries never fail and are never syntax', async () => {
      const queries = [
        '"',
        '""',
        '"街道',
        "'",
        "街道' OR '1'='1",
        '街道 OR 复议',
        '街道 AND NOT 复议',
        'NEAR(街道 复议, 2)',
        '街道*',
        '*',
        'title:街道',
        '{title}:街道',
        '街道:*',
        '街道 & 复议',
        '街道 | 复议',
        '!街道',
        '(街道',
        '街道)',
        '^街道',
        '街道 -复议',
        '\u0000街道\u0000',
        '\\',
        '街道\\',
        '😀',
        '街道😀复议',
        '𠀀𠀁',
        ' ',
        '',
        'x'.repeat(10_000),
        '街道'.repeat(5_000),
        '街 道 复 议 年 度 改 造 通 知 公 开',
        '\u202e街道',
      ];
      for (const query of queries) {
        const r = await search({ query });
        assert.ok(r.total >= 0 && r.hits.length <= r.pageSize, query);
        for (const h of r.hits) assertSafeHtml(h.snippetHtml);
      }
      // Operators are separators: "街道 OR 复议" means 街道 AND "or" AND 复议 → nothing; quotes are ignored.
      assert.equal((await search({ query: '街道 OR 复议' })).total, 0);
      assert.deepEqual(ids((await search({ query: '"街道"' })).hits).sort(), ['fy3', 'jd1', 'jd2', 'xss']);
      assert.deepEqual(ids((await search({ query: '(行政复议)' })).hits).sort(), ['fy1', 'fy3']);
      // A long query is cut, not rejected (and, matching nothing as one term, relaxed into its word 街道).
      const long = await search({ query: '街道'.repeat(5_000) });
      assert.equal(long.relaxed, true);
      assert.deepEqual(long.terms, ['街道']);
    });

    test('random input never throws, on queries and on filters', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 20 }), async (q, f) => {
          const r = await search({ query: q, filters: { catalogue: f, docNumber: f } });
          assert.ok(r.total >= 0);
        }),
        { numRuns: 60 },
      );
    });

    test('every substring of two or more characters of a title or body finds its document', async () => {
      const texts = corpus.flatMap((d) => [d.title, d.body].map((text) => ({ id: d.id, text })));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...texts.filter((x) => /[\u4e00-\u9fff]{2}/.test(x.text))),
          fc.nat(),
          fc.integer({ min: 2, max: 8 }),
          async ({ id, text }, at, length) => {
            const cjk = [...text.matchAll(/[\u4e00-\u9fff]+/g)].map((m) => m[0]).filter((r) => r.length >= 2);
            const run = cjk[at % cjk.length]!;
            const start = at % (run.length - 1);
            const piece = run.slice(start, start + length);
            const r = await search({ query: piece, pageSize: 50 });
            assert.ok(ids(r.hits).includes(id), `${piece} → ${ids(r.hits).join(',')}`);
          },
        ),
        { numRuns: 80 },
      );
    });

    test('a long query that matches nothing exactly is relaxed into its words', async () => {
      const exact = await search({ query: '行政复议工作' });
      assert.equal(exact.relaxed, false);
      assert.deepEqual(ids(exact.hits), ['fy1']);
      const relaxed = await search({ query: '滨湖区行政复议工作报告' });
      assert.equal(relaxed.relaxed, true);
      assert.deepEqual(ids(relaxed.hits), ['fy1']);
      assert.ok(relaxed.terms.includes('行政复议'), relaxed.terms.join(','));
      const none = await search({ query: '滨湖区燃气安全报告' });
      assert.equal(none.relaxed, true);
      assert.equal(none.total, 0);
    });

    test('update replaces the old text; remove takes the item out', async () => {
      await index.upsert(t.open.db, doc('upd', { title: '关于开展燃气安全检查的通知', body: '燃气' }));
      assert.deepEqual(ids((await search({ query: '燃气安全' })).hits), ['upd']);
      await index.upsert(
        t.open.db,
        doc('upd', { title: '关于开展消防安全检查的通知（修订）', body: '消防', publishedDate: '2025-07-01' }),
      );
      assert.equal((await search({ query: '燃气' })).total, 0);
      const r = await search({ query: '消防安全' });
      assert.deepEqual(ids(r.hits), ['upd']);
      assert.equal(r.hits[0]!.publishedDate, '2025-07-01');
      assert.equal(await index.countAll(t.open.db), corpus.length + 1);
      assert.equal(await index.remove(t.open.db, 'upd'), true);
      assert.equal((await search({ query: '消防' })).total, 0);
      assert.equal(await index.remove(t.open.db, 'upd'), false);
      assert.equal(await index.countAll(t.open.db), corpus.length);
    });

    test('indexing inside a transaction that fails leaves nothing behind', async () => {
      await assert.rejects(
        t.open.db.transaction().execute(async (tx) => {
          await index.upsert(tx, doc('rollback', { title: '回滚测试专用标题' }));
          throw new Error('publication failed');
        }),
      );
      assert.equal((await search({ query: '回滚测试' })).total, 0);
    });

    test('malformed documents are refused', async () => {
      await assert.rejects(index.upsert(t.open.db, doc('bad', { publishedDate: '2025/01/01' })));
      await assert.rejects(index.upsert(t.open.db, doc('bad', { publishedDate: '1900-01-01' })));
    });
  });

  describe(`search paging and totals (${dialect})`, () => {
    let t: TestDatabase;
    let index: SearchIndex;
    const many = resultCap + 30;

    before(async () => {
      t = await createTestDatabase(dialect);
      await migrateToLatest(t.open.db, dialect);
      index = createSearchIndex(dialect);
      // Many items on few days: sort keys of one day collide and must still be unique.
      const docs = Array.from({ length: many }, (_, i) =>
        doc(`p${i}`, {
          title: i % 10 === 0 ? `第${i}号街道公告` : `第${i}号公告`,
          body: i % 2 === 0 ? '街道办事处' : '社区',
          publishedDate: `2025-01-${String(1 + (i % 3)).padStart(2, '0')}`,
        }),
      );
      // Older than all of the above: a term found only at the old end of the key order (the key-window plan
      // must widen its range until it gets there).
      const archive = Array.from({ length: 60 }, (_, i) =>
        doc(`old${i}`, {
          title: `档案整理第${i}批`,
          body: i % 3 === 0 ? '归档目录' : '',
          publishedDate: `2024-12-${String(1 + (i % 20)).padStart(2, '0')}`,
          year: 2024,
        }),
      );
      await t.open.db.transaction().execute((tx) => index.upsertMany(tx, [...docs, ...archive]));
    });
    after(() => t.dispose());

    test('exact total when small, capped when large, pages without gaps or repeats', async () => {
      const small = await index.search(t.open.db, { query: '第1号', pageSize: 50 });
      assert.equal(small.totalIsExact, true);
      assert.equal(small.total, 1);
      const broad = await index.search(t.open.db, { query: '公告', pageSize: 50 });
      assert.equal(broad.totalIsExact, false);
      assert.equal(broad.total, resultCap);
      assert.equal(broad.pageCount, resultCap / 50);
      const street = await index.search(t.open.db, { query: '街道', pageSize: 7 });
      const expected = Array.from({ length: many }, (_, i) => i).filter((i) => i % 2 === 0).length;
      assert.equal(street.total, expected);
      assert.equal(street.totalIsExact, true);
      const seen: SearchHit[] = [];
      for (let page = 1; page <= street.pageCount; page++) {
        const r = await index.search(t.open.db, { query: '街道', pageSize: 7, page });
        assert.equal(r.hits.length, page < street.pageCount ? 7 : expected - 7 * (street.pageCount - 1));
        seen.push(...r.hits);
      }
      assert.equal(new Set(ids(seen)).size, expected);
      // Title hits (every 10th) first, then body hits; newest first within each.
      const firstBody = seen.findIndex((h) => h.tier === 'body');
      assert.equal(firstBody, Math.ceil(many / 10));
      assert.ok(seen.slice(firstBody).every((h) => h.tier === 'body'));
      for (let i = 1; i < seen.length; i++) {
        if (seen[i]!.tier === seen[i - 1]!.tier) assert.ok(seen[i]!.publishedDate <= seen[i - 1]!.publishedDate);
      }
      // Past the end: no hits, no error; absurd paging values are clamped.
      assert.deepEqual((await index.search(t.open.db, { query: '街道', page: 999 })).hits, []);
      const clamped = await index.search(t.open.db, { query: '街道', page: -3, pageSize: 10_000 });
      assert.equal(clamped.page, 1);
      assert.equal(clamped.pageSize, 50);
      const nan = await index.search(t.open.db, { query: '街道', page: Number.NaN, pageSize: Number.NaN });
      assert.equal(nan.page, 1);
    });

    test('PostgreSQL: walking the key order and collecting key windows find the same pages as collecting all', async (c) => {
      if (dialect !== 'postgres') return c.skip('PostgreSQL plan choice');
      // With statistics, a store whose thresholds are tiny walks every tier newest first (through the filter
      // columns' b-trees where a filter is given); one with huge thresholds answers from the GIN candidates; one
      // that prefers key windows collects the candidates of the newest key range that should hold the page,
      // widening it while short, and walks when a range holds more candidates than it may collect.
      await sql`ANALYZE search_vectors`.execute(t.open.db);
      const used = { collect: 0, window: 0, walk: 0 };
      const onPlan = (plan: keyof typeof used) => used[plan]++;
      const collect = createSearchIndex('postgres', createPostgresSearchStore({ orderedAbove: 1e9, broadAbove: 1e9 }));
      const walk = createSearchIndex(
        'postgres',
        createPostgresSearchStore({ orderedAbove: 5, broadAbove: 50, ginEntriesPerRow: 0, onPlan }),
      );
      const windowed = createSearchIndex(
        'postgres',
        createPostgresSearchStore({ orderedAbove: 40, broadAbove: 50, ginEntriesPerRow: Infinity, onPlan }),
      );
      // Windows sized for one match each: a page takes many windows, each continuing below the last, and after
      // the sixth the rest of the tier is walked.
      const narrowUsed = { collect: 0, window: 0, walk: 0 };
      const narrow = createSearchIndex(
        'postgres',
        createPostgresSearchStore({
          orderedAbove: 40,
          broadAbove: 50,
          ginEntriesPerRow: Infinity,
          windowMatches: () => 1,
          onPlan: (plan) => narrowUsed[plan]++,
        }),
      );
      const requests: SearchRequest[] = [
        { query: '街道', pageSize: 7 },
        { query: '街道', pageSize: 7, page: 3 },
        { query: '街道', pageSize: 50, page: 2 },
        { query: '公告', page: 9 },
        { query: '街道 公告' },
        { query: '第10号' },
        { query: '街道', filters: { year: 2025 } },
        { query: '街道', filters: { year: 2024 } },
        { query: '公告', filters: { agency: { id: 'rongxiang', subtree: false } } },
        { query: '公告', filters: { agency: { id: 'binhu', subtree: true }, catalogue: 'gzdt' } },
        { query: '社区', filters: { catalogue: 'zcwj' } },
        { query: '档案整理' },
        { query: '档案整理', page: 3, pageSize: 20 },
        { query: '归档' },
        { query: '档案 归档' },
        { query: '批' },
      ];
      for (const request of requests) {
        const a = await collect.search(t.open.db, request);
        for (const [name, other] of [
          ['walk', walk],
          ['window', windowed],
          ['narrow windows', narrow],
        ] as const) {
          const b = await other.search(t.open.db, request);
          const label = `${name} ${JSON.stringify(request)}`;
          assert.deepEqual(ids(b.hits), ids(a.hits), label);
          assert.deepEqual(
            b.hits.map((h) => h.tier),
            a.hits.map((h) => h.tier),
            label,
          );
          // Not counted when broad: then "more than" the cap, never fewer than found.
          if (!b.totalIsExact) assert.equal(b.total, resultCap, label);
          else assert.equal(b.total, a.total, label);
        }
      }
      assert.ok((await walk.search(t.open.db, { query: '街道', filters: { year: 2025 } })).hits.length > 0);
      // Each plan really ran (the comparison above would be empty otherwise).
      assert.ok(used.window > 5, JSON.stringify(used));
      assert.ok(used.walk > 5, JSON.stringify(used));
      assert.ok(narrowUsed.window > 2 * requests.length, JSON.stringify(narrowUsed));
      assert.ok(narrowUsed.walk > 0, JSON.stringify(narrowUsed));
      assert.ok((await collect.search(t.open.db, { query: '档案整理', page: 3, pageSize: 20 })).hits.length === 20);
    });
  });
}

if (testDialects().length > 1) {
  describe('search: SQLite and PostgreSQL agree', () => {
    const dbs: { dialect: Dialect; t: TestDatabase; index: SearchIndex }[] = [];
    before(async () => {
      for (const dialect of testDialects()) {
        const t = await createTestDatabase(dialect);
        await migrateToLatest(t.open.db, dialect);
        const index = createSearchIndex(dialect);
        await index.upsertMany(t.open.db, corpus);
        dbs.push({ dialect, t, index });
      }
    });
    after(async () => {
      for (const d of dbs) await d.t.dispose();
    });

    test('the same query gives the same hits, tiers, totals and snippets', async () => {
      for (const query of [
        '街道',
        '复议',
        '年度',
        '诉',
        '锡滨政办发',
        '2025',
        '老旧小区',
        '滨湖区复议报告',
        '街道 社区',
        '报告 年度 街道',
        '政府信息公开 马山 报告 2024',
      ]) {
        const [a, b] = await Promise.all(dbs.map((d) => d.index.search(d.t.open.db, { query })));
        assert.deepEqual(b, a, query);
      }
    });

    test('PostgreSQL with key windows, walks or collecting gives what SQLite gives, totals included', async () => {
      const [lite, pg] = dbs;
      await sql`ANALYZE search_vectors`.execute(pg!.t.open.db);
      const used = { collect: 0, window: 0, walk: 0 };
      const onPlan = (plan: keyof typeof used) => used[plan]++;
      const stores = [
        createPostgresSearchStore({ orderedAbove: 1, broadAbove: 1e9, ginEntriesPerRow: Infinity, onPlan }),
        createPostgresSearchStore({
          orderedAbove: 1,
          broadAbove: 1e9,
          ginEntriesPerRow: Infinity,
          windowMatches: () => 1,
          onPlan,
        }),
        createPostgresSearchStore({ orderedAbove: 0, broadAbove: 1e9, ginEntriesPerRow: 0, onPlan }),
      ];
      const requests: SearchRequest[] = [
        { query: '街道' },
        { query: '街道', pageSize: 2, page: 2 },
        { query: '复议', pageSize: 1, page: 3 },
        { query: '年度' },
        { query: '街道 社区' },
        { query: '报告 年度 街道' },
        { query: '政府信息公开 马山 报告 2024' },
        { query: '报告', filters: { agency: { id: 'binhu', subtree: true } } },
        { query: '通知', filters: { catalogue: 'zcwj' } },
        { query: '滨湖区复议报告' },
      ];
      for (const request of requests) {
        const expected = await lite!.index.search(lite!.t.open.db, request);
        for (const store of stores) {
          const got = await createSearchIndex('postgres', store).search(pg!.t.open.db, request);
          assert.deepEqual(got, expected, JSON.stringify(request));
        }
      }
      assert.ok(used.window > 0 && used.walk > 0 && used.collect > 0, JSON.stringify(used));
    });

    test('more candidates than PostgreSQL collects, the collected ones false: still the right matches', async () => {
      // 街道社区's tokens 街道, 道社, 社区 are all in fc1 and fc2, but not in a row; only tc1 has the phrase. A store
      // that collects one candidate at most must not conclude from the first two (stored first) that none match.
      const extra = [
        doc('fc1', { title: '说明一', body: '街道甲道社乙社区', publishedDate: '2025-08-01' }),
        doc('fc2', { title: '说明二', body: '社区丙道社丁街道', publishedDate: '2025-08-02' }),
        doc('tc1', { title: '说明三', body: '街道社区', publishedDate: '2025-07-01' }),
      ];
      const [lite, pg] = dbs;
      // Statistics from before these items: 道社 is unknown to them, so the store expects few matches and collects.
      await sql`ANALYZE search_vectors`.execute(pg!.t.open.db);
      for (const d of dbs) for (const x of extra) await d.index.upsert(d.t.open.db, x);
      try {
        const expected = await lite!.index.search(lite!.t.open.db, { query: '街道社区' });
        assert.deepEqual(ids(expected.hits), ['tc1']);
        const few = createSearchIndex('postgres', createPostgresSearchStore({ orderedAbove: 1, broadAbove: 1e9 }));
        for (const index of [pg!.index, few])
          assert.deepEqual(await index.search(pg!.t.open.db, { query: '街道社区' }), expected);
      } finally {
        for (const d of dbs) for (const x of extra) await d.index.remove(d.t.open.db, x.id);
      }
    });
  });
}
