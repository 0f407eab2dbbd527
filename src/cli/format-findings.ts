/** The readable Chinese summary of one checked report: findings grouped by table, with cells and places. */
import type { CheckedReport } from '../core/check/check-document.ts';
import { FINDING_NAMES, findingKind, type Finding } from '../core/check/finding.ts';
import { describeSource } from '../core/check/describe-source.ts';

const LEVEL = { error: '错误', warning: '警告', info: '提示' } as const;

const GROUPS: { title: string; test: (f: Finding) => boolean }[] = [
  {
    title: '表二 主动公开政府信息情况',
    test: (f) => (f.cells?.[0] ?? '').startsWith('t2.') || f.message.startsWith('表二'),
  },
  {
    title: '表三 收到和处理政府信息公开申请情况',
    test: (f) => (f.cells?.[0] ?? '').startsWith('t3.') || /^表三|表三（/.test(f.message),
  },
  {
    title: '表四 行政复议、行政诉讼情况',
    test: (f) => (f.cells?.[0] ?? '').startsWith('t4.') || /^表四|表四（/.test(f.message),
  },
  { title: '正文与结构', test: () => true },
];

export function formatCheckedReport(name: string, { report, findings }: CheckedReport): string {
  const lines: string[] = [`== ${name} ==`];
  const facts = [
    report.agency ?? '机关不明',
    report.year ? `${report.year}年度` : '年度不明',
    `${report.format}年格式`,
  ];
  if (report.dated) facts.push(`落款${report.dated}`);
  lines.push(`${report.title ?? '（无标题）'}（${facts.join('，')}）`);
  const count = (level: Finding['level']) => findings.filter((f) => f.level === level).length;
  lines.push(`错误 ${count('error')} 个 · 警告 ${count('warning')} 个 · 提示 ${count('info')} 个`);
  if (findings.length === 0) lines.push('未发现问题。');
  // Problems of the report first, then — apart — what the reader could not read for sure (issue 10).
  const problems = findings.filter((f) => findingKind(f) === 'report');
  const uncertain = findings.filter((f) => findingKind(f) === 'reading');
  if (problems.length > 0 && uncertain.length > 0) lines.push(' 报告中的问题');
  formatGroups(lines, problems);
  if (uncertain.length > 0) {
    lines.push(' 读取中的不确定之处（不是报告的错误，请与原件核对）');
    formatGroups(lines, uncertain);
  }
  return lines.join('\n');
}

/** Items of a long list in a message (separated by ；) beyond this are summarised; --json keeps them all. */
const LIST_SHOWN = 5;

export function summariseMessage(message: string): string {
  const colon = message.indexOf('：');
  if (colon < 0) return message;
  const items = message.slice(colon + 1).split('；');
  if (items.length <= LIST_SHOWN + 1) return message;
  return `${message.slice(0, colon + 1)}${items.slice(0, LIST_SHOWN).join('；')}；……等共${items.length}项（完整列表见 --json）`;
}

function formatGroups(lines: string[], findings: Finding[]): void {
  const remaining = [...findings];
  for (const group of GROUPS) {
    const mine = remaining.filter(group.test);
    if (mine.length === 0) continue;
    for (const f of mine) remaining.splice(remaining.indexOf(f), 1);
    lines.push(`  ${group.title}`);
    for (const f of mine) {
      const where = describeSource(f.source);
      lines.push(
        `    [${LEVEL[f.level]}] ${FINDING_NAMES[f.code]}（${f.code}）${where ? ` ${where}` : ''}：${summariseMessage(f.message)}`,
      );
      if (f.cells && f.cells.length > 0 && f.cells.length <= 12) lines.push(`      单元格：${f.cells.join('、')}`);
    }
  }
}
