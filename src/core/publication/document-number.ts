/**
 * 文号 (发文字号): `机关代字〔年份〕序号号`, e.g. 锡滨政办发〔2025〕12号 — GB/T 9704-2012 §7.2.4: the year in full
 * in 六角括号 〔〕, the serial without leading zeros and without 第, ending in 号. 规章 carry a 令 number instead
 * (无锡市人民政府令第188号, 国务院令第711号), which is accepted as the `decree` form.
 *
 * checkDocumentNumber reads what staff actually type — 【】, [], (), （）, ［］ and the look-alike ﹝﹞ for the
 * brackets, two-digit or Chinese-numeral years, 012号, 第12号, full-width digits, stray blanks — and returns each
 * deviation as a finding at its exact place, with the whole number corrected when a correction is certain.
 */
import type { TextFinding } from './text-finding.ts';

export interface DocumentNumber {
  form: 'standard' | 'decree';
  /** 机关代字 (standard) or the 令 name (decree, e.g. 无锡市人民政府令). */
  issuerCode: string;
  /** Absent for the decree form. */
  year?: number;
  serial: number;
}

export interface DocumentNumberCheck {
  /** The number as understood, when the text can be read as a 文号 at all. */
  value: DocumentNumber | null;
  /** Empty when the text is a correct 文号. */
  findings: TextFinding[];
  /** The canonical spelling, when the text had fixable problems. */
  corrected?: string;
}

export interface DocumentNumberOptions {
  /** The current year (from the clock); the 文号 year may not be later. */
  currentYear?: number;
  /** The item's 成文日期 (ISO): a 文号 is numbered in the year the document is issued. */
  writtenOn?: string;
}

const OPEN = '〔【[(（［﹝〖「{';
const CLOSE = '〕】])）］﹞〗」}';
const BRACKET_NAMES: Record<string, string> = {
  '【': '方头括号“【】”',
  '】': '方头括号“【】”',
  '[': '半角方括号“[]”',
  ']': '半角方括号“[]”',
  '(': '半角圆括号“()”',
  ')': '半角圆括号“()”',
  '（': '全角圆括号“（）”',
  '）': '全角圆括号“（）”',
  '［': '全角方括号“［］”',
  '］': '全角方括号“［］”',
  '﹝': '小六角括号“﹝﹞”（形似而编码不同）',
  '﹞': '小六角括号“﹝﹞”（形似而编码不同）',
  '〖': '空心方头括号“〖〗”',
  '〗': '空心方头括号“〖〗”',
  '「': '直角引号“「」”',
  '」': '直角引号“「」”',
  '{': '花括号“{}”',
  '}': '花括号“{}”',
};

const CN_DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  O: 0,
  o: 0,
  '○': 0,
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
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二〇二五 → 2025, 十二 → 12, 一百零三 → 103; null when it is not a Chinese numeral. */
export function chineseNumeralValue(text: string): number | null {
  if (text === '') return null;
  if ([...text].every((c) => c in CN_DIGIT)) {
    return Number([...text].map((c) => CN_DIGIT[c]).join(''));
  }
  let total = 0;
  let pending = 0;
  for (const c of text) {
    if (c in CN_DIGIT) pending = CN_DIGIT[c] ?? 0;
    else if (c in CN_UNIT) {
      total += (pending === 0 && total === 0 ? 1 : pending) * (CN_UNIT[c] ?? 1);
      pending = 0;
    } else return null;
  }
  return total + pending;
}

function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const SPACE = /[\s\u3000]/;
const DIGITS = '[0-9０-９]';
const CN_NUM = '[〇零○Oo一二三四五六七八九十百千]';
const STANDARD = new RegExp(
  `^(.+?)([${OPEN.replace(/[[\](){}]/g, '\\$&')}])(${DIGITS}+|${CN_NUM}+)([${CLOSE.replace(/[[\](){}]/g, '\\$&')}])(第)?(${DIGITS}+|${CN_NUM}+)(号)?$`,
);
const DECREE = new RegExp(`^(.+?令)(第)?(${DIGITS}+|${CN_NUM}+)(号)?$`);

