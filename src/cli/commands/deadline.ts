/**
 * `gongkai deadline --received 2025-09-25 [--days 20] [--all] [--json]` — the last day of an answer period
 * (条例第三十三条: counting starts the day after receipt) and the days it skipped, from the shipped State Council
 * calendar. Exit 0: computed; 1: the period runs past the calendar's data (the missing year is named); 2: usage.
 */
import { addWorkingDays } from '../../core/calendar/add-working-days.ts';
import { notableDays, type DayExplanation } from '../../core/calendar/day-explanation.ts';
import { defaultCalendar, shippedHolidayData } from '../../core/calendar/default-calendar.ts';
import { isIsoDate, weekdayLabel } from '../../core/calendar/iso-date.ts';
import { parseArgs, UsageError } from '../parse-args.ts';

const USAGE = '用法：gongkai deadline --received 收到申请日期(YYYY-MM-DD) [--days 工作日数，默认20] [--all] [--json]';

/** Terminal columns of a string: CJK and full-width characters take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}
const pad = (text: string, columns: number) => text + ' '.repeat(Math.max(0, columns - width(text)));

function dayRow(d: DayExplanation): string {
  const counted = d.counted ? `第${d.ordinal}个工作日` : '不计入';
  return `  ${d.date}  ${d.weekday}  ${pad(counted, 14)}${d.label}`;
}

export async function run(args: string[]): Promise<number> {
  let received: string;
  let days = 20;
  let json = false;
  let all = false;
  try {
    const { positional, flags } = parseArgs(args, ['received', 'days']);
    if (positional.length > 0) throw new UsageError(`多余的参数：${positional.join(' ')}`);
    const r = flags.get('received');
    if (typeof r !== 'string') throw new UsageError('缺少 --received（收到申请日期）');
    if (!isIsoDate(r)) throw new UsageError(`收到申请日期“${r}”不是有效日期（格式 YYYY-MM-DD）`);
    received = r;
    const d = flags.get('days');
    if (d !== undefined) {
      if (typeof d !== 'string' || !/^\d+$/.test(d) || Number(d) < 1 || Number(d) > 100)
        throw new UsageError(`工作日数“${String(d)}”须为1至100之间的整数`);
      days = Number(d);
    }
    json = flags.has('json');
    all = flags.has('all');
    for (const name of flags.keys())
      if (!['received', 'days', 'json', 'all'].includes(name)) throw new UsageError(`未知参数 --${name}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }

  const calendar = defaultCalendar();
  const source = shippedHolidayData().years.at(-1)?.source ?? '';
  const result = addWorkingDays(calendar, received, days);
  if (!result.ok) {
    if (json)
      process.stdout.write(
        `${JSON.stringify({ error: { code: result.code, year: result.year, date: result.date, lastCovered: result.lastCovered, message: result.message } })}\n`,
      );
    process.stderr.write(`${result.message}\n`);
    return 1;
  }
  const period = result.value;
  const skipped = period.explanation.filter((d) => !d.counted);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        received,
        workingDays: days,
        due: period.due,
        dueWeekday: weekdayLabel(period.due),
        calendarDays: period.explanation.length,
        skipped,
        makeUpDays: period.explanation.filter((d) => d.counted && d.kind === 'makeUpWorkday'),
        days: period.explanation,
        calendar: { source, coveredFrom: calendar.coverage.firstDate, coveredTo: calendar.coverage.lastDate },
      })}\n`,
    );
    return 0;
  }
  const lines = [
    `收到申请：${received}（${weekdayLabel(received)}）`,
    `期限：${days}个工作日，自收到申请的次日起算（《中华人民共和国政府信息公开条例》第三十三条）`,
    `届满日期：${period.due}（${weekdayLabel(period.due)}）`,
    `共${period.explanation.length}个自然日，计入${days}个工作日，跳过${skipped.length}天。`,
    '',
    all ? '逐日说明：' : '跳过的日期和计入的调休上班日：',
    `  ${pad('日期', 10)}  ${pad('星期', 6)}  ${pad('是否计入', 14)}说明`,
    ...(all ? period.explanation : notableDays(period.explanation)).map(dayRow),
    '',
    `节假日数据：${source}；覆盖${calendar.coverage.firstDate}至${calendar.coverage.lastDate}。`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
