/** What each transition handler gets: a copy of the state to change, and helpers to refuse or warn. */
import type { IsoDate } from '../calendar/iso-date.ts';
import { isIsoDate } from '../calendar/iso-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { caseDue, type CaseDue } from './case-clock.ts';
import type { Refusal, RefusalCode } from './case-refusal.ts';
import type { CaseState } from './case-state.ts';

export interface Step {
  state: CaseState;
  index: number;
  calendar: WorkingCalendar;
}

export const refuse = (step: Pick<Step, 'index'>, code: RefusalCode, message: string, field?: string): Refusal =>
  field === undefined ? { code, message, eventIndex: step.index } : { code, message, eventIndex: step.index, field };

export function warn(step: Step, code: string, message: string): void {
  step.state.warnings.push({ eventIndex: step.index, code, message });
}

/** A refusal for a field that must be a real date, or undefined. */
export function badDate(step: Pick<Step, 'index'>, value: unknown, field: string, label: string): Refusal | undefined {
  return typeof value === 'string' && isIsoDate(value)
    ? undefined
    : refuse(step, 'INVALID_FIELD', `${label}：不是有效日期（格式 YYYY-MM-DD）`, field);
}

/**
 * The due date before the event, for checks that compare against it. When the calendar cannot say, the check is
 * skipped with a warning naming the missing year — recording what happened is never blocked by missing data.
 */
export function dueBefore(step: Step): IsoDate | null {
  const due: CaseDue = caseDue(step.state, step.calendar);
  if (due.kind === 'due') return due.date;
  if (due.kind === 'missingYear') warn(step, 'CALENDAR_MISSING_YEAR', `${due.message}（未能核对是否逾期）`);
  return null;
}
