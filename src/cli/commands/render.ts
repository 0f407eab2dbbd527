/** `gongkai render REPORT.json --to html|docx|pdf|xlsx|txt -o OUT` */
import { writeFile } from 'node:fs/promises';
import { loadReport } from '../../use-cases/reports/load-report.ts';
import { renderReport } from '../../writers/render-report.ts';
import { parseArgs } from '../parse-args.ts';
import { readInputBytes } from '../read-input.ts';
import { messageOf } from './check.ts';

const FORMATS = ['html', 'docx', 'pdf', 'xlsx', 'txt'] as const;
type OutputFormat = (typeof FORMATS)[number];

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, ['to', 'o', 'output']);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const input = parsed.positional[0];
  const to = parsed.flags.get('to');
  const out = parsed.flags.get('o') ?? parsed.flags.get('output');
  if (!input || typeof to !== 'string' || !FORMATS.includes(to as OutputFormat) || typeof out !== 'string') {
    process.stderr.write('用法：gongkai render 报告.json --to html|docx|pdf|xlsx|txt -o 输出文件（- 表示标准输出）\n');
    return 2;
  }
  let report;
  try {
    report = await loadReport(await readInputBytes(input));
  } catch (error) {
    process.stderr.write(`${input}：无法读取：${messageOf(error)}\n`);
    return 2;
  }
  const bytes = await renderReport(report, to as OutputFormat);
  if (out === '-') process.stdout.write(bytes);
  else await writeFile(out, bytes);
  return 0;
}
