/**
 * The identities a correct report satisfies (annual-report.md §5, I1–I5). A null (blank) cell is not a zero:
 * an identity that involves a null cell is not evaluated (the blank is reported as BLANK_CELL instead).
 */
import {
  T3_COLUMN_LABELS,
  T3_COLUMNS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUP_LABELS,
  T4_GROUPS,
  t2Cells,
  type T3Column,
} from '../report/layout.ts';
import type { Report } from '../report/report-schema.ts';
import type { Finding, SourceLocation } from './finding.ts';

type Locate = (path: string) => SourceLocation | undefined;

function sum(values: (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

/** Sums of floating amounts compare within a cent; counts are integers anyway. */
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

const OUTCOME_GROUPS_2021 = [
  { label: '予以公开', keys: ['granted'] },
  { label: '部分公开', keys: ['partial'] },
  { label: '不予公开', keys: ['denied1', 'denied2', 'denied3', 'denied4', 'denied5', 'denied6', 'denied7', 'denied8'] },
  { label: '无法提供', keys: ['unable1', 'unable2', 'unable3'] },
  { label: '不予处理', keys: ['notProcessed1', 'notProcessed2', 'notProcessed3', 'notProcessed4', 'notProcessed5'] },
  { label: '其他处理', keys: ['other1', 'other2', 'other3'] },
];

export function checkIdentities(report: Report, locate: Locate): Finding[] {
  const findings: Finding[] = [];
  const t3 = report.t3 as Record<string, Record<T3Column, number | null>>;
  const cell = (row: string, col: T3Column) => t3[row]?.[col] ?? null;
  const colName = (col: T3Column) => `表三“${T3_COLUMN_LABELS[col]}”列`;

  for (const col of T3_COLUMNS) {
    // I1: 一 + 二 = （七）总计 + 四 — the identity printed in the table's own header.
    const n = cell('new', col);
    const c = cell('carriedOver', col);
    const t = cell('total', col);
    const f = cell('carryForward', col);
    if (n !== null && c !== null && t !== null && f !== null && !same(n + c, t + f)) {
      findings.push({
        code: 'T3_I1',
        level: 'error',
        message: `${colName(col)}：新收(${n})+上年结转(${c})=${n + c}，不等于办理结果总计(${t})+结转下年度(${f})=${t + f}`,
        cells: [`t3.new.${col}`, `t3.carriedOver.${col}`, `t3.total.${col}`, `t3.carryForward.${col}`],
        source: locate(`t3.total.${col}`) ?? locate(`t3.new.${col}`),
      });
    }
    // I2: （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+ Σ（六）.
    const groups =
      report.format === '2021'
        ? OUTCOME_GROUPS_2021
        : OUTCOME_GROUPS_2021.map((g) => (g.label === '其他处理' ? { label: g.label, keys: ['other'] } : g));
    const parts = groups.map((g) => ({ label: g.label, value: sum(g.keys.map((k) => cell(k, col))) }));
    const outcome = sum(parts.map((p) => p.value));
    if (t !== null && outcome !== null && !same(t, outcome)) {
      findings.push({
        code: 'T3_I2',
        level: 'error',
        message: `${colName(col)}：办理结果总计为${t}，但（一）至（六）各项之和为${outcome}（${parts.map((p) => `${p.label}${p.value}`).join('+')}）`,
        cells: [`t3.total.${col}`, ...groups.flatMap((g) => g.keys.map((k) => `t3.${k}.${col}`))],
        source: locate(`t3.total.${col}`),
      });
    }
  }

  // I3: every row's 总计 = 自然人 + the five kinds of 法人或其他组织.
  const dataColumns = T3_COLUMNS.filter((c) => c !== 'total');
  for (const row of T3_ROWS[report.format]) {
    const total = cell(row.key, 'total');
    const parts = dataColumns.map((c) => cell(row.key, c));
    const s = sum(parts);
    if (total !== null && s !== null && !same(total, s)) {
      findings.push({
        code: 'T3_I3',
        level: 'error',
        message: `表三“${row.label}”行：总计为${total}，但自然人与各类法人或其他组织之和为${s}（${parts.join('+')}）`,
        cells: T3_COLUMNS.map((c) => `t3.${row.key}.${c}`),
        source: locate(`t3.${row.key}.total`),
      });
    }
  }

  // I4: table 4, each group: 维持 + 纠正 + 其他 + 尚未审结 = 总计.
  const t4 = report.t4 as Record<string, Record<string, number | null>>;
  for (const group of T4_GROUPS) {
    const g = t4[group]!;
    const parts = T4_COLUMNS.filter((c) => c !== 'total').map((c) => g[c] ?? null);
    const s = sum(parts);
    const total = g.total ?? null;
    if (total !== null && s !== null && !same(total, s)) {
      findings.push({
        code: 'T4_I4',
        level: 'error',
        message: `表四“${T4_GROUP_LABELS[group]}”：结果维持${parts[0]}+结果纠正${parts[1]}+其他结果${parts[2]}+尚未审结${parts[3]}=${s}，不等于总计${total}`,
        cells: T4_COLUMNS.map((c) => `t4.${group}.${c}`),
        source: locate(`t4.${group}.total`),
      });
    }
  }

  findings.push(...checkValueKinds(report, locate));
  return findings;
}

/** I5: counts are non-negative integers; 万元 amounts non-negative; 2019 本年增/减 may be negative. */
function checkValueKinds(report: Report, locate: Locate): Finding[] {
  const bad: { path: string; value: number; why: string }[] = [];
  const visit = (path: string, value: unknown, kind: 'count' | 'amount' | 'change' | 'text') => {
    if (typeof value !== 'number') return;
    if (kind === 'amount') {
      if (value < 0) bad.push({ path, value, why: '金额为负' });
    } else if (!Number.isInteger(value)) bad.push({ path, value, why: '不是整数' });
    else if (kind === 'count' && value < 0) bad.push({ path, value, why: '为负数' });
  };
  const t3 = report.t3 as Record<string, Record<string, number | null>>;
  for (const [row, cols] of Object.entries(t3))
    for (const [col, v] of Object.entries(cols)) visit(`t3.${row}.${col}`, v, 'count');
  const t4 = report.t4 as Record<string, Record<string, number | null>>;
  for (const [g, cols] of Object.entries(t4))
    for (const [col, v] of Object.entries(cols)) visit(`t4.${g}.${col}`, v, 'count');
  for (const spec of t2Cells(report.format)) {
    const value = spec.path
      .split('.')
      .slice(1)
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | null)?.[key], report.t2);
    visit(spec.path, value, spec.kind);
  }
  if (bad.length === 0) return [];
  return [
    {
      code: 'NEGATIVE_OR_FRACTION',
      level: 'error',
      message: `有${bad.length}个数值不符合要求（件数须为非负整数，金额不得为负）：${bad.map((b) => `${b.path}=${b.value}（${b.why}）`).join('、')}`,
      cells: bad.map((b) => b.path),
      source: locate(bad[0]!.path),
    },
  ];
}
