/** `gongkai compare OLD NEW [--json]` — X1/X2 findings and the change table of every cell. */
import { loadReport } from '../../use-cases/reports/load-report.ts';
import { compareReports } from '../../core/check/compare-reports.ts';
import { parseArgs } from '../parse-args.ts';
import { readInputBytes } from '../read-input.ts';
import { describeSource } from '../../core/check/describe-source.ts';
import { messageOf } from './check.ts';

export async function run(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args, []);
  if (positional.length !== 2) {
    process.stderr.write('用法：gongkai compare 上一年度报告 本年度报告 [--json]\n');
    return 2;
  }
  const reports = [];
  for (const path of positional) {
    try {
      reports.push(await loadReport(await readInputBytes(path)));
    } catch (error) {
      process.stderr.write(`${path}：无法读取：${messageOf(error)}\n`);
      return 2;
    }
  }
  const [previous, current] = reports as [(typeof reports)[0], (typeof reports)[0]];
  const { findings, changes } = compareReports(previous, current);
  if (flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ findings, changes })}\n`);
  } else {
    const lines = [
      `比对：${previous.agency ?? '?'} ${previous.year ?? '?'}年度 → ${current.agency ?? '?'} ${current.year ?? '?'}年度`,
    ];
    if (previous.agency && current.agency && previous.agency !== current.agency)
      lines.push(`注意：两份报告的机关不同（${previous.agency} / ${current.agency}）`);
    lines.push(findings.length === 0 ? '跨年核对：未发现问题。' : '跨年核对：');
    for (const f of findings)
      lines.push(
        `  [${f.level === 'error' ? '错误' : f.level === 'warning' ? '警告' : '提示'}] ${f.code} ${describeSource(f.source)}：${f.message}`,
      );
    const changed = changes.filter((c) => c.previous !== c.current);
    lines.push(`变化的单元格（${changed.length}/${changes.length}）：`);
    for (const c of changed)
      lines.push(
        `  ${c.path.padEnd(28)} ${String(c.previous ?? '空').padStart(8)} → ${String(c.current ?? '空').padStart(8)}${c.delta !== null ? `（${c.delta > 0 ? '+' : ''}${c.delta}）` : ''}`,
      );
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return findings.some((f) => f.level === 'error') ? 1 : 0;
}
