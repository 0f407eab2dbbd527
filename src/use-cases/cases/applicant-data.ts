import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/platform/app-error.ts';
import {
  blindIndex,
  maskName,
  maskNumber,
  openField,
  sealField,
  currentDataKey,
  type DataKeyring,
} from '../../security/field-cipher.ts';
import type { UseCaseContext } from '../platform/context.ts';

/** An applicant's particulars (条例第二十九条). Only ever stored sealed; lists show `applicant_masked`. */
export interface ApplicantData {
  name: string;
  /** 法人或其他组织: its name (the person above is the contact). */
  organisation: string;
  idType: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
}

const PURPOSE = 'case.applicant';

export function requireDataKeys(ctx: Pick<UseCaseContext, 'dataKeys'>): DataKeyring {
  if (!ctx.dataKeys)
    throw new AppError('INTERNAL', '未配置个人信息加密密钥（GONGKAI_DATA_KEY_FILE），暂不能受理或查看申请人信息');
  return ctx.dataKeys;
}

export const normalisePhone = (phone: string) => phone.replace(/[\s-]/g, '');

/** The sealed columns of a case for these particulars. */
export function sealApplicant(keys: DataKeyring, a: ApplicantData) {
  const phone = normalisePhone(a.phone);
  return {
    applicant_sealed: sealField(keys, JSON.stringify(a), PURPOSE),
    id_index: blindIndex(keys, `${a.idType}:${a.idNumber}`, 'idNumber'),
    phone_index: phone === '' ? null : blindIndex(keys, phone, 'phone'),
    data_key_id: currentDataKey(keys).id,
    applicant_masked: maskName(a.organisation || a.name),
  };
}

export function openApplicant(keys: DataKeyring, sealed: string): ApplicantData {
  return JSON.parse(openField(keys, sealed, PURPOSE)) as ApplicantData;
}

/** What a staff page shows: everything, with the identity number and phone masked unless asked for. */
export function maskedApplicant(a: ApplicantData): ApplicantData {
  return { ...a, idNumber: maskNumber(a.idNumber), phone: a.phone ? maskNumber(normalisePhone(a.phone)) : '' };
}

// Tracking codes and secrets: no 0/O/1/I/L, so they survive being read aloud and copied by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function randomText(n: number): string {
  const bytes = randomBytes(n * 2);
  let out = '';
  for (let i = 0; out.length < n; i++) {
    const v = bytes[i % bytes.length]!;
    // 31 symbols: reject the top of the byte range to keep the draw uniform.
    if (v < 248) out += ALPHABET[v % 31];
    if (i > n * 8) break;
  }
  return out;
}

/** The 受理编号 on the 回执: YS + date of submission + 6 random characters. Not enough alone to read the case. */
export function newTrackingCode(day: string): string {
  return `YS${day.replaceAll('-', '')}${randomText(6)}`;
}

/** The applicant's secret (查询密码): 16 characters (~79 bits), shown once on the 回执, stored hashed. */
export function newCaseSecret(): string {
  return randomText(16).replace(/(.{4})(?!$)/g, '$1-');
}

export const normaliseSecret = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
export const normaliseTrackingCode = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
