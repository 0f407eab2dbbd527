/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the alphabet below, the last a check character.
 * 组织机构代码 (GB 11714-1997): 8 digits/letters, a hyphen optional, and a check character (0-9 or X).
 * Agencies' codes appear in every 索引号, so a typo would spread to every published item.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a 统一社会信用代码, or null if they are not valid. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = alphabet.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * (weights[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return alphabet[c] ?? null;
}

export function isValidCreditCode(code: string): boolean {
  if (code.length !== 18) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

export function isValidOrgCode(code: string): boolean {
  const m = /^([0-9A-Z]{8})-?([0-9X])$/.exec(code);
  if (!m) return false;
  const body = m[1] ?? '';
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i] ?? '';
    const v = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (orgWeights[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  const expected = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  return m[2] === expected;
}

/** A Chinese message if `code` is neither a valid 统一社会信用代码 nor 组织机构代码, else null. */
export function agencyCodeProblem(code: string): string | null {
  if (isValidCreditCode(code) || isValidOrgCode(code)) return null;
  return '机构代码须为有效的18位统一社会信用代码或9位组织机构代码（校验位不符）';
}
