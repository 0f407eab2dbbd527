/** `gongkai check FILE… [--json] [--previous FILE] [--deadline MM-DD]` and `gongkai check DIR`. */
import { stat } from 'node:fs/promises';
import { checkInput, loadReport } from '../../use-cases/reports/load-report.ts';
import type { Deadline } from '../../core/check/check-front-matter.ts';
import { ReadError } from '../../core/read/read-error.ts';
import { formatCheckedReport } from '../format-findings.ts';
import { parseArgs, UsageError } from '../parse-args.ts';
import { readInputBytes } from '../read-input.ts';
import { checkDirectory } from '../check-directory.ts';

const HELP =
  '用法：gongkai check 文件…|- [--json] [--previous 上年报告] [--deadline 月-日]\n      gongkai check 目录 [--jobs N] [--json]';

export function parseDeadline(text: string | true | undefined): Deadline | undefined {
  if (text === undefined) return undefined;
  const m = typeof text === 'string' ? /^(\d{1,2})-(\d{1,2})$/.exec(text) : null;
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12 || Number(m[2]) < 1 || Number(m[2]) > 31) {
    throw new UsageError('--deadline 的格式应为“月-日”，如 1-31 或 3-31');
  }
  return { month: Number(m[1]), day: Number(m[2]) };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  let deadline: Deadline | undefined;
  try {
    parsed = parseArgs(args, ['previous', 'deadline', 'jobs']);
    deadline = parseDeadline(parsed.flags.get('deadline'));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${HELP}\n`);
    return 2;
  }
  const { positional, flags } = parsed;
  const json = flags.has('json');
  if (positional.length === 0) {
    process.stderr.write(`请给出要检查的文件或目录。\n${HELP}\n`);
    return 2;
  }
  if (positional.length === 1 && positional[0] !== '-') {
    const info = await stat(positional[0]!).catch(() => null);
    if (info?.isDirectory()) {
      const jobs = flags.get('jobs');
      return checkDirectory(positional[0]!, {
        json,
        deadline,
        jobs: typeof jobs === 'string' ? Number(jobs) : undefined,
      });
    }
  }

  let previous;
  const previousPath = flags.get('previous');
  if (typeof previousPath === 'string') {
    try {
      previous = await loadReport(await readInputBytes(previousPath));
    } catch (error) {
      process.stderr.write(`上一年度报告无法读取：${messageOf(error)}\n`);
      return 2;
    }
  }

  let exit = 0;
  for (const path of positional) {
    try {
      const checked = await checkInput(await readInputBytes(path), { previous, deadline });
      if (json) process.stdout.write(`${JSON.stringify({ report: checked.report, findings: checked.findings })}\n`);
      else process.stdout.write(`${formatCheckedReport(path === '-' ? '标准输入' : path, checked)}\n\n`);
      if (checked.findings.some((f) => f.level === 'error')) exit = Math.max(exit, 1);
    } catch (error) {
      process.stderr.write(`${path === '-' ? '标准输入' : path}：无法读取：${messageOf(error)}\n`);
      exit = 2;
    }
  }
  return exit;
}

export function messageOf(error: unknown): string {
  if (error instanceof ReadError) return error.message;
  return `读取时发生意外错误（${error instanceof Error ? error.message : String(error)}）`;
}
