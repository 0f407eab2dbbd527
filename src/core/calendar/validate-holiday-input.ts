/**
 * Checks for what an administrator types in: a year's State Council notice and a local closure. Errors (field →
 * Chinese message) block saving; warnings are shown and may be confirmed (a notice may legitimately contain
 * something unusual, e.g. the 2020 extension of 春节 turned a make-up Saturday into a day off).
 */
import type { FieldErrors } from '../platform/app-error.ts';
import type { HolidayYear, LocalClosure } from './holiday-data.ts';
import { daysBetween, isIsoDate, weekday, yearOf } from './iso-date.ts';

export interface InputCheck {
  errors: FieldErrors;
  warnings: string[];
}

export function checkHolidayNotice(notice: HolidayYear): InputCheck {
  const errors: FieldErrors = {};
  const warnings: string[] = [];
  if (!Number.isInteger(notice.year) || notice.year < 2004 || notice.year > 2100)
    errors.year = '年份：须为2004至2100之间的整数';
  if (notice.source.trim() === '') errors.source = '通知文号：请填写国务院办公厅通知的文号或标题';
  const inRange = (date: string) =>
    yearOf(date) === notice.year || (yearOf(date) === notice.year - 1 && date.slice(5, 7) === '12');
  const check = (field: 'daysOff' | 'makeUpDays', label: string) => {
    const problems: string[] = [];
    for (const [date, name] of Object.entries(notice[field])) {
      if (!isIsoDate(date)) problems.push(`${date}不是有效日期`);
      else if (!inRange(date)) problems.push(`${date}不在${notice.year}年（或上一年12月）内`);
      if (name.trim() === '') problems.push(`${date}未填写节日名称`);
    }
    if (problems.length > 0) errors[field] = `${label}：${problems.join('；')}`;
  };
  check('daysOff', '放假日期');
  check('makeUpDays', '调休上班日期');
  const both = Object.keys(notice.daysOff).filter((d) => d in notice.makeUpDays);
  if (both.length > 0) errors.makeUpDays = `调休上班日期：${both.join('、')}同时被登记为放假日期`;
  if (Object.keys(notice.daysOff).length === 0) warnings.push('未登记任何放假日期，请核对通知');
  for (const date of Object.keys(notice.makeUpDays)) {
    if (isIsoDate(date) && weekday(date) !== 0 && weekday(date) !== 6)
      warnings.push(`调休上班日${date}不是周末，请核对通知`);
  }
  return { errors, warnings };
}

export function checkLocalClosure(closure: LocalClosure): InputCheck {
  const errors: FieldErrors = {};
  const warnings: string[] = [];
  if (!isIsoDate(closure.from)) errors.from = '停止办公起始日期：不是有效日期（格式 YYYY-MM-DD）';
  if (!isIsoDate(closure.to)) errors.to = '停止办公截止日期：不是有效日期（格式 YYYY-MM-DD）';
  else if (isIsoDate(closure.from) && closure.to < closure.from) errors.to = '停止办公截止日期：不得早于起始日期';
  else if (isIsoDate(closure.from) && daysBetween(closure.from, closure.to) > 30)
    warnings.push('停止办公超过31天，请核对');
  if (closure.reason.trim() === '') errors.reason = '停止办公原因：请填写（如台风停止办公及通知文号）';
  return { errors, warnings };
}
