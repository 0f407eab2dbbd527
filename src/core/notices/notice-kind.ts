/**
 * The written notices of 依申请公开 (条例第二十九–四十五条). Procedural notices move a case along; an answer
 * (答复告知书) closes it and is counted in exactly one outcome row of table 3 — keyed by the row keys of
 * src/core/report/layout.ts, listed once in the case core (cases/outcome-row.ts).
 */
import { OUTCOME_ROWS, type OutcomeRow } from '../cases/outcome-row.ts';

/** The outcome rows of table 3 (2021 format, 国办公开办函〔2021〕30号), in template order: the case core's list. */
export const ANSWER_ROWS = OUTCOME_ROWS;
export type AnswerRow = OutcomeRow;

export function isAnswerRow(value: string): value is AnswerRow {
  return (ANSWER_ROWS as readonly string[]).includes(value);
}

export const PROCEDURAL_NOTICE_KINDS = [
  'receipt', // 受理回执 (条例第三十一条、第三十三条)
  'correction', // 补正告知书 (第三十条)
  'extension', // 延期答复告知书 (第三十三条第二款)
  'consultThirdParty', // 征求第三方意见函 (第三十二条)
  'consultAgency', // 征求其他机关意见函 (第三十四条)
  'feeNotice', // 收费通知书 (第四十二条, 国办函〔2020〕109号)
] as const;
export type ProceduralNoticeKind = (typeof PROCEDURAL_NOTICE_KINDS)[number];
export type NoticeKind = ProceduralNoticeKind | 'answer';

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  receipt: '受理回执',
  correction: '补正告知书',
  extension: '延期答复告知书',
  consultThirdParty: '征求第三方意见函',
  consultAgency: '征求其他机关意见函',
  feeNotice: '收费通知书',
  answer: '答复告知书',
};
