/**
 * Finds the six section headings of the report (条例第五十条 fixes them) in a document, and headings that
 * repeat the template's numbering inside a section (a defect seen in real reports: a narrative sub-heading
 * `二、深化认识…` inside 一、总体情况).
 */
import type { SourceLocation } from '../check/finding.ts';
import { SECTION_NUMBERS, SECTION_TITLES, type SectionNumber } from '../report/layout.ts';
import type { DocBlock } from './report-document.ts';
import { normalizeLabel } from './normalize-label.ts';

const SECTION_KEYS: Record<SectionNumber, RegExp> = {
  '1': /总体情况/,
  '2': /主动公开政府信息/,
  '3': /(收到|受理)和?处理政府信息公开申请/,
  '4': /行政复议.*行政诉讼|复议.*诉讼情况/,
  '5': /存在的?主要问题/,
  '6': /其他需要报告的事项/,
};

const HEADING_MAX_LENGTH = 32;
const NUMBERED = /^([一二三四五六七八九十]+)、/;

export interface SectionHeading {
  section: SectionNumber;
  blockIndex: number;
  text: string;
  source: SourceLocation;
}

export interface StrayHeading {
  blockIndex: number;
  numeral: string;
  text: string;
  source: SourceLocation;
}

export interface SectionLayout {
  /** First heading of each section found, in document order of discovery. */
  headings: Partial<Record<SectionNumber, SectionHeading>>;
  /** Template headings that appear more than once. */
  repeated: SectionHeading[];
  /** Numbered headings (`二、…`) that are not template headings, in narrative sections. */
  stray: StrayHeading[];
  /** Block index ranges [start, end) of each found section's content. */
  ranges: Partial<Record<SectionNumber, { start: number; end: number }>>;
  /** Index of the first section heading (the end of the title/preamble area). */
  bodyStart: number;
}

/** Edit distance of two short strings (Levenshtein), stopping early past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const TITLE_BODIES = SECTION_NUMBERS.map((s) => normalizeLabel(SECTION_TITLES[s]).replace(NUMBERED, ''));

/**
 * A heading with a typo (a character too many, too few or wrong: 三、收到和处理政府信息息公开申请情况) is still its
 * section's heading when it carries that section's numeral and is within one edit (two for long titles) of the
 * template's wording. Without the numeral the wording must be exact, so narrative is never taken for a heading.
 */
function tolerantHeading(norm: string): SectionNumber | null {
  const m = NUMBERED.exec(norm);
  if (!m) return misnumberedHeading(norm);
  const index = NUMERALS.indexOf(m[1] ?? '');
  if (index < 0) return null;
  const body = norm.slice(m[0].length);
  const title = TITLE_BODIES[index] as string;
  const allowed = title.length >= 10 ? 2 : 1;
  return editDistance(body, title, allowed) <= allowed ? (SECTION_NUMBERS[index] as SectionNumber) : null;
}

/**
 * A heading whose numeral came out as another character (OCR of a scan reads 六 as 入, 三 as 王) but whose wording is
 * exactly the template's: `入、其他需要报告的事项` is the heading of section 六. Exact wording only, so a numbered
 * item of the narrative never passes.
 */
function misnumberedHeading(norm: string): SectionNumber | null {
  const m = /^([^\d\s])、/u.exec(norm);
  if (!m) return null;
  const index = TITLE_BODIES.indexOf(norm.slice(m[0].length));
  return index < 0 ? null : (SECTION_NUMBERS[index] as SectionNumber);
}

/** Whether a line of text is one of the six section headings (tolerating a typo); used by readers too. */
export function sectionOfHeadingText(text: string): SectionNumber | null {
  return headingSection({ kind: 'line', text, source: {} });
}

export function headingSection(block: DocBlock): SectionNumber | null {
  if (block.kind !== 'line') return null;
  const norm = normalizeLabel(block.text);
  if (norm.length > HEADING_MAX_LENGTH || /[。，,；;:]/.test(norm)) return null;
  const tolerant = tolerantHeading(norm);
  if (tolerant) return tolerant;
  for (const section of SECTION_NUMBERS) {
    if (!SECTION_KEYS[section].test(norm)) continue;
    // A heading carries the template's numbering (一、) or is the bare title; `存在的主要问题：` inside
    // section 五 is a sub-heading, not a second section 五.
    if (
      NUMBERED.test(norm) ||
      /^[一二三四五六]\./.test(norm) ||
      normalizeLabel(SECTION_TITLES[section]).endsWith(norm)
    ) {
      return section;
    }
  }
  return null;
}

export function findSections(blocks: DocBlock[]): SectionLayout {
  const headings: SectionLayout['headings'] = {};
  const repeated: SectionHeading[] = [];
  const found: SectionHeading[] = [];
  blocks.forEach((block, blockIndex) => {
    const section = headingSection(block);
    if (!section || block.kind !== 'line') return;
    const heading = { section, blockIndex, text: block.text, source: block.source };
    if (headings[section]) repeated.push(heading);
    else {
      headings[section] = heading;
      found.push(heading);
    }
  });
  const ordered = [...found].sort((a, b) => a.blockIndex - b.blockIndex);
  const ranges: SectionLayout['ranges'] = {};
  ordered.forEach((heading, i) => {
    const next = ordered[i + 1];
    ranges[heading.section] = { start: heading.blockIndex + 1, end: next ? next.blockIndex : blocks.length };
  });
  const stray: StrayHeading[] = [];
  for (const section of ['1', '5', '6'] as const) {
    const range = ranges[section];
    if (!range) continue;
    for (let i = range.start; i < range.end; i++) {
      const block = blocks[i];
      if (!block || block.kind !== 'line') continue;
      const norm = normalizeLabel(block.text);
      const m = NUMBERED.exec(norm);
      if (!m || norm.length > HEADING_MAX_LENGTH) continue;
      stray.push({ blockIndex: i, numeral: m[1] ?? '', text: block.text, source: block.source });
    }
  }
  return { headings, repeated, stray, ranges, bodyStart: ordered[0]?.blockIndex ?? blocks.length };
}
