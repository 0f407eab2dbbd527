/** The readable Chinese summary of one checked report: findings grouped by table, with cells and places. */
import type { CheckedReport } from '../core/check/check-document.ts';
import type { Finding } from '../core/check/finding.ts';
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
  const remaining = [...findings];
  for (const group of GROUPS) {
    const mine = remaining.filter(group.test);
    if (mine.length === 0) continue;
    for (const f of mine) remaining.splice(remaining.indexOf(f), 1);
    lines.push(`  ${group.title}`);
    for (const f of mine) {
      const where = describeSource(f.source);
      lines.push(`    [${LEVEL[f.level]}] ${f.code}${where ? ` ${where}` : ''}：${f.message}`);
      if (f.cells && f.cells.length > 0 && f.cells.length <= 12) lines.push(`      单元格：${f.cells.join('、')}`);
    }
  }
  return lines.join('\n');
}
