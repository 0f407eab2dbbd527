/**
 * Reader accuracy on real-layout PDFs (issue 10): for every PDF fixture that has an expected report
 * (`test/fixtures/pdf/<name>.expected.json`), the table cells read exactly vs expected, cells read wrong (must be
 * 0), error-level findings (a consistent fixture must have none, a fixture with a published error only its own),
 * and the read time per page (median CPU time of a few warm reads: wall time on these shared machines measures the
 * other processes); and issue 10's target for a 5-page ruled PDF (fivePageRows). `BENCH_ONLY=reader npm run bench` or
 * `node --import tsx bench/reader-bench.ts` to print the table.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { checkDocument } from '../src/core/check/check-document.ts';
import type { Report } from '../src/core/report/report-schema.ts';
import { readPdf } from '../src/readers/read-pdf.ts';
import { ocrPageRow } from './ocr-page-bench.ts';
import { cpuNow } from '../test/cpu-clock.ts';
import type { BenchRow } from './bench-row.ts';

const dir = new URL('../test/fixtures/pdf/', import.meta.url);

/** Every table cell of a report as path → value (t2, t3, t4 leaves). */
export function tableCells(report: Report): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, path: string) => {
    if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, `${path}.${k}`);
    } else out.set(path, node);
  };
  for (const t of ['t2', 't3', 't4'] as const) walk(report[t], t);
  return out;
}

export interface ReaderScore {
  grid: boolean;
  name: string;
  pages: number;
  expected: number;
  exact: number;
  wrong: number;
  errors: string[];
  msPerPage: number;
}

/** `grid: false` measures the text-position reading alone (the reader before issue 10), in the same run. */
export async function scorePdf(name: string, grid: boolean, runs = 7): Promise<ReaderScore> {
  const bytes = new Uint8Array(readFileSync(new URL(name, dir)));
  const expected = JSON.parse(readFileSync(new URL(name.replace(/\.pdf$/, '.expected.json'), dir), 'utf8')) as Report;
  const doc = await readPdf(bytes, { drawnTables: grid });
  const { report, findings } = checkDocument(doc);
  const want = tableCells(expected);
  const got = tableCells(report);
  let exact = 0;
  let wrong = 0;
  for (const [path, value] of want) {
    const read = got.get(path);
    if (read === value) exact++;
    else if (read !== null && read !== undefined) wrong++;
  }
  const pages = Math.max(1, new Set(doc.blocks.map((b) => b.source.page ?? 1)).size);
  const times: number[] = [];
  await readPdf(bytes, { drawnTables: grid }); // warm: fonts and code paths of this file
  for (let i = 0; i < runs; i++) {
    const t = cpuNow();
    await readPdf(bytes, { drawnTables: grid });
    times.push(cpuNow() - t);
  }
  times.sort((a, b) => a - b);
  return {
    grid,
    name,
    pages,
    expected: want.size,
    exact,
    wrong,
    errors: findings.filter((f) => f.level === 'error').map((f) => f.code),
    msPerPage: (times[Math.floor(times.length / 2)] ?? 0) / pages,
  };
}

export function pdfFixturesWithExpected(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .filter((f) => readdirSync(dir).includes(f.replace(/\.pdf$/, '.expected.json')))
    .sort();
}

/** Issue 6 item 10: a zip bomb is refused quickly, before it can take the machine's memory. */
function zipBombRow(): BenchRow {
  const probe = spawnSync(
    process.execPath,
    ['--import', 'tsx', new URL('./zip-bomb-probe.ts', import.meta.url).pathname],
    {
      encoding: 'utf8',
    },
  );
  const r = JSON.parse(probe.stdout) as {
    cpuMs: number;
    baselineMb: number;
    peakMb: number;
    refused: string;
    bytes: number;
  };
  const grew = r.peakMb - r.baselineMb;
  return {
    name: `Word 压缩炸弹（${(r.bytes / 2 ** 20).toFixed(1)} MB，声称 2 KB，解压 256 MB）：拒绝所用 CPU 时间`,
    value: r.cpuMs,
    unit: 'ms',
    target: '< 1 s，内存峰值增量 < 200 MB',
    reference: `拒绝代码 ${r.refused || '（未拒绝）'}；进程内存峰值 ${r.baselineMb.toFixed(0)} → ${r.peakMb.toFixed(0)} MB（+${grew.toFixed(0)} MB）`,
    ok: r.refused === 'TOO_LARGE' && r.cpuMs < 1000 && grew < 200,
  };
}

export interface FivePageTimes {
  /** Median CPU time (ms) of read + check with drawn tables read by their grid, and its wall time. */
  cpu: number;
  wall: number;
  /** The same by text position only. */
  textCpu: number;
  /** Median CPU time with drawn tables once the process has read the file 32 times (V8 has compiled pdf.js). */
  steadyCpu: number;
}