export function checkDocumentNumber(input: string, options: DocumentNumberOptions = {}): DocumentNumberCheck {
  const findings: TextFinding[] = [];
  const add = (level: 'error' | 'warning', offset: number, length: number, message: string, suggestion?: string) => {
    const f: TextFinding = { code: 'DOC_NUMBER', level, offset, length, message };
    if (suggestion !== undefined) f.suggestion = suggestion;
    findings.push(f);
  };

  if (input.trim() === '') {
    add('error', 0, input.length, '文号为空');
    return { value: null, findings };
  }
  // Blanks are reported where they are, then ignored for reading: "锡滨政办发 〔2025〕 12 号".
  const kept: number[] = []; // index in `input` of each character kept
  for (let i = 0; i < input.length; i++) {
    if (SPACE.test(input[i] ?? '')) add('warning', i, 1, '文号中不应有空格', '');
    else kept.push(i);
  }
  const text = kept.map((i) => input[i]).join('');
  const at = (i: number) => kept[i] ?? input.length;
  const span = (from: number, length: number): [number, number] => {
    const start = at(from);
    const end = length === 0 ? start : (kept[from + length - 1] ?? input.length - 1) + 1;
    return [start, end - start];
  };

  const std = STANDARD.exec(text);
  const decree = std ? null : DECREE.exec(text);
  if (!std && !decree) {
    add(
      'error',
      0,
      input.length,
      '无法识别为文号：应为“机关代字〔年份〕序号号”（如 锡滨政办发〔2025〕12号）或“××令第×号”',
    );
    return { value: null, findings };
  }

  let pos = 0;
  const parts: string[] = [];
  // The serial: digits, no leading zero, Arabic, not preceded by 第 (except in a 令 number).
  const readSerial = (raw: string, from: number, isDecree: boolean): number | null => {
    const [off, len] = span(from, raw.length);
    const ascii = asciiDigits(raw);
    let value: number | null;
    if (/^[0-9]+$/.test(ascii)) {
      value = Number(ascii);
      if (ascii !== raw) add('warning', off, len, '序号应使用半角阿拉伯数字', String(value));
      else if (/^0\d/.test(ascii) && value > 0) add('error', off, len, '序号不应有前导零', String(value));
    } else {
      value = chineseNumeralValue(raw);
      if (value !== null) add('error', off, len, '序号应使用阿拉伯数字', String(value));
    }
    if (value === null || value < 1 || !Number.isSafeInteger(value)) {
      add('error', off, len, '序号应为正整数');
      return null;
    }
    if (isDecree) parts.push(`第${value}`);
    else parts.push(String(value));
    return value;
  };
  const readHao = (hao: string | undefined, end: number) => {
    if (hao === undefined) {
      const [off] = span(end, 0);
      add('error', off, 0, '文号应以“号”结尾', '号');
    }
    parts.push('号');
  };

  if (std) {
    const [, issuer = '', open = '', yearRaw = '', close = '', di, serialRaw = '', hao] = std;
    if (/[〔〕]/.test(issuer)) {
      add('error', ...span(0, issuer.length), '机关代字中不应出现六角括号');
    }
    parts.push(issuer);
    pos = issuer.length;
    if (open !== '〔')
      add('error', ...span(pos, 1), `年份应使用六角括号“〔〕”，不应使用${BRACKET_NAMES[open] ?? open}`, '〔');
    parts.push('〔');
    pos += 1;

    const [yOff, yLen] = span(pos, yearRaw.length);
    const yearAscii = asciiDigits(yearRaw);
    let year: number | null = null;
    if (/^[0-9]+$/.test(yearAscii)) {
      if (yearAscii.length === 4) {
        year = Number(yearAscii);
        if (yearAscii !== yearRaw) add('warning', yOff, yLen, '年份应使用半角阿拉伯数字', yearAscii);
      } else if (yearAscii.length === 2) {
        year = 2000 + Number(yearAscii);
        add('error', yOff, yLen, '年份应写全四位，不能简写', String(year));
      } else {
        add('error', yOff, yLen, '年份应为四位数字');
      }
    } else {
      const v = chineseNumeralValue(yearRaw);
      if (v !== null && v >= 1000) {
        year = v;
        add('error', yOff, yLen, '年份应使用阿拉伯数字', String(v));
      } else {
        add('error', yOff, yLen, '年份应为四位阿拉伯数字');
      }
    }
    if (year !== null) {
      if (year < 1949) {
        add('error', yOff, yLen, `年份 ${year} 不合理`);
        year = null;
      } else if (options.currentYear !== undefined && year > options.currentYear) {
        add('error', yOff, yLen, `年份 ${year} 晚于当前年份 ${options.currentYear}`);
      } else if (options.writtenOn && Number(options.writtenOn.slice(0, 4)) !== year) {
        add('warning', yOff, yLen, `年份与成文日期（${options.writtenOn}）所在年份不一致`);
      }
    }
    parts.push(year === null ? yearRaw : String(year));
    pos += yearRaw.length;

    if (close !== '〕')
      add('error', ...span(pos, 1), `年份应使用六角括号“〔〕”，不应使用${BRACKET_NAMES[close] ?? close}`, '〕');
    parts.push('〕');
    pos += 1;
    if (di) {
      add('error', ...span(pos, 1), '文号的序号前不加“第”', '');
      pos += 1;
    }
    const serial = readSerial(serialRaw, pos, false);
    pos += serialRaw.length;
    readHao(hao, pos);
    return finish(
      year !== null && serial !== null ? { form: 'standard', issuerCode: issuer, year, serial } : null,
      findings,
      parts.join(''),
      input,
    );
  }

  const [, issuer = '', di, serialRaw = '', hao] = decree ?? [];
  parts.push(issuer);
  pos = issuer.length;
  if (!di) add('warning', ...span(pos, 0), '令号一般写作“××令第×号”', '第');
  else pos += 1;
  const serial = readSerial(serialRaw, pos, true);
  pos += serialRaw.length;
  readHao(hao, pos);
  return finish(
    serial !== null ? { form: 'decree', issuerCode: issuer, serial } : null,
    findings,
    parts.join(''),
    input,
  );
}

function finish(
  value: DocumentNumber | null,
  findings: TextFinding[],
  corrected: string,
  input: string,
): DocumentNumberCheck {
  findings.sort((a, b) => a.offset - b.offset);
  const result: DocumentNumberCheck = { value, findings };
  if (findings.length > 0 && value !== null && corrected !== input) result.corrected = corrected;
  return result;
}

/** The canonical spelling of a 文号, as stored and shown. */
export function formatDocumentNumber(n: DocumentNumber): string {
  return n.form === 'decree' ? `${n.issuerCode}第${n.serial}号` : `${n.issuerCode}〔${n.year}〕${n.serial}号`;
}
