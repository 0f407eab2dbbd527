/**
 * Applicant types exactly as table 3's columns (条例第二十九条; 国办公开办函〔2021〕30号): 自然人, or a 法人或其他组织
 * of one of five kinds. The keys are the table's column keys, so a case's type is its column.
 */
import { T3_COLUMN_LABELS, T3_COLUMNS, type T3Column } from '../report/layout.ts';

export type ApplicantType = Exclude<T3Column, 'total'>;

export const APPLICANT_TYPES = T3_COLUMNS.filter((c): c is ApplicantType => c !== 'total');

/** 自然人 / 法人或其他组织·商业企业 … — the label a form shows. */
export function applicantTypeLabel(type: ApplicantType): string {
  return type === 'natural' ? T3_COLUMN_LABELS.natural : `法人或其他组织·${T3_COLUMN_LABELS[type]}`;
}

export function isApplicantType(value: string): value is ApplicantType {
  return (APPLICANT_TYPES as readonly string[]).includes(value);
}
