/**
 * Identity documents on an application (条例第二十九条: 身份证明). 居民身份证 (GB 11643-1999: 17 digits, a birth date,
 * an ISO 7064 MOD 11-2 check character — also the format of 港澳台居民居住证) and 统一社会信用代码 (GB 32100-2015,
 * checked by src/core/platform/credit-code.ts) are checked; other documents only for shape.
 */
import { isIsoDate, type IsoDate } from '../calendar/iso-date.ts';
import type { FieldErrors } from '../platform/app-error.ts';
import { isValidCreditCode } from '../platform/credit-code.ts';
import type { ApplicantType } from './applicant-type.ts';

export const IDENTITY_DOCUMENT_TYPES = {
  residentId: '居民身份证',
  creditCode: '统一社会信用代码',
  passport: '护照',
  hkMacauPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  foreignPermanentId: '外国人永久居留身份证',
  other: '其他有效证件',
} as const;
export type IdentityDocumentType = keyof typeof IDENTITY_DOCUMENT_TYPES;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export const normaliseIdNumber = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/** A Chinese message naming the field if `value` is not a valid 18-digit 居民身份证 number, else null. */
export function residentIdProblem(value: string, today?: IsoDate, field = '身份证件号码'): string | null {
  const id = normaliseIdNumber(value);
  if (/^\d{15}$/.test(id)) return `${field}：15位身份证号码已停止使用，请填写18位号码`;
  if (!/^\d{17}[\dX]$/.test(id)) return `${field}：居民身份证号码须为18位，前17位为数字，最后一位为数字或X`;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth) || (today !== undefined && birth > today))
    return `${field}：号码中的出生日期${id.slice(6, 14)}不是有效日期`;
  const expected = residentIdCheckChar(id.slice(0, 17));
  if (id[17] !== expected) return `${field}：校验位不符（最后一位应为${expected}），请核对号码`;
  return null;
}

export function creditCodeProblem(value: string, field = '统一社会信用代码'): string | null {
  const code = normaliseIdNumber(value);
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return `${field}：须为18位数字或大写字母（不含I、O、Z、S、V）`;
  return isValidCreditCode(code) ? null : `${field}：校验位不符，请核对代码`;
}

export type IdentityCheck =
  { ok: true; type: IdentityDocumentType; number: string } | { ok: false; errors: FieldErrors };

/**
 * The identity fields of an application form (`idType`, `idNumber`), normalised, or the errors keyed by field.
 * A natural person identifies with a personal document, not an organisation's code.
 */
export function checkIdentity(
  input: { idType: string; idNumber: string; applicantType?: ApplicantType },
  today?: IsoDate,
): IdentityCheck {
  if (!(input.idType in IDENTITY_DOCUMENT_TYPES)) return { ok: false, errors: { idType: '证件类型：请选择证件类型' } };
  const type = input.idType as IdentityDocumentType;
  const number = normaliseIdNumber(input.idNumber);
  if (number === '') return { ok: false, errors: { idNumber: `证件号码：请填写${IDENTITY_DOCUMENT_TYPES[type]}号码` } };
  if (input.applicantType === 'natural' && type === 'creditCode')
    return { ok: false, errors: { idType: '证件类型：自然人请填写个人身份证件，统一社会信用代码用于法人或其他组织' } };
  let problem: string | null = null;
  if (type === 'residentId') problem = residentIdProblem(number, today, '居民身份证号码');
  else if (type === 'creditCode') problem = creditCodeProblem(number);
  else if (!/^[0-9A-Z()（）-]{5,30}$/u.test(number))
    problem = `证件号码：${IDENTITY_DOCUMENT_TYPES[type]}号码须为5至30位字母或数字`;
  return problem ? { ok: false, errors: { idNumber: problem } } : { ok: true, type, number };
}
