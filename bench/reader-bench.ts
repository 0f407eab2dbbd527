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
import { fileURLToPath } from 'node:url';
import { checkDocument } from '../src/core/check/check-document.ts';
import type { Report } from '../src/core/report/report-schema.ts';
import { readPdf } from '../src/readers/read-pdf.ts';
import { loadPdfjs, PDFJS_OPEN_OPTIONS, pdfjsDocumentWorker } from '../src/readers/load-pdfjs.ts';
import { ocrPageRow } from './ocr-page-bench.ts';
import { cpuNow } from '../test/cpu-clock.ts';
import { READER_CHILD_FLAGS } from '../src/use-cases/reports/report-check-pool.ts';
import type { BenchRow } from './bench-row.ts';
import { compiledFivePageProbe } from './compiled-probe.ts';
import type { FivePageTimes } from './time-five-page.ts';

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
  // Every page is read, also one that yields no block (a blank page).
  const pdfjs = await loadPdfjs();
  const pdf = await pdfjs.getDocument({ data: bytes.slice(), ...PDFJS_OPEN_OPTIONS, worker: pdfjsDocumentWorker() })
    .promise;
  const pages = pdf.numPages;
  await pdf.destroy();
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

/**
 * The 5-page read timed in a fresh process with the given V8 flags, running five-page-probe.ts compiled as dist/ is
 * (compiled-probe.ts); `null` if it failed.
 */
function probeFivePage(
  probe: string,
  name: string,
  runs: number,
  flags: readonly string[],
  stock: boolean,
): FivePageTimes | null {
  const run = spawnSync(process.execPath, [...flags, probe, fileURLToPath(new URL(name, dir)), String(runs)], {
    encoding: 'utf8',
    env: { ...process.env, GONGKAI_PDFJS_STOCK_WORKER: stock ? '1' : '0' },
  });
  if (run.status !== 0) process.stderr.write(run.stderr);
  return run.status === 0 ? (JSON.parse(run.stdout) as FivePageTimes) : null;
}

const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Issue 10's time target: read + check of a 5-page ruled PDF ≤ 100 ms median on one core. Measured as the product
 * reads PDFs in bulk — in a check child process (report-check-pool.ts), whose V8 runs single-threaded
 * (READER_CHILD_FLAGS): one core, CPU time = wall time; a fresh process running the code compiled as dist/ is (the
 * children run dist/), one read first, then the median of `runs`. Three such processes, alternating with three
 * running pdf.js as shipped (GONGKAI_PDFJS_STOCK_WORKER=1, without this project's edits) so the ratio holds on a
 * busy machine where absolute figures do not; the median of the three. Beside it, the same reads in a fresh process
 * with V8's default flags (background compiler and GC threads, as in the web server's own process), and once the
 * process has read the file 32 times.
 */
export async function fivePageRows(name = 'chromium-portrait-5pages.pdf', runs = 11): Promise<BenchRow[]> {
  const probe = await compiledFivePageProbe();
  const ours: FivePageTimes[] = [];
  const stock: FivePageTimes[] = [];
  for (let i = 0; i < 3; i++) {
    const s = probeFivePage(probe, name, runs, READER_CHILD_FLAGS, true);
    if (s) stock.push(s);
    const o = probeFivePage(probe, name, runs, READER_CHILD_FLAGS, false);
    if (o) ours.push(o);
  }
  const cpu = medianOf(ours.map((t) => t.cpu));
  const stockCpu = medianOf(stock.map((t) => t.cpu));
  const steady = medianOf(ours.map((t) => t.steadyCpu));
  const stockSteady = medianOf(stock.map((t) => t.steadyCpu));
  const text = medianOf(ours.map((t) => t.textCpu));
  const defaults = probeFivePage(probe, name, runs, [], false);
  const pct = (a: number, b: number) => (Number.isFinite(b) ? `${((100 * a) / b).toFixed(0)} %` : '—');
  return [
    {
      name: `读取+校验 5 页带表格线 PDF（${name}；检查子进程方式：V8 单线程即一个核心，读一次后 ${runs} 次的中位数，三个进程取中）`,
      value: cpu,
      unit: 'CPU ms',
      target: '≤ 100 ms',
      reference: `每页 ${(cpu / 5).toFixed(0)} ms；三个进程 ${ours.map((t) => t.cpu.toFixed(0)).join('/')} ms；仅按文字位置 ${text.toFixed(0)} ms；pdf.js 原版（同一轮、交替的独立进程）${stockCpu.toFixed(0)} ms，本版为其 ${pct(cpu, stockCpu)}`,
      ok: cpu <= 100,
    },
    {
      // The same reads with V8's default flags: its compiler and GC threads run beside the reading and count in the
      // process's CPU time (more than its wall time).
      name: `同上，在 V8 默认设置的新进程中（后台编译与垃圾回收线程；如 Web 服务进程本身）`,
      value: defaults?.cpu ?? NaN,
      unit: 'CPU ms',
      reference: `墙钟 ${defaults?.wall.toFixed(0) ?? '—'} ms`,
    },
    {
      // Not the target's measurement: the same read once the process has read the file 32 times, as in a check child
      // that has been reading a batch. The difference is V8 compiling pdf.js.
      name: `同上（检查子进程方式），进程已读取该文件 32 次之后（V8 已优化 pdf.js 的代码；成批检查时的情形）`,
      value: steady,
      unit: 'CPU ms',
      reference: `pdf.js 原版同样条件 ${stockSteady.toFixed(0)} ms，本版为其 ${pct(steady, stockSteady)}`,
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
