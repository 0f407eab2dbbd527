/**
 * `gongkai check DIR`: walks the folder and checks every file on all cores (a pool of child processes fed
 * in small batches), shows a progress bar on a terminal and ends with a summary.
 */
import { availableParallelism } from 'node:os';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Deadline } from '../core/check/check-front-matter.ts';
import { ProcessPool } from '../jobs/process-pool.ts';
import { READER_CHILD_FLAGS } from '../use-cases/reports/report-check-pool.ts';
import type { FileOutcome, WorkerJob, WorkerReply } from './check-worker.ts';

const BATCH = 20;

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await opendir(dir);
  for await (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && !entry.name.startsWith('.')) yield path;
  }
}

export interface DirectorySummary {
  files: number;
  read: number;
  unreadable: number;
  withErrors: number;
  codes: Map<string, number>;
}

export async function checkDirectory(
  dir: string,
  options: {
    json: boolean;
    deadline?: Deadline;
    jobs?: number;
    /** Called after each batch with files done and the reporting worker's resident memory (for benchmarks). */
    onBatch?: (done: number, workerRss: number) => void;
    /** Where the summary goes (default: stdout, or stderr with --json). */
    summaryTo?: NodeJS.WritableStream;
  },
): Promise<number> {
  const paths: string[] = [];
  for await (const path of walk(dir)) paths.push(path);
  paths.sort();
  const summary: DirectorySummary = { files: paths.length, read: 0, unreadable: 0, withErrors: 0, codes: new Map() };
  const failures: string[] = [];
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), Math.ceil(paths.length / BATCH) || 1));
  const progress = process.stderr.isTTY ? new ProgressBar(paths.length) : null;
  let done = 0;
  const take = (outcomes: FileOutcome[], rss: number) => {
    options.onBatch?.(done + outcomes.length, rss);
    for (const o of outcomes) {
      done++;
      if (o.read) summary.read++;
      else {
        summary.unreadable++;
        failures.push(`${o.path}：${o.failure}`);
      }
      if (o.errors > 0) summary.withErrors++;
      for (const [code, n] of Object.entries(o.codes)) summary.codes.set(code, (summary.codes.get(code) ?? 0) + n);
      if (o.json) process.stdout.write(`${o.json}\n`);
    }
    progress?.update(done, summary.withErrors);
  };

  // Small batches: each child's memory stays flat and the progress moves; the pool (src/jobs/process-pool.ts) keeps
  // every core busy and turns a child that crashes or hangs on a hostile file into failures of that batch only.
  const pool = new ProcessPool<WorkerJob, WorkerReply>({
    // The compiled build (scripts/build.mjs) points this URL at dist/check-worker.js, which needs no tsx.
    module: new URL('./check-worker.ts', import.meta.url),
    size: jobs,
    timeoutMs: 10 * 60_000,
    maxHeapMb: 2048,
    idleMs: 60_000,
    flags: READER_CHILD_FLAGS,
  });
  try {
    const batches: string[][] = [];
    for (let i = 0; i < paths.length; i += BATCH) batches.push(paths.slice(i, i + BATCH));
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const { outcomes, rss } = await pool.run({ paths: batch, deadline: options.deadline, json: options.json });
          take(outcomes, rss);
        } catch (error) {
          const failure = `检查进程未能完成这批文件（${error instanceof Error ? error.message : String(error)}）`;
          take(
            batch.map((path) => ({ path, read: false, failure, errors: 0, codes: {} })),
            0,
          );
        }
      }),
    );
  } finally {
    await pool.close();
  }
  progress?.finish();
  const out = options.summaryTo ?? (options.json ? process.stderr : process.stdout);
  out.write(formatSummary(dir, summary, failures));
  if (summary.unreadable > 0) return 2;
  return summary.withErrors > 0 ? 1 : 0;
}

export function formatSummary(dir: string, s: DirectorySummary, failures: string[]): string {
  const lines = [
    `目录 ${dir}：文件 ${s.files} 个，成功读取 ${s.read} 个，无法读取 ${s.unreadable} 个，含错误级问题 ${s.withErrors} 个`,
  ];
  if (s.codes.size > 0) {
    lines.push('按问题代码计数：');
    for (const [code, n] of [...s.codes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      lines.push(`  ${code.padEnd(24)} ${n}`);
    }
  }
  if (failures.length > 0) {
    lines.push('无法读取的文件：');
    for (const f of failures.slice(0, 50)) lines.push(`  ${f}`);
    if (failures.length > 50) lines.push(`  ……另有 ${failures.length - 50} 个`);
  }
  return `${lines.join('\n')}\n`;
}

class ProgressBar {
  private last = 0;
  constructor(private readonly total: number) {}
  update(done: number, withErrors: number): void {
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((done / Math.max(1, this.total)) * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} 个文件 · 含错误 ${withErrors} 个`,
    );
  }
  finish(): void {
    process.stderr.write('\n');
  }
}
