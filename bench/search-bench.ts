/**
 * Search benchmark (issue 8): 1,000,000 generated items (bench/search-corpus.ts), indexed on SQLite (FTS5) and on
 * PostgreSQL (tsvector + GIN); p50/p95 of realistic searches (two-character terms, longer terms, several terms,
 * filters, 文号, a later page), index build time and size. Target: p95 ≤ 30 ms on both.
 *
 * Built databases are cached (SQLite file in bench/out/, PostgreSQL database gongkai_bench_search_<n>) and reused
 * when the corpus version and size match, so reruns take seconds. Environment:
 *   BENCH_ONLY=search                     run only this section
 *   BENCH_SEARCH_ITEMS=1000000           corpus size
 *   BENCH_SEARCH_PG_URL / GONGKAI_TEST_PG_URL   PostgreSQL server (admin URL); without it PostgreSQL is skipped
 *   BENCH_SEARCH_REBUILD=1               ignore the cache
 *   BENCH_SEARCH_DB=sqlite|postgres      only one database
 * Reference in the same run: counting the same term with LIKE '%…%' over the same stored texts (what a database
 * without a full-text index does), reported as a ratio to the search p95.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { migrateToLatest } from '../src/db/migrate-to-latest.ts';
import { openDatabase, type Dialect, type OpenDatabase } from '../src/db/open-database.ts';
import { createSearchIndex, type SearchIndex } from '../src/search/search-index.ts';
import { searchStoreFor } from '../src/db/repositories/search/search-store-for.ts';
import type { IndexedDocument } from '../src/db/repositories/search/search-store.ts';
import type { SearchRequest } from '../src/search/search-document.ts';
import type { BenchRow } from './bench-row.ts';
import { makeCorpus } from './search-corpus.ts';

/** Bump when the corpus or a database's index format changes: cached databases of another version are rebuilt. */
const formatVersion: Record<Dialect, number> = { sqlite: 4, postgres: 5 };
const outDir = new URL('./out/', import.meta.url).pathname;

interface BuildInfo {
  version: number;
  items: number;
  buildSeconds: number;
  indexBytes: number;
  documentBytes: number;
  fileBytes?: number;
}

function log(message: string): void {
  process.stderr.write(`[search-bench] ${message}\n`);
}

/**
 * SQLite has one writer: child processes (BENCH_SEARCH_WORKERS, default 3) generate items and their tokens, this
 * process writes them through the SQLite search store in transactions of 20,000 (each is one FTS5 segment to merge at the end).
 */
