/**
 * Dates as Chinese documents print them: `2026年1月15日`, `2026-01-15`, `2026.1.15`, `2026/1/15` and
 * `二〇二六年一月十五日`. Returns ISO `YYYY-MM-DD`, or null when the text is not a valid calendar date.
 */
const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  O: 0,
  o: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function chineseNumber(text: string): number | null {
  // 十 = 10, 十五 = 15, 二十 = 20, 二十一 = 21, 三十一 = 31
  if (/^[〇零一二三四五六七八九]$/.test(text)) return DIGITS[text] ?? null;
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(text);
  if (!m) return null;
  return (m[1] ? (DIGITS[m[1]] ?? 0) : 1) * 10 + (m[2] ? (DIGITS[m[2]] ?? 0) : 0);
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2100) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ARABIC = /(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?/;
const CHINESE = /([〇零一二三四五六七八九Oo]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/;

/** Finds the first date in the text. */
export function parseChineseDate(text: string): string | null {
  const t = text.normalize('NFKC');
  const a = ARABIC.exec(t);
  if (a) return isoDate(Number(a[1]), Number(a[2]), Number(a[3]));
  const c = CHINESE.exec(t);
  if (c) {
    const year = [...(c[1] ?? '')].reduce((acc, ch) => acc * 10 + (DIGITS[ch] ?? 0), 0);
    const month = chineseNumber(c[2] ?? '');
    const day = chineseNumber(c[3] ?? '');
    if (month === null || day === null) return null;
    return isoDate(year, month, day);
  }
  return null;
}

/** `2026年1月20日` as people read it. */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
