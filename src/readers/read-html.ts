/**
 * HTML pages (a government site's article page, a saved web page, Word's "save as HTML") → ReportDocument.
 *
 * One streaming pass with htmlparser2: no DOM is built, so a seed-sized page reads in about a millisecond.
 * Tables become `row` blocks, block elements become `line` blocks, site chrome is dropped (see
 * clean-chrome-line.ts and the region rules below). Sources carry the HTML line of the element.
 */
import { type Handler, Parser } from 'htmlparser2';
import type { ReportDocument } from '../core/read/report-document.ts';
import { cleanChromeLine } from './clean-chrome-line.ts';
import { DocAssembler } from './doc-assembler.ts';

/** What an element means to the reader; tags not listed are inline and only pass their text through. */
const enum Role {
  Skip = 1,
  Table,
  Row,
  Cell,
  Block,
  Break,
}

/**
 * Subtrees that never hold report content (`title` duplicates the page heading; `nav` is site navigation),
 * table parts, and block elements (each one ends a line).
 */
const ROLES = new Map<string, Role>([
  ...[
    'script',
    'style',
    'noscript',
    'template',
    'title',
    'select',
    'button',
    'textarea',
    'iframe',
    'object',
    'svg',
    'math',
    'map',
    'datalist',
    'nav',
  ].map((tag): [string, Role] => [tag, Role.Skip]),
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'body',
    'caption',
    'center',
    'dd',
    'details',
    'dialog',
    'dir',
    'div',
    'dl',
    'dt',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'header',
    'hgroup',
    'hr',
    'html',
    'legend',
    'li',
    'main',
    'menu',
    'ol',
    'p',
    'pre',
    'section',
    'summary',
    'ul',
  ].map((tag): [string, Role] => [tag, Role.Block]),
  ['table', Role.Table],
  ['tr', Role.Row],
  ['td', Role.Cell],
  ['th', Role.Cell],
  ['br', Role.Break],
]);

/** class/id tokens of navigation widgets: the subtree is dropped. */
const CHROME_NAME =
  /(?:^|[-_])(?:nav|navbar|navigation|menu|mainmenu|breadcrumbs?|bread|crumbs?|share|bdsharebuttonbox|qrcode|ewm|search|searchbox|login|skip)(?:$|[-_\d])/i;
/** class/id tokens of page regions that are usually chrome but sometimes hold the title or 发布时间. */
const HEADER_NAME = /^(?:header|footer|head|foot|top|bottom|topbar|toolbar|tools|copyright|position|location)$/i;
const SIDEBAR_NAME = /^(?:sidebar|side|aside|related|relate)$/i;

/** What keeps a header/footer region: the article's own metadata or title. */
const ARTICLE_META = /发布时间|发布日期|发文日期|成文日期|\d{4}\s*年.{0,40}(?:年度报告|年报)/;

type RegionKind = 'header' | 'sidebar';

interface Region {
  depth: number;
  start: number;
  kind: RegionKind;
}

type NameVerdict = 'chrome' | RegionKind | undefined;

/**
 * What the class and id say about an element, cached: pages repeat a few class names (MsoNormal, content)
 * on thousands of elements, so each distinct value is split and matched once.
 */
const nameVerdicts = new Map<string, NameVerdict>();

function nameVerdict(attribs: Record<string, string>): NameVerdict {
  const cls = attribs.class;
  const id = attribs.id;
  if (cls === undefined && id === undefined) return undefined;
  const key = id === undefined ? (cls as string) : `${cls ?? ''}#${id}`;
  if (nameVerdicts.has(key)) return nameVerdicts.get(key);
  const tokens = `${cls ?? ''} ${id ?? ''}`.trim().split(/\s+/);
  let verdict: NameVerdict;
  if (tokens.some((token) => CHROME_NAME.test(token))) verdict = 'chrome';
  else if (tokens.some((token) => HEADER_NAME.test(token))) verdict = 'header';
  else if (tokens.some((token) => SIDEBAR_NAME.test(token))) verdict = 'sidebar';
  if (nameVerdicts.size < 10_000) nameVerdicts.set(key, verdict);
  return verdict;
}

const NON_SPACE = /\S/;

function isHidden(attribs: Record<string, string>): boolean {
  if (attribs.hidden !== undefined) return true;
  const style = attribs.style;
  // Cheap substring test first: most cells of a Word-pasted table carry a long style attribute.
  if (style === undefined || (!style.includes('none') && !style.includes('hidden'))) return false;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function regionKind(name: string, verdict: NameVerdict): RegionKind | undefined {
  if (name === 'header' || name === 'footer') return 'header';
  if (name === 'aside') return 'sidebar';
  return verdict === 'chrome' ? undefined : verdict;
}

function span(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}

/** Offsets of every '\n', so a parser offset maps to a 1-based line by binary search. */
function newlineOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) offsets.push(i);
  return offsets;
}

