/**
 * What can happen to an application, as recorded facts. Each event has the date it happened (a civil date); the
 * legal basis of each is attached by `eventBasis` so that every stored event can carry its article text.
 */
import type { IsoDate } from '../calendar/iso-date.ts';
import type { T4Group } from '../report/layout.ts';
import type { AnswerKind } from './answer-types.ts';
import type { ApplicantType } from './applicant-type.ts';
import type { Channel } from './channel.ts';
import type { LegalBasisId } from './legal-basis.ts';

export type ConsultationKind = 'thirdParty' | 'interAgency';
export type AppealKind = T4Group;
export type AppealResult = 'upheld' | 'corrected' | 'other';

export type CaseEvent =
  /** 收到申请: `date` is the date of receipt 第三十一条 fixes for the channel (see channel.ts receiptDate). */
  | { type: 'received'; date: IsoDate; channel: Channel; applicantType: ApplicantType }
  /** 补正告知 (第三十条): one notice, within 7 working days of receipt, with a reasonable deadline. */
  | { type: 'correctionRequested'; date: IsoDate; correctBy: IsoDate }
  /** 收到补正: the answer period runs anew from this day. */
  | { type: 'corrected'; date: IsoDate }
  /** 延期答复 (第三十三条第二款): approved by the 政府信息公开工作机构负责人 and notified to the applicant. */
  | { type: 'extended'; date: IsoDate; days: number; approvedBy: string; noticeDate: IsoDate }
  /** 延迟答复 (第三十五条): a reasonable later date for a reasonable but voluminous request. */
  | { type: 'deferred'; date: IsoDate; until: IsoDate }
  /** 征求意见 (第三十二条 third party, 第三十四条 co-maker agency): `deliveredOn` starts their 15 working days. */
  | { type: 'consultationStarted'; date: IsoDate; kind: ConsultationKind; deliveredOn?: IsoDate }
  | { type: 'consultationEnded'; date: IsoDate; kind: ConsultationKind }
  /** 收费通知 (109号): the applicant's 20 working days run from the day after `deliveredOn` (or `date`). */
  | { type: 'feeNoticeSent'; date: IsoDate; amountYuan: number; deliveredOn?: IsoDate }
  | { type: 'feePaid'; date: IsoDate }
  /** 答复 (第三十六–三十九条). */
  | { type: 'answered'; date: IsoDate; answer: AnswerKind }
  /** 申请人撤回. */
  | { type: 'withdrawn'; date: IsoDate }
  /** 视为放弃: no 补正 in time (第三十条) or fee not paid in time (109号). */
  | { type: 'abandoned'; date: IsoDate; reason: 'noCorrection' | 'feeUnpaid' }
  /** 行政复议 / 行政诉讼 (第五十一条); `appealId` links the decision to the filing. */
  | { type: 'appealFiled'; date: IsoDate; appealId: string; kind: AppealKind }
  | { type: 'appealDecided'; date: IsoDate; appealId: string; result: AppealResult };

export type CaseEventType = CaseEvent['type'];

export const EVENT_LABELS: Record<CaseEventType, string> = {
  received: '收到申请',
  correctionRequested: '告知补正',
  corrected: '收到补正',
  extended: '延长答复期限',
  deferred: '确定延迟答复期限',
  consultationStarted: '征求意见',
  consultationEnded: '征求意见结束',
  feeNoticeSent: '发出收费通知',
  feePaid: '缴纳信息处理费',
  answered: '作出答复',
  withdrawn: '申请人撤回申请',
  abandoned: '视为放弃申请',
  appealFiled: '行政复议／行政诉讼立案',
  appealDecided: '行政复议／行政诉讼结果',
};

export const CONSULTATION_LABELS: Record<ConsultationKind, string> = {
  thirdParty: '征求第三方意见（第三十二条）',
  interAgency: '征求共同制作机关意见（第三十四条）',
};

export const APPEAL_RESULT_LABELS: Record<AppealResult | 'pending', string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
};

/** The provisions behind an event (the answer's own basis comes from answer-types.ts). */
export function eventBasisIds(event: CaseEvent): LegalBasisId[] {
  switch (event.type) {
    case 'received':
      return ['art29', 'art31', 'art33'];
    case 'correctionRequested':
    case 'corrected':
      return ['art30'];
    case 'extended':
      return ['art33'];
    case 'deferred':
      return ['art35'];
    case 'consultationStarted':
    case 'consultationEnded':
      return event.kind === 'thirdParty' ? ['art32', 'art33'] : ['art34', 'art33'];
    case 'feeNoticeSent':
      return ['art42', 'fee109', 'fee109Abandon'];
    case 'feePaid':
      return ['fee109Abandon'];
    case 'answered':
      return [];
    case 'withdrawn':
      return [];
    case 'abandoned':
      return event.reason === 'noCorrection' ? ['art30'] : ['fee109Abandon'];
    case 'appealFiled':
    case 'appealDecided':
      return ['art51', 'remedy'];
  }
}
