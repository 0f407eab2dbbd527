import type { IsoDate } from './iso-date.ts';
import type { DayKind } from './working-calendar.ts';

/** One day of a counted period: whether it counted, its number if it did, and why (周末 / 春节 / 调休上班 …). */
export interface DayExplanation {
  date: IsoDate;
  /** 星期六 */
  weekday: string;
  counted: boolean;
  /** 1-based number of the working day for a counted day, else null. */
  ordinal: number | null;
  kind: DayKind | 'excluded';
  label: string;
}

/** The days worth showing a person: every day not counted, and make-up working days that were counted. */
export function notableDays(days: readonly DayExplanation[]): DayExplanation[] {
  return days.filter((d) => !d.counted || d.kind === 'makeUpWorkday');
}
