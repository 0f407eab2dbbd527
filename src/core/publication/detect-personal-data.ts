/**
 * Personal data that must not be published (条例第十五条; inspections punish leaked ID numbers): 公民身份号码,
 * mobile numbers, bank card numbers and personal e-mail addresses. Each finding carries a masked form as the
 * suggested correction — the masking the 行政处罚/许可 publicity rules use (身份证号 hides the birth date, digits
 * 7–14; a mobile number its middle four digits; a bank card all but the last four).
 *
 * Decided on purpose (docs/publication.md):
 *  - landline numbers (0510-85123456, 12345, 400 numbers) are NOT flagged: offices must publish them (条例第十二条
 *    requires the 指南 to give the office's phone and fax);
 *  - a mobile number or account right after 联系电话 / 咨询电话 / 举报电话 / 开户行 / 户名 … is a warning, not an
 *    error: it may be a deliberate work contact or the agency's own account, but a person must confirm;
 *  - numbers inside URLs, file names, 索引号 (`…/2025-00012`) and e-mail addresses are not personal data;
 *    文号, dates and amounts never have the length or shape of these numbers;
 *  - e-mail under .gov.cn is a public office address; any other domain is a warning.
 */
import { classifyIdCardNumber, luhnValid } from './id-card-number.ts';
import { sortFindings, type TextFinding } from './text-finding.ts';

export interface PersonalDataOptions {
  /** Today (ISO), to reject "birth dates" in the future. */
  today?: string;
}

const BEFORE_URLISH = /[/\\=_.%#&?@A-Za-z0-9]/;
const AFTER_URLISH = /[/\\_%#&@A-Za-z0-9]/;
const CONTACT_CONTEXT = /(联系|咨询|举报|投诉|监督|服务|值班|办公)(电话|热线|方式|手机)|热线|电话|传真/;
const ACCOUNT_CONTEXT = /开户|户名|对公|收款|账号|帐号|缴款|汇款/;
const CONTEXT_WINDOW = 12;

function isolated(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before !== undefined && BEFORE_URLISH.test(before)) return false;
  if (after !== undefined && AFTER_URLISH.test(after)) return false;
  // 索引号: the agency code is followed by "/year-serial"; a hyphen-joined digit run continues a longer number.
  if (after === '-' && /\d/.test(text[end + 1] ?? '')) return false;
  if (before === '-' && /\d/.test(text[start - 2] ?? '')) return false;
  return true;
}

function contextBefore(text: string, start: number): string {
  return text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
}

export function maskIdCardNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : `${id.slice(0, 6)}******${id.slice(12)}`;
}

export function maskMobileNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '').slice(-11);
  return `${digits.slice(0, 3)}****${digits.slice(7)}`;
}

export function maskBankCard(digits: string): string {
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

export function detectPersonalData(text: string, options: PersonalDataOptions = {}): TextFinding[] {
  const findings: TextFinding[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const add = (f: TextFinding) => {
    findings.push(f);
    taken.push([f.offset, f.offset + f.length]);
  };

  for (const m of text.matchAll(/\d{17}[\dXx]|\d{15}/g)) {
    const start = m.index;
    const raw = m[0];
    if (!isolated(text, start, start + raw.length)) continue;
    const verdict = classifyIdCardNumber(raw, options.today);
    if (verdict === 'no') continue;
    const masked = maskIdCardNumber(raw.toUpperCase());
    add({
      code: 'ID_CARD_NUMBER',
      level: verdict === 'valid' ? 'error' : 'warning',
      offset: start,
      length: raw.length,
      message:
        verdict === 'valid'
          ? `含有公民身份号码（${masked}），属于个人信息，公开前须删除或隐去出生日期`
          : verdict === 'legacy'
            ? `疑似15位旧版公民身份号码（${masked}），请确认后删除或遮盖`
            : `疑似公民身份号码（${masked}，校验位不符），请确认后删除或遮盖`,
      suggestion: masked,
    });
  }

  for (const m of text.matchAll(/(?:(?:\+|00)86[ \u00a0-]?)?1[3-9]\d(?:[ \u00a0-]?\d{4}){2}/g)) {
    const start = m.index;
    const raw = m[0];
    const end = start + raw.length;
    if (!isolated(text, start, end) || !free(start, end)) continue;
    const contact = CONTACT_CONTEXT.test(contextBefore(text, start));
    const masked = maskMobileNumber(raw);
    add({
      code: 'MOBILE_NUMBER',
      level: contact ? 'warning' : 'error',
      offset: start,
      length: raw.length,
      message: contact
        ? `含有手机号码（${masked}），如为公开的工作联系电话可保留，个人手机号须删除或遮盖`
        : `含有手机号码（${masked}），属于个人信息，公开前须删除或遮盖`,
      suggestion: masked,
    });
  }

  for (const m of text.matchAll(/[3-6]\d{3}(?:[ \u00a0-]?\d{4}){2,3}(?:[ \u00a0-]?\d{1,3})?|[3-6]\d{12,18}/g)) {
    const start = m.index;
    const raw = m[0];
    const end = start + raw.length;
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
    if (!isolated(text, start, end) || !free(start, end)) continue;
    const account = ACCOUNT_CONTEXT.test(contextBefore(text, start));
    const masked = maskBankCard(digits);
    add({
      code: 'BANK_CARD_NUMBER',
      level: account ? 'warning' : 'error',
      offset: start,
      length: raw.length,
      message: account
        ? `含有银行账号（${masked}），如为单位对公账户可保留，个人银行卡号须删除或遮盖`
        : `疑似银行卡号（${masked}），属于个人信息，公开前须删除或遮盖`,
      suggestion: masked,
    });
  }

  for (const { start, end, domain } of emailAddresses(text)) {
    if (domain === 'gov.cn' || domain.endsWith('.gov.cn')) continue;
    if (!free(start, end)) continue;
    const raw = text.slice(start, end);
    add({
      code: 'PERSONAL_EMAIL',
      level: 'warning',
      offset: start,
      length: end - start,
      message: `含有电子邮箱（${raw.replace(/^(.).*(@.*)$/, '$1***$2')}），如为单位公开的联系邮箱可保留，个人邮箱须删除`,
    });
  }
  return sortFindings(findings);
}

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/**
 * E-mail addresses found from each "@" outwards — linear in the text, unlike a regular expression that starts
 * over at every letter of a long run without "@".
 */
function* emailAddresses(text: string): Generator<{ start: number; end: number; domain: string }> {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
    let end = at + 1;
    while (end < text.length && end - at < 255 && /[A-Za-z0-9.-]/.test(text[end] ?? '')) end++;
    while (end > at + 1 && text[end - 1] === '.') end--; // a full stop after the address
    const domain = text.slice(at + 1, end).toLowerCase();
    if (start === at || !DOMAIN.test(domain)) continue;
    yield { start, end, domain };
  }
}
