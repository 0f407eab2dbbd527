/**
 * The text an administrator types for a year's State Council notice (国务院办公厅关于XXXX年部分节假日安排的通知):
 * one holiday per line, as the notice itself is written —
 *
 *   放假：  2027-02-06至2027-02-13 春节        (a range, both ends included)
 *           2027-04-05 清明节                   (one day)
 *   调休上班：2027-02-14 春节                    (the holiday the working day makes up for)
 *
 * `至`, `~`, `—`, `-` between two dates and `，`/`、`/spaces around them are accepted; blank lines and lines
 * starting with `#` are ignored. Problems are reported per line in Chinese; nothing is guessed.
 */
import type { HolidayYear } from './holiday-data.ts';
import { dayNumber, fromDayNumber, isIsoDate, type IsoDate } from './iso-date.ts';

/** A notice has a dozen lines; the bound keeps a pasted document from becoming a thousand-day walk. */
export const MAX_NOTICE_LINES = 60;
/** The longest holiday ever was 春节 2020 extended to 2-02 (10 days); 40 leaves room and refuses nonsense. */
export const MAX_RANGE_DAYS = 40;

const LINE = /^(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:至|到|~|～|—|–|--)\s*(\d{4}-\d{1,2}-\d{1,2}))?[\s，,、：:]+(.+)$/u;

/** 2027-2-6 → 2027-02-06 (people type both). */
function normaliseDate(text: string): string {
  const [y, m, d] = text.split('-');
  return `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
}

export interface ParsedLines {
  days: Record<IsoDate, string>;
  problems: string[];
}

/** Parses one list (days off, or make-up working days); `label` names it in the messages (放假日期). */
export function parseDayLines(text: string, label: string): ParsedLines {
  const days: Record<IsoDate, string> = {};
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  if (lines.filter((l) => l.trim() !== '').length > MAX_NOTICE_LINES) {
    return { days, problems: [`${label}：不能超过${MAX_NOTICE_LINES}行`] };
  }
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${label}第${i + 1}行`;
    const m = LINE.exec(line);
    if (!m) {
      problems.push(`${where}：应为“日期 节日名称”或“起始日期至截止日期 节日名称”，如 2027-02-06至2027-02-13 春节`);
      return;
    }
    const from = normaliseDate(m[1]!);
    const to = m[2] ? normaliseDate(m[2]) : from;
    const name = m[3]!.trim();
    if (!isIsoDate(from) || !isIsoDate(to)) {
      problems.push(`${where}：${!isIsoDate(from) ? m[1] : m[2]}不是有效日期`);
      return;
    }
    if (to < from) {
      problems.push(`${where}：截止日期早于起始日期`);
      return;
    }
    if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS) {
      problems.push(`${where}：一段假期不能超过${MAX_RANGE_DAYS}天`);
      return;
    }
    if (name.length > 20) {
      problems.push(`${where}：节日名称不能超过20个字`);
      return;
    }
    for (let d = dayNumber(from); d <= dayNumber(to); d++) {
      const date = fromDayNumber(d);
      if (date in days) problems.push(`${where}：${date}重复登记`);
      days[date] = name;
    }
  });
  return { days, problems };
}

/** The lines that give back `days` (consecutive days of one holiday become one range): for editing again. */
export function formatDayLines(days: Record<IsoDate, string>): string {
  const dates = Object.keys(days).sort();
  const lines: string[] = [];
  let i = 0;
  while (i < dates.length) {
    const start = dates[i]!;
    const name = days[start]!;
    let end = start;
    while (i + 1 < dates.length && days[dates[i + 1]!] === name && dayNumber(dates[i + 1]!) === dayNumber(end) + 1) {
      i++;
      end = dates[i]!;
    }
    lines.push(end === start ? `${start} ${name}` : `${start}至${end} ${name}`);
    i++;
  }
  return lines.join('\n');
}

export interface NoticeText {
  year: number;
  source: string;
  daysOff: string;
  makeUpDays: string;
}

/** The notice as data, or the problems by field (the same field names as checkHolidayNotice). */
export function noticeFromText(input: NoticeText): { notice: HolidayYear; problems: Record<string, string> } {
  const off = parseDayLines(input.daysOff, '放假日期');
  const up = parseDayLines(input.makeUpDays, '调休上班日期');
  const problems: Record<string, string> = {};
  if (off.problems.length > 0) problems['daysOff'] = off.problems.join('；');
  if (up.problems.length > 0) problems['makeUpDays'] = up.problems.join('；');
  return {
    notice: { year: input.year, source: input.source.trim(), daysOff: off.days, makeUpDays: up.days },
    problems,
  };
}
