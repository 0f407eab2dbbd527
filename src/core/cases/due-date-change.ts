/**
 * When the calendar changes (an administrator enters a notice or a local closure), each open case's due date is
 * recomputed and, if it moved, the change is recorded on the case (issue 7). This says whether and how it moved.
 */
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { caseDue, type CaseDue } from './case-clock.ts';
import type { CaseState } from './case-state.ts';
import { isClosed } from './case-state.ts';

export interface DueDateChange {
  before: string | null;
  after: string | null;
  /** For the case's record: 节假日安排变更：答复期限由2026-12-31调整为2027-01-05. */
  message: string;
}

const shown = (due: CaseDue) => (due.kind === 'due' ? due.date : null);
const describe = (due: CaseDue) =>
  due.kind === 'due' ? due.date : due.kind === 'missingYear' ? `无法计算（缺少${due.year}年节假日安排）` : '未起算';

export function dueDateChange(state: CaseState, before: WorkingCalendar, after: WorkingCalendar): DueDateChange | null {
  if (isClosed(state)) return null;
  const a = caseDue(state, before);
  const b = caseDue(state, after);
  if (
    a.kind === b.kind &&
    shown(a) === shown(b) &&
    (a.kind !== 'missingYear' || b.kind !== 'missingYear' || a.year === b.year)
  )
    return null;
  return {
    before: shown(a),
    after: shown(b),
    message: `节假日安排变更：答复期限由${describe(a)}调整为${describe(b)}`,
  };
}