async function build(open: OpenDatabase, index: SearchIndex, items: number): Promise<number> {
  const started = performance.now();
  await index.beginBulkLoad(open.db);
  const workers = Math.max(1, Number(process.env.BENCH_SEARCH_WORKERS ?? 3));
  const share = Math.ceil(items / workers);
  const script = new URL('./search-token-worker.ts', import.meta.url).pathname;
  const store = searchStoreFor('sqlite');
  let pending: IndexedDocument[] = [];
  let written = 0;
  let reported = 0;
  const flush = async () => {
    const docs = pending;
    pending = [];
    await open.db.transaction().execute((tx) => store.upsertMany(tx, docs));
    written += docs.length;
    if (written - reported >= 100_000) {
      reported = written;
      log(`sqlite: ${written} / ${items} items, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  // Writes are serialised through this chain; workers' lines are queued as they arrive.
  let chain = Promise.resolve();
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const from = w * share;
      const to = Math.min(items, from + share);
      return new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, String(from), String(to)], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const lines = createInterface({ input: child.stdout });
        lines.on('line', (line) => {
          // Back-pressure: a worker waits while its batch is queued, so memory stays bounded.
          lines.pause();
          chain = chain.then(async () => {
            pending.push(...(JSON.parse(line) as IndexedDocument[]));
            if (pending.length >= 20_000) await flush();
            lines.resume();
          });
        });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`分词子进程退出码 ${code}`))));
      });
    }),
  );
  await chain;
  if (pending.length > 0) await flush();
  const loaded = performance.now();
  log(`sqlite: loaded in ${((loaded - started) / 1000).toFixed(0)} s; merging the index (optimize)…`);
  await index.endBulkLoad(open.db);
  log(`sqlite: merged in ${((performance.now() - loaded) / 1000).toFixed(0)} s`);
  return (performance.now() - started) / 1000;
}

/** PostgreSQL takes several writers: the corpus is split between child processes (BENCH_SEARCH_WORKERS, 3). */
async function buildInParallel(open: OpenDatabase, index: SearchIndex, url: string, items: number): Promise<number> {
  const started = performance.now();
  await index.beginBulkLoad(open.db);
  const workers = Math.max(1, Number(process.env.BENCH_SEARCH_WORKERS ?? 3));
  const share = Math.ceil(items / workers);
  const script = new URL('./search-build-worker.ts', import.meta.url).pathname;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const from = w * share;
      const to = Math.min(items, from + share);
      return new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, url, String(from), String(to)], {
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`索引子进程退出码 ${code}`))));
      });
    }),
  );
  const loaded = performance.now();
  log(
    `${open.dialect}: loaded in ${((loaded - started) / 1000).toFixed(0)} s; finishing the index (GIN build, VACUUM ANALYZE)…`,
  );
  await index.endBulkLoad(open.db);
  log(`${open.dialect}: finished in ${((performance.now() - loaded) / 1000).toFixed(0)} s`);
  return (performance.now() - started) / 1000;
}

async function openSqlite(items: number): Promise<{ open: OpenDatabase; info: BuildInfo }> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `search-${items}.db`);
  const metaFile = `${file}.json`;
  const rebuild = process.env.BENCH_SEARCH_REBUILD === '1';
  if (!rebuild && existsSync(file) && existsSync(metaFile)) {
    const info = JSON.parse(readFileSync(metaFile, 'utf8')) as BuildInfo;
    if (info.version === formatVersion.sqlite && info.items === items) {
      log(`sqlite: reusing ${file}`);
      return { open: openDatabase(`sqlite:${file}`), info };
    }
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, metaFile]) rmSync(f, { force: true });
  const open = openDatabase(`sqlite:${file}`);
  // A throw-away benchmark file: durability does not matter while building it.
  open.sqlite!.pragma('synchronous = OFF');
  open.sqlite!.pragma('cache_size = -262144');
  await migrateToLatest(open.db, 'sqlite');
  const index = createSearchIndex('sqlite');
  const buildSeconds = await build(open, index, items);
  open.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  const sizes = await index.sizes(open.db);
  const info: BuildInfo = {
    version: formatVersion.sqlite,
    items,
    buildSeconds,
    ...sizes,
    fileBytes: statSync(file).size,
  };
  writeFileSync(metaFile, JSON.stringify(info));
  return { open, info };
}

async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function openPostgres(adminUrl: string, items: number): Promise<{ open: OpenDatabase; info: BuildInfo }> {
  const name = `gongkai_bench_search_${items}`;
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const metaFile = join(outDir, `search-${items}.postgres.json`);
  mkdirSync(outDir, { recursive: true });
  const exists = (await adminQuery(adminUrl, `SELECT 1 FROM pg_database WHERE datname = '${name}'`)).rowCount === 1;
  if (exists && process.env.BENCH_SEARCH_REBUILD !== '1' && existsSync(metaFile)) {
    const info = JSON.parse(readFileSync(metaFile, 'utf8')) as BuildInfo;
    const open = openDatabase(url, { poolSize: 2 });
    const index = createSearchIndex('postgres');
    if (info.version === formatVersion.postgres && info.items === items && (await index.countAll(open.db)) === items) {
      log(`postgres: reusing database ${name}`);
      return { open, info };
    }
    await open.close();
  }
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(metaFile, { force: true });
  await adminQuery(
    adminUrl,
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  const open = openDatabase(url, { poolSize: 2 });
  await migrateToLatest(open.db, 'postgres');
  const index = createSearchIndex('postgres');
  const buildSeconds = await buildInParallel(open, index, url, items);
  const info: BuildInfo = {
    version: formatVersion.postgres,
    items,
    buildSeconds,
    ...(await index.sizes(open.db)),
  };
  writeFileSync(metaFile, JSON.stringify(info));
  return { open, info };
}

interface QuerySpec {
  kind: '两字词' | '长词' | '多词' | '筛选' | '文号' | '翻页' | '放宽' | '单字';
  request: SearchRequest;
}

/** Realistic searches of a disclosure portal, over the corpus's vocabulary. */
function querySpecs(): QuerySpec[] {
  const sample = makeCorpus(1, 4242)[0]!;
  const numbered = makeCorpus(200, 777).find((d) => d.docNumber)!;
  return [
    { kind: '两字词', request: { query: '街道' } },
    { kind: '两字词', request: { query: '复议' } },
    { kind: '两字词', request: { query: '招聘' } },
    { kind: '两字词', request: { query: '预算' } },
    { kind: '两字词', request: { query: '网格' } },
    { kind: '两字词', request: { query: '燃气' } },
    { kind: '长词', request: { query: '行政复议' } },
    { kind: '长词', request: { query: '垃圾分类' } },
    { kind: '长词', request: { query: '老旧小区改造' } },
    { kind: '长词', request: { query: '政府信息公开' } },
    { kind: '长词', request: { query: '最低生活保障' } },
    { kind: '长词', request: { query: '中华人民共和国消防法' } },
    { kind: '多词', request: { query: '安全生产 督查' } },
    { kind: '多词', request: { query: '马山街道 垃圾分类' } },
    { kind: '筛选', request: { query: '街道', filters: { year: 2023 } } },
    { kind: '筛选', request: { query: '复议', filters: { agency: { id: 'd0', subtree: true } } } },
    { kind: '筛选', request: { query: '垃圾分类', filters: { catalogue: 'gzdt' } } },
    { kind: '筛选', request: { query: '预算', filters: { agency: { id: 'd2g2', subtree: false }, year: 2024 } } },
    { kind: '筛选', request: { query: '通知', filters: { docNumber: '锡滨政办发' } } },
    {
      kind: '筛选',
      request: { query: sample.title.slice(-6), filters: { agency: { id: sample.agencyId, subtree: false } } },
    },
    { kind: '文号', request: { query: numbered.docNumber } },
    { kind: '翻页', request: { query: '街道', page: 5 } },
    { kind: '翻页', request: { query: '行政复议', page: 20 } },
    { kind: '放宽', request: { query: '滨湖区燃气安全排查整治' } },
    { kind: '单字', request: { query: '税' } },
  ];
}

function describe(s: QuerySpec): string {
  const f = s.request.filters;
  const parts = [s.request.query];
  if (f?.agency) parts.push(`机构${f.agency.subtree ? '及下级' : ''}=${f.agency.id}`);
  if (f?.catalogue) parts.push(`目录=${f.catalogue}`);
  if (f?.year) parts.push(`年份=${f.year}`);
  if (f?.docNumber) parts.push(`文号含“${f.docNumber}”`);
  if (s.request.page) parts.push(`第${s.request.page}页`);
  return parts.join(' ');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(dialect: Dialect, open: OpenDatabase, info: BuildInfo): Promise<BenchRow[]> {
  const index = createSearchIndex(dialect);
  const specs = querySpecs();
  const label = dialect === 'sqlite' ? 'SQLite FTS5' : 'PostgreSQL tsvector';
  // Warm-up: every query once (page cache, prepared plans).
  for (const s of specs) await index.search(open.db, s.request);
  const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 15);
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  const totals = new Map<QuerySpec, string>();
  for (let round = 0; round < rounds; round++) {
    for (const s of specs) {
      const t = performance.now();
      const result = await index.search(open.db, s.request);
      const ms = performance.now() - t;
      if (round === 0)
        totals.set(s, `${result.totalIsExact ? '' : '>'}${result.total}${result.relaxed ? '（放宽）' : ''}`);
      if (s.kind !== '单字') all.push(ms);
      const list = byKind.get(s.kind) ?? [];
      list.push(ms);
      byKind.set(s.kind, list);
    }
  }
  all.sort((a, b) => a - b);
  // Reference: the same term counted by scanning the stored texts with LIKE.
  const t = performance.now();
  const like = await open.db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => eb.or([eb('title', 'like', '%复议%'), eb('body', 'like', '%复议%')]))
    .executeTakeFirstOrThrow();
  const likeMs = performance.now() - t;
  const p95 = percentile(all, 95);
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const rows: BenchRow[] = [
    {
      name: `${label}：建立索引 ${info.items.toLocaleString('en')} 条（生成+分词+写入+合并）`,
      value: info.buildSeconds,
      unit: 's',
      reference: `${Math.round(info.items / info.buildSeconds)} 条/秒`,
    },
    {
      name: `${label}：索引大小`,
      value: info.indexBytes / 2 ** 20,
      unit: 'MB',
      reference: `另存文本 ${mb(info.documentBytes)}${info.fileBytes ? `；数据库文件 ${mb(info.fileBytes)}` : ''}`,
    },
    {
      name: `${label}：检索 p95（${specs.length - 1} 种查询 × ${rounds} 轮，含摘要）`,
      value: p95,
      unit: 'ms',
      target: '≤ 30 ms',
      reference: `p50 ${percentile(all, 50).toFixed(1)} ms；LIKE 扫描计数“复议” ${likeMs.toFixed(0)} ms（${Number(like.n)} 条）= ${(likeMs / p95).toFixed(0)}× p95`,
      ok: p95 <= 30,
    },
  ];
  for (const [kind, list] of byKind) {
    list.sort((a, b) => a - b);
    const queries = specs.filter((s) => s.kind === kind).map((s) => `${describe(s)}(${totals.get(s)})`);
    rows.push({
      name: `${label}：${kind} p95`,
      value: percentile(list, 95),
      unit: 'ms',
      target: kind === '单字' ? '' : '≤ 30 ms',
      reference: queries.join('、'),
      ok: kind === '单字' ? undefined : percentile(list, 95) <= 30,
    });
  }
  return rows;
}

export async function runSearchBench(): Promise<BenchRow[]> {
  const items = Number(process.env.BENCH_SEARCH_ITEMS ?? 1_000_000);
  const only = process.env.BENCH_SEARCH_DB;
  const rows: BenchRow[] = [];
  if (!only || only === 'sqlite') {
    const { open, info } = await openSqlite(items);
    try {
      rows.push(...(await measure('sqlite', open, info)));
    } finally {
      await open.close();
    }
  }
  if (!only || only === 'postgres') {
    const admin = process.env.BENCH_SEARCH_PG_URL ?? process.env.GONGKAI_TEST_PG_URL;
    if (!admin) {
      rows.push({
        name: 'PostgreSQL：未运行（设置 GONGKAI_TEST_PG_URL 或 BENCH_SEARCH_PG_URL）',
        value: NaN,
        unit: '',
      });
    } else {
      const { open, info } = await openPostgres(admin, items);
      try {
        rows.push(...(await measure('postgres', open, info)));
      } finally {
        await open.close();
      }
    }
  }
  return rows;
}
