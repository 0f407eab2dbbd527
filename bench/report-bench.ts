/**
 * Benchmarks of the report core (issue 2): read + check of one report in text, HTML and PDF on one core, and
 * batch-checking many reports with `check DIR` on all cores with memory sampled as the count grows. Each
 * figure is printed beside a reference measured in the same run, since these machines are noisy.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { checkDocument } from '../src/core/check/check-document.ts';
import { randomReport } from '../src/core/report/random-report.ts';
import type { Report } from '../src/core/report/report-schema.ts';
import { readDocument } from '../src/readers/read-document.ts';
import { renderReport } from '../src/writers/render-report.ts';
import { renderReportText } from '../src/writers/render-text.ts';
import { checkDirectory } from '../src/cli/check-directory.ts';
import { Writable } from 'node:stream';
import type { BenchRow } from './bench-row.ts';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function timeMedian(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(); // warm up the JIT and lazy modules
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** A fixed CPU workload that says how fast this machine is right now: SHA-256 over 1 MB. */
async function referenceMs(): Promise<number> {
  const buf = Buffer.alloc(1024 * 1024, 7);
  return timeMedian(50, () => createHash('sha256').update(buf).digest());
}

export async function runReportBench(batchCount: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const ref = await referenceMs();
  rows.push({ name: '参考：SHA-256 1 MB（中位数）', value: ref, unit: 'ms' });

  // One seed-sized report in each form agencies publish, read and checked on one core.
  const report: Report = JSON.parse(
    readFileSync(new URL('../test/fixtures/seeds/000.expected.json', import.meta.url), 'utf8'),
  );
  const inputs: { label: string; runs: number; targetMs: number; bytes: () => Promise<Uint8Array> }[] = [
    {
      label: '种子文本报告',
      runs: 500,
      targetMs: 5,
      bytes: async () => readFileSync(new URL('../test/fixtures/seeds/000_634df97904522664.txt', import.meta.url)),
    },
    { label: 'HTML 报告', runs: 500, targetMs: 5, bytes: () => renderReport(report, 'html') },
    { label: 'PDF 报告', runs: 40, targetMs: 100, bytes: () => renderReport(report, 'pdf') },
  ];
  for (const input of inputs) {
    try {
      const bytes = await input.bytes();
      const ms = await timeMedian(input.runs, async () => checkDocument(await readDocument(bytes)));
      rows.push({
        name: `读取+校验 ${input.label} ${Math.round(bytes.length / 1024)} KB（单核中位数）`,
        value: ms,
        unit: 'ms',
        target: `≤ ${input.targetMs} ms`,
        ok: ms <= input.targetMs,
        reference: `${(ms / ref).toFixed(2)}× 参考`,
      });
    } catch (error) {
      rows.push({ name: `${input.label}基准未运行：${(error as Error).message}`, value: NaN, unit: '' });
    }
  }

  rows.push(...(await batchBench(batchCount)));
  return rows;
}

async function batchBench(count: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-batch-'));
  try {
    // Make the reports with the writer: text, the form most agencies paste; spread over sub-folders.
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const sub = join(dir, String(Math.floor(i / 1000)));
      if (i % 1000 === 0) mkdirSync(sub);
      writeFileSync(join(sub, `${i}.txt`), renderReportText(randomReport(i, { blankRate: i % 10 === 0 ? 0.02 : 0 })));
    }
    const makeMs = performance.now() - t0;

    // Reference in the same run: just reading every file once (what any batch tool must do at least).
    const r0 = performance.now();
    let bytes = 0;
    for (const sub of readdirSync(dir))
      for (const f of readdirSync(join(dir, sub))) bytes += readFileSync(join(dir, sub, f)).length;
    const readAllMs = performance.now() - r0;

    const samples: { done: number; rss: number }[] = [];
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    const c0 = performance.now();
    const jobs = availableParallelism();
    await checkDirectory(dir, {
      json: false,
      jobs,
      summaryTo: sink,
      onBatch: (done, rss) => samples.push({ done, rss }),
    });
    const checkMs = performance.now() - c0;
    const early = samples.filter((s) => s.done <= count * 0.2).map((s) => s.rss);
    const late = samples.filter((s) => s.done >= count * 0.8).map((s) => s.rss);
    const mb = (n: number) => n / 1024 / 1024;
    const earlyMax = mb(Math.max(...early));
    const lateMax = mb(Math.max(...late));
    return [
      {
        name: `生成 ${count} 份文本报告（写入器，单进程）`,
        value: makeMs / 1000,
        unit: 's',
        reference: `${Math.round(bytes / 1024 / 1024)} MB`,
      },
      { name: `参考：顺序读取全部 ${count} 个文件`, value: readAllMs / 1000, unit: 's' },
      {
        name: `批量校验 ${count} 份报告（gongkai check 目录，${jobs} 核）`,
        value: checkMs / 1000,
        unit: 's',
        target: '100,000 份 ≤ 120 s',
        ok: (checkMs / 1000) * (100_000 / count) <= 120,
        reference: `${(checkMs / readAllMs).toFixed(1)}× 仅读取；${Math.round(count / (checkMs / 1000))} 份/秒`,
      },
      {
        name: '批量校验时工作进程内存：前 20% / 后 20% 峰值',
        value: lateMax,
        unit: 'MB',
        target: '持平',
        ok: lateMax <= earlyMax * 1.25 + 10,
        reference: `前 ${earlyMax.toFixed(0)} MB → 后 ${lateMax.toFixed(0)} MB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
