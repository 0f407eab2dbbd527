/**
 * `npm run bench`: runs every benchmark, prints a table and writes docs/benchmarks.md.
 * BENCH_BATCH sets how many reports the batch benchmark makes (default 100000);
 * BENCH_ONLY=report|platform|audit|publication|search|reader|cases|reports runs one section (search: see
 * bench/search-bench.ts);
 * BENCH_PLATFORM=startup,home,body picks parts of the platform benchmark.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { BenchRow } from './bench-row.ts';
import { runReportBench } from './report-bench.ts';

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const batch = Number(process.env.BENCH_BATCH ?? 100_000);
  // Other work shares these machines: each section notes the 1-minute load average when it began and ended.
  const list: { title: string; rows: BenchRow[]; load: [number, number] }[] = [];
  let loadAtStart = loadavg()[0]!;
  const sections = {
    push(section: { title: string; rows: BenchRow[] }) {
      list.push({ ...section, load: [loadAtStart, loadavg()[0]!] });
      loadAtStart = loadavg()[0]!;
    },
  };
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
  if (!only || only === 'audit') {
    const { runAuditBench } = await import('./audit.ts');
    sections.push({ title: '审计日志（issue 6）', rows: await runAuditBench() });
  }
  if (!only || only === 'publication') {
    const { runPublicationBench } = await import('./publication-bench.ts');
    const { runItemPageBench } = await import('./item-page-bench.ts');
    const rows = [...(await runPublicationBench()), ...(await runItemPageBench())];
    sections.push({ title: '主动公开：发布前检查与正文处理（issue 8）', rows });
  }
  if (!only || only === 'search') {
    const { runSearchBench } = await import('./search-bench.ts');
    sections.push({ title: '全文检索（issue 8）', rows: await runSearchBench() });
  }
  if (!only || only === 'reader') {
    const { runReaderBench } = await import('./reader-bench.ts');
    sections.push({ title: 'PDF 读取：按绘制的表格线读表（issue 10）', rows: await runReaderBench() });
  }
  if (!only || only === 'cases') {
    const { runCasesBench } = await import('./cases-bench.ts');
    sections.push({ title: '依申请公开：表三与申请列表（issue 7）', rows: await runCasesBench() });
  }
  if (!only || only === 'reports') {
    const { runReportsPlatformBench } = await import('./reports-platform-bench.ts');
    sections.push({ title: '年度报告：起草、监督看板与导入（issue 9）', rows: await runReportsPlatformBench() });
  }
  const fmt = (v: number) => (Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const rendered = list.map((section) => {
    const [before, after] = section.load.map((l) => l.toFixed(1));
    const lines = [
      `## ${section.title}`,
      '',
      `Measured ${new Date().toISOString()} on ${machine}; load average (1 min) ${before} at the start, ${after} at the end.`,
      '',
      '| 项目 | 结果 | 目标 | 对照 | 达标 |',
      '|---|---|---|---|---|',
    ];
    for (const r of section.rows) {
      lines.push(
        `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ''} | ${r.reference ?? ''} | ${r.ok === undefined ? '' : r.ok ? '是' : '否'} |`,
      );
    }
    return { title: section.title, text: lines.join('\n') };
  });
  process.stdout.write(`${rendered.map((r) => r.text).join('\n\n')}\n`);
  const file = new URL('../docs/benchmarks.md', import.meta.url);
  writeFileSync(file, mergeSections(existsSync(file) ? readFileSync(file, 'utf8') : '', rendered));
}

/**
 * The sections this run measured replace their namesakes in docs/benchmarks.md; the others stay, so running one
 * part (BENCH_ONLY=…) does not wipe the figures of the rest. Sections keep the order of the file; new ones are added.
 */
function mergeSections(previous: string, fresh: { title: string; text: string }[]): string {
  const header = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); `BENCH_ONLY=…` re-measures one section and keeps the others.',
    'Figures beside a reference measured in the same run, because these machines are noisy.',
  ].join('\n');
  const old = previous.split(/^(?=## )/m).slice(1);
  const byTitle = new Map(fresh.map((f) => [f.title, f.text]));
  const kept = old.map((block) => {
    const title = block.slice(3, block.indexOf('\n')).trim();
    const replacement = byTitle.get(title);
    byTitle.delete(title);
    return (replacement ?? block).trimEnd();
  });
  return `${[header, ...kept, ...byTitle.values()].join('\n\n')}\n`;
}

await main();
