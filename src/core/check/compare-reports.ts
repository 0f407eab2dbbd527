/**
 * Two reports of one agency, years N−1 and N: the cross-year identities X1 (上年结转 = last year's 结转下年度)
 * and X2 (现行有效件数 stock-flow), plus a change table of every cell.
 */
import { T3_COLUMN_LABELS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, t2Cells } from '../report/layout.ts';
import type { Report } from '../report/report-schema.ts';
import { getCell } from '../report/cell-path.ts';
import type { Finding, SourceLocation } from './finding.ts';

export interface CellChange {
  path: string;
  previous: number | string | null;
  current: number | string | null;
  /** current − previous when both are numbers, else null. */
  delta: number | null;
}

export interface Comparison {
  findings: Finding[];
  changes: CellChange[];
}

function allPaths(report: Report): string[] {
  return [
    ...t2Cells(report.format).map((c) => c.path),
    ...T3_ROWS[report.format].flatMap((r) => T3_COLUMNS.map((c) => `t3.${r.key}.${c}`)),
    ...T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => `t4.${g}.${c}`)),
  ];
}

export function crossYearFindings(
  previous: Report,
  current: Report,
  locate: (path: string) => SourceLocation | undefined = () => undefined,
): Finding[] {
  const findings: Finding[] = [];
  if (previous.year !== null && current.year !== null && current.year !== previous.year + 1) {
    findings.push({
      code: 'CARRY_OVER_MISMATCH',
      level: 'info',
      message: `上一年度报告为${previous.year}年度，本报告为${current.year}年度，不是相邻年度，跨年核对结果仅供参考`,
    });
  }
  // X1: 二、上年结转 (N) = 四、结转下年度 (N−1), per column.
  const wrong = T3_COLUMNS.flatMap((col) => {
    const now = current.t3.carriedOver[col];
    const before = previous.t3.carryForward[col];
    return now !== null && before !== null && now !== before ? [{ col, now, before }] : [];
  });
  if (wrong.length > 0) {
    findings.push({
      code: 'CARRY_OVER_MISMATCH',
      level: 'warning',
      message: `表三“上年结转”与上一年度报告“结转下年度继续办理”不一致：${wrong
        .map((w) => `“${T3_COLUMN_LABELS[w.col]}”列本年为${w.now}，上年报告为${w.before}`)
        .join('；')}`,
      cells: wrong.map((w) => `t3.carriedOver.${w.col}`),
      source: locate(`t3.carriedOver.${wrong[0]!.col}`),
    });
  }
  // X2: 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N).
  if (current.format === '2021' && previous.format === '2021') {
    for (const [key, label] of [
      ['regulations', '规章'],
      ['normativeDocs', '行政规范性文件'],
    ] as const) {
      const now = current.t2[key];
      const before = previous.t2[key].inForce;
      if (now.inForce === null || now.issued === null || now.repealed === null || before === null) continue;
      const expected = before + now.issued - now.repealed;
      if (expected === now.inForce) continue;
      findings.push({
        code: 'STOCK_FLOW_MISMATCH',
        level: 'warning',
        message: `表二“${label}”现行有效件数为${now.inForce}，但上年现行有效${before}+本年制发${now.issued}−本年废止${now.repealed}=${expected}`,
        cells: [`t2.${key}.inForce`, `t2.${key}.issued`, `t2.${key}.repealed`],
        source: locate(`t2.${key}.inForce`),
      });
    }
  }
  return findings;
}

export function compareReports(previous: Report, current: Report): Comparison {
  const paths = [...new Set([...allPaths(previous), ...allPaths(current)])];
  const changes = paths.map((path) => {
    const before = getCell(previous, path) ?? null;
    const now = getCell(current, path) ?? null;
    return {
      path,
      previous: before,
      current: now,
      delta: typeof before === 'number' && typeof now === 'number' ? Math.round((now - before) * 1e6) / 1e6 : null,
    };
  });
  return { findings: crossYearFindings(previous, current), changes };
}