/**
 * Read + check of one PDF, warm (one read first: fonts and code paths of this file), the median of `runs` reads.
 * CPU time of the process (one thread does the work), wall time beside it.
 */
export async function timeFivePage(name = 'chromium-portrait-5pages.pdf', runs = 11): Promise<FivePageTimes> {
  const bytes = new Uint8Array(readFileSync(new URL(name, dir)));
  const time = async (grid: boolean) => {
    checkDocument(await readPdf(bytes, { drawnTables: grid })); // warm: fonts and code paths of this file
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [c, w] = [cpuNow(), performance.now()];
      checkDocument(await readPdf(bytes, { drawnTables: grid }));
      cpu.push(cpuNow() - c);
      wall.push(performance.now() - w);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    return { cpu: median(cpu), wall: median(wall) };
  };
  const grid = await time(true);
  const text = await time(false);
  for (let i = 0; i < 32 - 2 * (runs + 1); i++) checkDocument(await readPdf(bytes));
  const steady = await time(true);
  return { cpu: grid.cpu, wall: grid.wall, textCpu: text.cpu, steadyCpu: steady.cpu };
}

/**
 * Issue 10's time target: read + check of a 5-page ruled PDF ≤ 100 ms median on one core. Beside it, the same
 * measurement in a fresh process with pdf.js as shipped (GONGKAI_PDFJS_STOCK_WORKER=1, without this project's edits,
 * src/readers/pdfjs-worker-patches.ts), run right before: the ratio of the two holds on a busy machine where the
 * absolute figures do not.
 */
export async function fivePageRows(name = 'chromium-portrait-5pages.pdf', runs = 11): Promise<BenchRow[]> {
  const probe = spawnSync(
    process.execPath,
    ['--import', 'tsx', new URL('./five-page-probe.ts', import.meta.url).pathname, name, String(runs)],
    { encoding: 'utf8', env: { ...process.env, GONGKAI_PDFJS_STOCK_WORKER: '1' } },
  );
  const stock = probe.status === 0 ? (JSON.parse(probe.stdout) as FivePageTimes) : null;
  const t = await timeFivePage(name, runs);
  const vsStock = stock
    ? `；pdf.js 原版（同一轮、独立进程）${stock.cpu.toFixed(0)} CPU ms，本版为其 ${((100 * t.cpu) / stock.cpu).toFixed(0)} %`
    : '';
  const steadyVsStock = stock
    ? `pdf.js 原版同样条件 ${stock.steadyCpu.toFixed(0)} CPU ms，本版为其 ${((100 * t.steadyCpu) / stock.steadyCpu).toFixed(0)} %`
    : '';
  return [
    {
      name: `读取+校验 5 页带表格线 PDF（${name}，${runs} 次中位数）`,
      value: t.cpu,
      unit: 'CPU ms',
      target: '≤ 100 ms',
      reference: `每页 ${(t.cpu / 5).toFixed(0)} ms；墙钟 ${t.wall.toFixed(0)} ms；仅按文字位置 ${t.textCpu.toFixed(0)} CPU ms${vsStock}`,
      ok: t.cpu <= 100,
    },
    {
      // Not the target's measurement (that one reads once before measuring): the same read once the process has
      // read the file 32 times, as in a server that has been reading PDFs. The difference is V8 compiling pdf.js.
      name: `同上，进程已读取该文件 32 次之后（V8 已优化 pdf.js 的代码；长期运行的服务的情形）`,
      value: t.steadyCpu,
      unit: 'CPU ms',
      reference: steadyVsStock,
    },
  ];
}

export async function runReaderBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [zipBombRow(), ...(await fivePageRows()), await ocrPageRow()];
  const totals = { before: 0, after: 0, expected: 0 };
  for (const name of pdfFixturesWithExpected()) {
    const before = await scorePdf(name, false);
    const after = await scorePdf(name, true);
    totals.before += before.exact;
    totals.after += after.exact;
    totals.expected += after.expected;
    const errors = (s: ReaderScore) => s.errors.join('、') || '无';
    rows.push({
      name: `${name}（${after.pages}页）：单元格读对 ${before.exact} → ${after.exact}/${after.expected}，读错 ${after.wrong}，错误级发现 ${errors(before)} → ${errors(after)}`,
      value: after.msPerPage,
      unit: 'CPU ms/页',
      reference: `仅按文字位置 ${before.msPerPage.toFixed(0)} ms/页`,
      ok: after.wrong === 0,
    });
  }
  rows.push({
    name: `全部 PDF 样例：单元格读对 ${totals.before} → ${totals.after}/${totals.expected}`,
    value: (100 * totals.after) / Math.max(1, totals.expected),
    unit: '%',
    reference: `之前 ${((100 * totals.before) / Math.max(1, totals.expected)).toFixed(1)} %`,
  });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await runReaderBench())
    console.log(`${row.name}\t${row.value.toFixed(1)} ${row.unit}\t${row.reference ?? ''}`);
}
