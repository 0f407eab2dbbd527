/**
 * 条例第二十六条: information within the proactive scope is published within 20 working days of being formed or
 * changed. Measured per item — from the 成文日期, or the day the information changed — on the working-day
 * calendar, and summarised per agency for staff and the supervising office.
 */
import { isIsoDate } from './plain-date.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';

/** 条例第二十六条. */
export const PUBLICATION_WORKING_DAYS = 20;

export type TimelinessStatus =
  /** Published on or before the deadline. */
  | 'on_time'
  /** Published after the deadline. */
  | 'late'
  /** Not yet published, deadline not passed. */
  | 'pending'
  /** Not yet published and the deadline has passed. */
  | 'overdue'
  /** The calendar cannot answer (dates beyond its data) or the dates are inconsistent. */
  | 'unknown';

export interface TimelinessInput {
  /** 成文日期 — the day the information was formed. */
  formedOn: string;
  /** The day the information changed, for a revision or update; the clock then runs from this day. */
  changedOn?: string;
  /** 发布日期, when published. */
  publishedOn?: string;
  /** Today, from the clock. */
  today: string;
}

export interface Timeliness {
  status: TimelinessStatus;
  /** The day the clock starts from (formedOn or changedOn). */
  startsOn: string;
  /** The last day publication is on time. */
  dueBy?: string;
  /** Working days from start to publication (published) or to today (not yet published). */
  workingDaysUsed?: number;
  /** Working days past the deadline (late / overdue). */
  workingDaysLate?: number;
  /** Working days still left (pending), 0 on the last day. */
  workingDaysLeft?: number;
  /** Why the status is unknown, in Chinese. */
  message?: string;
}

export function measureTimeliness(input: TimelinessInput, calendar: WorkingDayCalendar): Timeliness {
  const startsOn = input.changedOn ?? input.formedOn;
  const unknown = (message: string): Timeliness => ({ status: 'unknown', startsOn, message });
  for (const [value, name] of [
    [input.formedOn, '成文日期'],
    [input.changedOn, '信息变更日期'],
    [input.publishedOn, '发布日期'],
    [input.today, '当前日期'],
  ] as const) {
    if (value !== undefined && !isIsoDate(value)) return unknown(`${name}不是有效日期`);
  }
  if (input.changedOn !== undefined && input.changedOn < input.formedOn) return unknown('信息变更日期早于成文日期');
  if (input.publishedOn !== undefined && input.publishedOn < startsOn) {
    return unknown(input.changedOn ? '发布日期早于信息变更日期' : '发布日期早于成文日期');
  }

  const due = calendar.addWorkingDays(startsOn, PUBLICATION_WORKING_DAYS);
  if (!due.ok) return unknown(due.message);
  const dueBy = due.value;
  const end = input.publishedOn ?? input.today;
  const used = calendar.workingDaysBetween(startsOn, end);
  if (!used.ok) return unknown(used.message);

  if (input.publishedOn !== undefined) {
    if (input.publishedOn <= dueBy) return { status: 'on_time', startsOn, dueBy, workingDaysUsed: used.value };
    const late = calendar.workingDaysBetween(dueBy, input.publishedOn);
    if (!late.ok) return unknown(late.message);
    // Published on a rest day after the deadline: still late, by at least one day.
    return { status: 'late', startsOn, dueBy, workingDaysUsed: used.value, workingDaysLate: Math.max(1, late.value) };
  }
  if (input.today <= dueBy) {
    const left = calendar.workingDaysBetween(input.today, dueBy);
    if (!left.ok) return unknown(left.message);
    return { status: 'pending', startsOn, dueBy, workingDaysUsed: used.value, workingDaysLeft: left.value };
  }
  const late = calendar.workingDaysBetween(dueBy, input.today);
  if (!late.ok) return unknown(late.message);
  return { status: 'overdue', startsOn, dueBy, workingDaysUsed: used.value, workingDaysLate: Math.max(1, late.value) };
}

export interface TimelinessSummary {
  published: number;
  onTime: number;
  late: number;
  pending: number;
  overdue: number;
  unknown: number;
  /** Share of published items published on time (0–1), null when none was published. */
  onTimeRate: number | null;
}

/** Per agency (or any set of items): counts by status and the on-time rate of published items. */
export function summarizeTimeliness(results: readonly Timeliness[]): TimelinessSummary {
  const s: TimelinessSummary = {
    published: 0,
    onTime: 0,
    late: 0,
    pending: 0,
    overdue: 0,
    unknown: 0,
    onTimeRate: null,
  };
  for (const r of results) {
    if (r.status === 'on_time') s.onTime++;
    else if (r.status === 'late') s.late++;
    else if (r.status === 'pending') s.pending++;
    else if (r.status === 'overdue') s.overdue++;
    else s.unknown++;
  }
  s.published = s.onTime + s.late;
  s.onTimeRate = s.published === 0 ? null : s.onTime / s.published;
  return s;
}

export const timelinessLabels: Readonly<Record<TimelinessStatus, string>> = {
  on_time: '按时公开',
  late: '逾期公开',
  pending: '待公开',
  overdue: '已逾期未公开',
  unknown: '无法计算',
};
