/** An event the state machine will not record, with the reason in Chinese (docs/cases.md lists every code). */
export type RefusalCode =
  | 'NOT_RECEIVED'
  | 'ALREADY_RECEIVED'
  | 'INVALID_FIELD'
  | 'OUT_OF_ORDER'
  | 'FUTURE_DATE'
  | 'CLOSED'
  | 'NOT_IN_PROGRESS'
  | 'CORRECTION_TWICE'
  | 'NO_CORRECTION_PENDING'
  | 'CORRECTION_NOT_EXPIRED'
  | 'EXTENSION_TWICE'
  | 'EXTENSION_TOO_LONG'
  | 'EXTENSION_NOT_APPROVED'
  | 'AFTER_DUE'
  | 'DEFERRAL_TWICE'
  | 'PAUSE_OPEN'
  | 'NO_PAUSE_OPEN'
  | 'FEE_TWICE'
  | 'FEE_NOT_EXPIRED'
  | 'ANSWER_WHILE_PAUSED'
  | 'ANSWER_WHILE_AWAITING_CORRECTION'
  | 'UNCLEAR_WITHOUT_CORRECTION'
  | 'APPEAL_DUPLICATE'
  | 'APPEAL_UNKNOWN'
  | 'APPEAL_DECIDED'
  | 'CALENDAR_MISSING_YEAR';

export interface Refusal {
  code: RefusalCode;
  message: string;
  eventIndex: number;
  /** The input field the message is about, when there is one (for the form's error summary). */
  field?: string;
}

export class RefusalError extends Error {
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(refusal.message);
    this.name = 'RefusalError';
    this.refusal = refusal;
  }
}
