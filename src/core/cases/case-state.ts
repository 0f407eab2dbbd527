/**
 * The state of one application, as replaying its events leaves it. Plain data (JSON-safe), so the integration
 * can cache it beside the events and the pages can render it.
 */
import type { MissingYear } from '../calendar/calendar-result.ts';
import type { IsoDate } from '../calendar/iso-date.ts';
import type { OutcomeKind } from './answer-types.ts';
import type { ApplicantType } from './applicant-type.ts';
import type { AppealKind, AppealResult, CaseEvent, ConsultationKind } from './case-event.ts';
import type { Channel } from './channel.ts';
import type { LegalBasis } from './legal-basis.ts';
import type { OutcomeRow } from './outcome-row.ts';

export type CaseStatus = 'inProgress' | 'awaitingCorrection' | 'paused' | 'answered' | 'withdrawn' | 'abandoned';

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  inProgress: '办理中',
  awaitingCorrection: '待补正',
  paused: '暂停计时',
  answered: '已答复',
  withdrawn: '已撤回',
  abandoned: '视为放弃',
};

export const CLOSED_STATUSES: readonly CaseStatus[] = ['answered', 'withdrawn', 'abandoned'];

export type PauseKind = ConsultationKind | 'fee';

export const PAUSE_LABELS: Record<PauseKind, string> = {
  thirdParty: '征求第三方意见（第三十二条），不计入答复期限',
  interAgency: '征求共同制作机关意见（第三十四条），不计入答复期限',
  fee: '等待缴纳信息处理费（国办函〔2020〕109号），不计入答复期限',
};

/** Time that does not count towards the answer period. */
export interface Pause {
  kind: PauseKind;
  /** The day the request or the 收费通知 was sent (itself not counted). */
  from: IsoDate;
  /** The statutory end: 15 working days from delivery for a consultation, 20 for payment; null if the calendar
   * could not compute it (then `limitGap` says which year is missing). */
  limit: IsoDate | null;
  limitGap: MissingYear | null;
  /** The day it ended (reply, payment, closure); null while it is still open. */
  endedOn: IsoDate | null;
}

export interface Appeal {
  id: string;
  kind: AppealKind;
  filedOn: IsoDate;
  result: AppealResult | null;
  decidedOn: IsoDate | null;
}

export interface CaseWarning {
  eventIndex: number;
  code: string;
  message: string;
}

export interface TimelineEntry {
  eventIndex: number;
  event: CaseEvent;
  label: string;
  basis: LegalBasis[];
}

export interface CaseState {
  status: CaseStatus;
  /** The date of receipt (第三十一条); table 3 counts the case as 新收 in this year. */
  receivedOn: IsoDate;
  channel: Channel;
  applicantType: ApplicantType;
  /** The current answer period runs from this day: the receipt, or the receipt of the 补正 (第三十条). */
  periodStart: IsoDate;
  correction: { requestedOn: IsoDate; correctBy: IsoDate; correctedOn: IsoDate | null } | null;
  extension: { days: number; approvedOn: IsoDate; approvedBy: string; noticeDate: IsoDate } | null;
  deferredUntil: IsoDate | null;
  pauses: Pause[];
  outcome: { kind: OutcomeKind; row: OutcomeRow; date: IsoDate } | null;
  appeals: Appeal[];
  warnings: CaseWarning[];
  timeline: TimelineEntry[];
  /** Date of the last event that is not an appeal: later case events may not be dated before it. */
  lastDate: IsoDate;
}

export const isClosed = (state: Pick<CaseState, 'status'>) => CLOSED_STATUSES.includes(state.status);
export const openPauses = (state: Pick<CaseState, 'pauses'>) => state.pauses.filter((p) => p.endedOn === null);

/** 答复期限: 20 working days (第三十三条) plus an approved extension. */
export const BASE_PERIOD_DAYS = 20;
export const MAX_EXTENSION_DAYS = 20;
export const CORRECTION_NOTICE_DAYS = 7;
export const CONSULTATION_DAYS = 15;
export const FEE_PAYMENT_DAYS = 20;

export const periodDays = (state: Pick<CaseState, 'extension'>) => BASE_PERIOD_DAYS + (state.extension?.days ?? 0);