function lineAt(offsets: number[], index: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((offsets[mid] as number) < index) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Report pages nest a data table in a layout table or two; past this depth tables are flattened to blocks. */
const MAX_TABLE_NESTING = 16;

/** The parser callbacks. A class rather than closures: no function objects are made per element. */
class HtmlWalker implements Partial<Handler> {
  readonly asm = new DocAssembler({ lineFilter: cleanChromeLine });
  private readonly regions: Region[] = [];
  private depth = 0;
  /** Depth of the element whose subtree is being skipped; 0 when not skipping. */
  private skipDepth = 0;
  /** Tables open in the assembler, and tables nested deeper than MAX_TABLE_NESTING read as plain blocks. */
  private tables = 0;
  private flattenedTables = 0;
  parser: Parser | undefined;

  constructor(private readonly offsets: number[]) {}

  private line(): number {
    return lineAt(this.offsets, this.parser?.startIndex ?? 0);
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    this.depth++;
    if (this.skipDepth !== 0) return;
    const role = ROLES.get(name);
    const verdict = nameVerdict(attribs);
    if (role === Role.Skip || verdict === 'chrome' || isHidden(attribs)) {
      this.skipDepth = this.depth;
      return;
    }
    if (role === undefined) return;
    const asm = this.asm;
    const inTable = asm.inTable;
    if (role === Role.Table && this.tables >= MAX_TABLE_NESTING) {
      // Hostile nesting (issue 6, item 10): deeper tables are read as blocks, keeping the reader linear.
      this.flattenedTables++;
      asm.breakLine();
    } else if (role === Role.Table) {
      this.tables++;
      asm.openTable();
    } else if (inTable && role === Role.Row) asm.openRow(this.line());
    else if (inTable && role === Role.Cell) {
      asm.openCell(this.line(), { rowspan: span(attribs.rowspan), colspan: span(attribs.colspan) });
    } else {
      // Blocks, <br>, and table parts outside any table (broken markup) all end the current line.
      asm.breakLine();
      const kind = inTable || role !== Role.Block ? undefined : regionKind(name, verdict);
      if (kind) this.regions.push({ depth: this.depth, start: asm.blockCount, kind });
    }
  }

  ontext(data: string): void {
    if (this.skipDepth !== 0) return;
    const first = data.search(NON_SPACE);
    if (first === -1) this.asm.text(data, undefined);
    else this.asm.text(data, lineAt(this.offsets, (this.parser?.startIndex ?? 0) + first));
  }

  onclosetag(name: string): void {
    const closing = this.depth--;
    if (this.skipDepth !== 0) {
      if (closing === this.skipDepth) this.skipDepth = 0;
      return;
    }
    const role = ROLES.get(name);
    if (role === undefined) return;
    const asm = this.asm;
    if (role === Role.Table && this.flattenedTables > 0) {
      this.flattenedTables--;
      asm.breakLine();
    } else if (role === Role.Table) {
      if (this.tables > 0) this.tables--;
      asm.closeTable();
    } else if (asm.inTable && role === Role.Row) asm.closeRow();
    else if (asm.inTable && role === Role.Cell) asm.closeCell();
    else if (role !== Role.Break) asm.breakLine();
    const region = this.regions[this.regions.length - 1];
    if (region && region.depth === closing) {
      this.regions.pop();
      this.closeRegion(region);
    }
  }

  finish(): ReportDocument {
    for (let region = this.regions.pop(); region; region = this.regions.pop()) this.closeRegion(region);
    return { kind: 'html', blocks: this.asm.finish() };
  }

  /** A header/footer/sidebar region is kept only if it turned out to hold report content. */
  private closeRegion(region: Region): void {
    const asm = this.asm;
    asm.breakLine();
    const blocks = asm.blocksSince(region.start);
    const keep =
      blocks.some((block) => block.kind === 'row') ||
      (region.kind === 'header' && blocks.some((block) => block.kind === 'line' && ARTICLE_META.test(block.text)));
    if (!keep) asm.truncate(region.start);
  }
}

const TABLE_TAG = /<(\/?)(table|thead|tbody|tfoot|tr|td|th)\b[^>]*>/gi;

/**
 * Table markup nested deeper than MAX_TABLE_NESTING is blanked out before parsing (same length, so line numbers
 * stay), its text kept: the parser's cost grows with the nesting depth of every tag, and 1 MB of nested tables
 * took over a minute (issue 6, item 10). One linear pass; pages with few tables are returned as they are.
 */
export function flattenDeepTables(html: string): string {
  let tables = 0;
  for (let i = html.indexOf('<table'); i >= 0 && tables <= MAX_TABLE_NESTING; i = html.indexOf('<table', i + 6))
    tables++;
  if (tables <= MAX_TABLE_NESTING && !/<TABLE/.test(html)) return html;
  let depth = 0;
  return html.replace(TABLE_TAG, (tag, close: string, name: string) => {
    const isTable = name.toLowerCase() === 'table';
    if (isTable && close === '') depth++;
    const deep = depth > MAX_TABLE_NESTING;
    if (isTable && close !== '') depth = Math.max(0, depth - 1);
    return deep ? ' '.repeat(tag.length) : tag;
  });
}

export function readHtml(source: string): ReportDocument {
  const html = flattenDeepTables(source);
  const walker = new HtmlWalker(newlineOffsets(html));
  const parser = new Parser(walker);
  walker.parser = parser;
  parser.end(html);
  return walker.finish();
}
