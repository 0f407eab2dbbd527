/**
 * 索引号: the identifier every published item carries, `机构代码/年份-流水号` as on real portals —
 * `000014349/2018-00222` (组织机构代码, yearly serial) or `11341702486344515H/202110-00013` (统一社会信用代码,
 * monthly serial). The serial is at least five digits, zero-padded.
 *
 * The rule for allocating serials (implemented by the storage layer, which alone can make it atomic):
 *  - one counter per (agency code, period) — `indexCounterKey`; the next serial is the counter plus one, taken
 *    and stored in the same transaction that publishes the item, so two app servers never hand out the same one;
 *  - a serial is never reused: withdrawing an item keeps its 索引号, a revision published as a new item gets a
 *    new one, and a failed transaction may leave a gap (gaps are allowed, duplicates are not);
 *  - the period comes from `indexNumberDate`: the 成文日期 when the item has one (the information's own year, so
 *    a document signed on 30 December and published on 3 January is numbered in its own year), else the 发布日期.
 */
import { agencyCodeProblem } from '../platform/credit-code.ts';
import { parseIsoDate } from './plain-date.ts';

export type IndexPeriodGranularity = 'year' | 'month';

export interface IndexNumber {
  agencyCode: string;
  year: number;
  /** Present for agencies that number per month (`YYYYMM`). */
  month?: number;
  serial: number;
}

export const INDEX_SERIAL_DIGITS = 5;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const AGENCY_CODE = /^[0-9A-Z][0-9A-Z-]{0,31}$/;
const INDEX_NUMBER = /^([0-9A-Z][0-9A-Z-]{0,31})\/(\d{4})(\d{2})?-(\d{4,9})$/;

/** The date whose year (and month) number the item: 成文日期 if any, else 发布日期. */
export function indexNumberDate(item: { writtenOn?: string | null; publishedOn: string }): string {
  return item.writtenOn ?? item.publishedOn;
}

/** `2025` or `202510`: the period part of a 索引号 for an item dated `date` (ISO). */
export function indexNumberPeriod(date: string, granularity: IndexPeriodGranularity): string {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`索引号日期无效：${date}`);
  return granularity === 'year' ? String(d.year) : `${d.year}${String(d.month).padStart(2, '0')}`;
}

/** The name of the counter a serial is drawn from. */
export function indexCounterKey(agencyCode: string, period: string): string {
  return `${agencyCode}/${period}`;
}

export function formatIndexNumber(n: IndexNumber): string {
  const problem = indexNumberValueProblem(n);
  if (problem) throw new RangeError(problem);
  const period = n.month === undefined ? String(n.year) : `${n.year}${String(n.month).padStart(2, '0')}`;
  return `${n.agencyCode}/${period}-${String(n.serial).padStart(INDEX_SERIAL_DIGITS, '0')}`;
}

function indexNumberValueProblem(n: IndexNumber): string | null {
  if (!AGENCY_CODE.test(n.agencyCode)) return '索引号的机构代码只能由数字、大写字母和连字符组成';
  if (!Number.isInteger(n.year) || n.year < MIN_YEAR || n.year > MAX_YEAR) {
    return `索引号的年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`;
  }
  if (n.month !== undefined && (!Number.isInteger(n.month) || n.month < 1 || n.month > 12)) {
    return '索引号的月份应在 01–12 之间';
  }
  if (!Number.isSafeInteger(n.serial) || n.serial < 1) return '索引号的流水号应为正整数';
  if (String(n.serial).length > 9) return '索引号的流水号过长';
  return null;
}

/**
 * What people type or paste into a search box: full-width characters, a Chinese slash or dash, blanks, lower
 * case. Returns the canonical spelling to compare with stored numbers (which are always canonical).
 */
export function normalizeIndexNumber(text: string): string {
  return text
    .normalize('NFKC') // full-width digits, letters, ／ and － become ASCII
    .replace(/[\s\u3000]+/g, '')
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63]/g, '-')
    .toUpperCase();
}

export type IndexNumberParse = { ok: true; value: IndexNumber } | { ok: false; message: string };

/** Parses a canonical 索引号 (run normalizeIndexNumber first on user input). */
export function parseIndexNumber(text: string): IndexNumberParse {
  const m = INDEX_NUMBER.exec(text);
  if (!m) {
    return { ok: false, message: '索引号格式应为“机构代码/年份-流水号”，如 000014349/2018-00222' };
  }
  const value: IndexNumber = { agencyCode: m[1] ?? '', year: Number(m[2]), serial: Number(m[4]) };
  if (m[3] !== undefined) value.month = Number(m[3]);
  const problem = indexNumberValueProblem(value);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

/**
 * Problems of a 索引号 as Chinese messages (empty when fine): the format, and whether the agency code is a valid
 * 统一社会信用代码 or 组织机构代码 (a typo there spreads to every item, so it is checked with its check character).
 */
export function indexNumberProblems(text: string): string[] {
  const parsed = parseIndexNumber(text);
  if (!parsed.ok) return [parsed.message];
  const code = agencyCodeProblem(parsed.value.agencyCode);
  return code ? [`索引号的${code}`] : [];
}
