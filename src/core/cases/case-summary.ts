/** What tables 3 and 4 need of a case — the integration can store it as columns beside the events. */
import type { IsoDate } from '../calendar/iso-date.ts';
import type { ApplicantType } from './applicant-type.ts';
import type { AppealKind, AppealResult } from './case-event.ts';
import type { CaseState } from './case-state.ts';
import type { OutcomeRow } from './outcome-row.ts';

export interface AppealSummary {
  kind: AppealKind;
  filedOn: IsoDate;
  result: AppealResult | null;
  decidedOn: IsoDate | null;
}

export interface CaseSummary {
  applicantType: ApplicantType;
  /** The original date of receipt (a 补正 does not make a case new again). */
  receivedOn: IsoDate;
  /** The final outcome, or null while the case is open. */
  outcome: { row: OutcomeRow; date: IsoDate } | null;
  appeals: AppealSummary[];
}

export function summarizeCase(state: CaseState): CaseSummary {
  return {
    applicantType: state.applicantType,
    receivedOn: state.receivedOn,
    outcome: state.outcome ? { row: state.outcome.row, date: state.outcome.date } : null,
    appeals: state.appeals.map((a) => ({ kind: a.kind, filedOn: a.filedOn, result: a.result, decidedOn: a.decidedOn })),
  };
}
