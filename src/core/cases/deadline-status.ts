/**
 * Where a case stands against its deadlines on a given day — what the staff's due-soon and overdue lists and the
 * supervising office's view are built from.
 */
import { chinaDate, maxDate, type IsoDate } from '../calendar/iso-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { correctionDeadline } from './apply-intake.ts';
import { caseClock } from './case-clock.ts';
import type { CaseEvent } from './case-event.ts';
import { isClosed, openPauses, type CaseState } from './case-state.ts';
import { replay, type ReplayResult } from './replay.ts';

export type DeadlineStatus =
  | 'onTrack'
  | 'dueSoon'
  | 'overdue'
  | 'paused'
  | 'consultationExpired'
  | 'feeExpired'
  | 'awaitingCorrection'
  | 'correctionExpired'
  | 'closedOnTime'
  | 'closedLate'
  | 'closed'
  | 'unknown';

export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = {
  onTrack: '期限内',
  dueSoon: '即将到期',
  overdue: '已逾期',
  paused: '暂停计时',
  consultationExpired: '征求意见期限已届满',
  feeExpired: '缴费期限已届满',
  awaitingCorrection: '待补正',
  correctionExpired: '补正期限已届满',
  closedOnTime: '按期办结',
  closedLate: '逾期办结',
  closed: '已办结',
  unknown: '无法计算期限',
};

export interface DeadlineEvaluation {
  status: DeadlineStatus;
  label: string;
  due: IsoDate | null;
  /** Working days from `today` to the due date (0 = due today, negative = overdue by that many). */
  workingDaysLeft: number | null;
  /** One Chinese sentence for lists and reminders. */
  message: string;
}

export interface DeadlineOptions {
  /** "Due soon" when this many working days or fewer are left (default 5). */
  dueSoonDays?: number;
}

const result = (status: DeadlineStatus, due: IsoDate | null, left: number | null, message: string) => ({
  status,
  label: DEADLINE_STATUS_LABELS[status],
  due,
  workingDaysLeft: left,
  message,
});

export function evaluateDeadline(
  state: CaseState,
  calendar: WorkingCalendar,
  today: IsoDate,
  options: DeadlineOptions = {},
): DeadlineEvaluation {
  const dueSoonDays = options.dueSoonDays ?? 5;
  if (state.status === 'awaitingCorrection' && state.correction) {
    const deadline = correctionDeadline(calendar, state.correction.correctBy);
    return today > deadline
      ? result('correctionExpired', null, null, `补正期限${deadline}已届满，申请人未补正的，可视为放弃申请（第三十条）`)
      : result('awaitingCorrection', null, null, `待申请人补正，补正期限${deadline}`);
  }
  const clock = caseClock(state, calendar, isClosed(state) ? state.outcome!.date : maxDate(today, state.periodStart));
  const due = clock.due;
  if (due.kind === 'missingYear') return result('unknown', null, null, due.message);
  if (due.kind !== 'due') return result('unknown', null, null, due.message);
  if (isClosed(state)) {
    if (state.status !== 'answered') return result('closed', due.date, null, `已办结（${state.outcome!.date}）`);
    return state.outcome!.date > due.date
      ? result('closedLate', due.date, clock.remainingDays, `逾期答复：期限${due.date}，${state.outcome!.date}答复`)
      : result('closedOnTime', due.date, clock.remainingDays, `按期答复：期限${due.date}，${state.outcome!.date}答复`);
  }
  const left = clock.remainingDays;
  for (const pause of openPauses(state)) {
    if (pause.limit !== null && today > pause.limit)
      return pause.kind === 'fee'
        ? result(
            'feeExpired',
            due.date,
            left,
            `缴费期限${pause.limit}已届满，未缴费的可视为放弃申请（国办函〔2020〕109号）`,
          )
        : result('consultationExpired', due.date, left, `征求意见期限${pause.limit}已届满，应登记结束并依法作出决定`);
  }
  if (left !== null && left < 0) return result('overdue', due.date, left, `已逾期${-left}个工作日（期限${due.date}）`);
  if (state.status === 'paused')
    return result(
      'paused',
      due.date,
      left,
      `暂停计时中，恢复后期限最迟为${due.date}${due.provisional ? '（按暂停期限届满推算）' : ''}`,
    );
  if (left !== null && left <= dueSoonDays)
    return result(
      'dueSoon',
      due.date,
      left,
      left === 0 ? `今天到期（${due.date}）` : `还剩${left}个工作日（期限${due.date}）`,
    );
  return result('onTrack', due.date, left, `还剩${left ?? '?'}个工作日（期限${due.date}）`);
}

/** Replay and evaluate against a clock (the use-case's `ctx.clock`): today is the clock's date in China. */
export function evaluateCase(
  events: readonly CaseEvent[],
  calendar: WorkingCalendar,
  clock: () => Date,
  options: DeadlineOptions = {},
): { replay: ReplayResult; deadline: DeadlineEvaluation | null } {
  const today = chinaDate(clock());
  const replayed = replay(events, calendar, { asOf: today });
  return {
    replay: replayed,
    deadline: replayed.ok ? evaluateDeadline(replayed.snapshot, calendar, today, options) : null,
  };
}
