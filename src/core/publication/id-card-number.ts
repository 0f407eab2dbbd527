/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, and a check character
 * by ISO 7064 MOD 11-2 (`X` for 10). The 15-digit numbers issued before 1999 have a 6-digit birth date (19YYMMDD)
 * and no check character. Residence permits of Hong Kong, Macao and Taiwan residents (81/82/83) and the foreign
 * permanent residence card of 2023 (first digit 9) use the same layout.
 */
import { isRealDate } from './plain-date.ts';

const PROVINCE = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character (0-9 or X) for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

function plausibleRegion(digits: string): boolean {
  return PROVINCE.has(digits.slice(0, 2)) || digits[0] === '9';
}

/** The birth date (ISO) a number carries, if it is a real date not after `today` and not before 1900. */
function birthDate(y: number, m: number, d: number, today?: string): string | null {
  if (y < 1900 || !isRealDate(y, m, d)) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (today !== undefined && iso > today) return null;
  return iso;
}

export type IdCardVerdict =
  /** 18 digits, plausible region and birth date, correct check character. */
  | 'valid'
  /** 18 digits, plausible region and birth date, wrong check character (a typo, or a leaked number). */
  | 'bad-check'
  /** 15 digits, plausible region and birth date (no check character exists). */
  | 'legacy'
  /** Not a 身份证号. */
  | 'no';

export function classifyIdCardNumber(text: string, today?: string): IdCardVerdict {
  const upper = text.toUpperCase();
  if (/^\d{17}[\dX]$/.test(upper)) {
    if (!plausibleRegion(upper)) return 'no';
    if (!birthDate(Number(upper.slice(6, 10)), Number(upper.slice(10, 12)), Number(upper.slice(12, 14)), today)) {
      return 'no';
    }
    return idCardCheckChar(upper) === upper[17] ? 'valid' : 'bad-check';
  }
  if (/^\d{15}$/.test(upper)) {
    if (!PROVINCE.has(upper.slice(0, 2))) return 'no';
    const y = 1900 + Number(upper.slice(6, 8));
    return birthDate(y, Number(upper.slice(8, 10)), Number(upper.slice(10, 12)), today) ? 'legacy' : 'no';
  }
  return 'no';
}

export function isValidIdCardNumber(text: string, today?: string): boolean {
  return classifyIdCardNumber(text, today) === 'valid';
}

/** The Luhn check of bank card numbers (ISO/IEC 7812). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
