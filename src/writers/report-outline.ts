/**
 * What every writer prints, in reading order: title, 发布时间, the six sections (heading, narrative lines, table)
 * and the 落款. The HTML, text, DOCX and XLSX writers all walk this one outline, so they print the same things in
 * the same order and a reader of any of them can give back the same JSON (docs/writers.md).
 */
import { SECTION_NUMBERS, SECTION_TITLES, type SectionNumber } from '../core/report/layout.ts';
import type { Report } from '../core/report/report-schema.ts';
import { reportTables, type ReportTable } from './report-tables.ts';

export interface OutlineSection {
  number: SectionNumber;
  heading: string;
  /** The narrative text line by line; an empty text has no lines (so '' and '\n' stay distinct). */
  lines: string[];
  table: ReportTable | null;
}

export interface ReportOutline {
  title: string;
  /** 发布时间, shown to the minute in Beijing time; `datetime` keeps the JSON value exactly. */
  published: { text: string; datetime: string } | null;
  sections: OutlineSection[];
  /** 落款: agency on one line, the date as 2026年1月15日 on the next; either may be absent. */
  signature: { agency: string | null; date: { text: string; iso: string } | null };
}

export function reportOutline(report: Report): ReportOutline {
  const tables = new Map(reportTables(report).map((t) => [t.section, t]));
  return {
    title: displayTitle(report),
    published:
      report.publishedAt === null
        ? null
        : { text: formatPublishedAt(report.publishedAt), datetime: report.publishedAt },
    sections: SECTION_NUMBERS.map((number) => ({
      number,
      heading: SECTION_TITLES[number],
      lines: sectionLines(report.sections[number]),
      table: tables.get(number) ?? null,
    })),
    signature: {
      agency: report.agency === null || report.agency === '' ? null : report.agency,
      date: report.dated === null ? null : { text: formatChineseDate(report.dated), iso: report.dated },
    },
  };
}

/** A report read from a defective page can lack a title; the page still needs one, built from what is known. */
export function displayTitle(report: Report): string {
  if (report.title !== null && report.title.trim() !== '') return report.title;
  return `${report.agency ?? ''}${report.year === null ? '' : `${report.year}年`}政府信息公开工作年度报告`;
}

/** '' → no line at all; otherwise one line per '\n'-separated piece, empty lines included. */
export function sectionLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** 2026-01-15 → 2026年1月15日 (the 落款 form: no leading zeros). */
export function formatChineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * 2026-01-20T14:26:00+08:00 → 2026-01-20 14:26. Pages show Beijing time without a zone, and a reader takes the
 * shown time as +08:00, so a time given in another zone is converted rather than printed as written.
 */
export function formatPublishedAt(iso: string): string {
  const m = ISO_DATE_TIME.exec(iso);
  if (m === null) return iso;
  const [, y, mo, d, h, mi, s, zone, sign, oh, om] = m;
  const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const beijing = new Date(utc - offsetMinutes * 60_000 + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${String(beijing.getUTCFullYear()).padStart(4, '0')}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())} ` +
    `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}`
  );
}
