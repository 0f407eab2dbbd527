/**
 * `npm run bench`: runs every benchmark, prints a table and writes docs/benchmarks.md.
 * BENCH_BATCH sets how many reports the batch benchmark makes (default 100000); BENCH_ONLY=report|platform;
 * BENCH_PLATFORM=startup,home,body picks parts of the platform benchmark.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchRow } from './bench-row.ts';
import { runReportBench } from './report-bench.ts';

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const batch = Number(process.env.BENCH_BATCH ?? 100_000);
  const sections: { title: string; rows: BenchRow[] }[] = [];
  if (!only || only === 'report')
    sections.push({ title: '年度报告核心（issue 2）', rows: await runReportBench(batch) });
  if (!only || only === 'platform') {
    try {
      const { runPlatformBench } = await import('./platform.ts');
      sections.push({ title: '平台（issues 3、6）', rows: await runPlatformBench() });
    } catch (error) {
      sections.push({
        title: '平台（issues 3、6）',
        rows: [{ name: `未运行：${(error as Error).message}`, value: NaN, unit: '' }],
      });
    }
  }
  const fmt = (v: number) => (Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const lines = [
    '# Benchmarks',
    '',
    `Measured ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    'Written by `npm run bench` (bench/run.ts). Figures beside a reference measured in the same run, because these machines are noisy.',
    '',
  ];
  for (const section of sections) {
    lines.push(`## ${section.title}`, '', '| 项目 | 结果 | 目标 | 对照 | 达标 |', '|---|---|---|---|---|');
    for (const r of section.rows) {
      lines.push(
        `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ''} | ${r.reference ?? ''} | ${r.ok === undefined ? '' : r.ok ? '是' : '否'} |`,
      );
    }
    lines.push('');
  }
  const text = lines.join('\n');
  process.stdout.write(`${text}\n`);
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), `${text}\n`);
}

await main();
