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

/** Subtrees that never hold report content. `title` duplicates the page heading; `nav` is site navigation. */
const SKIP_TAGS = new Set([
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
]);

const BLOCK_TAGS = new Set([
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

function names(attribs: Record<string, string>): string[] {
  const value = `${attribs.class ?? ''} ${attribs.id ?? ''}`.trim();
  return value === '' ? [] : value.split(/\s+/);
}

const NON_SPACE = /\S/;

function hasChromeName(attribs: Record<string, string>): boolean {
  if (attribs.class === undefined && attribs.id === undefined) return false;
  return names(attribs).some((token) => CHROME_NAME.test(token));
}

function isHidden(attribs: Record<string, string>): boolean {
  if (attribs.hidden !== undefined) return true;
  const style = attribs.style;
  // Cheap substring test first: most cells of a Word-pasted table carry a long style attribute.
  if (style === undefined || (!style.includes('none') && !style.includes('hidden'))) return false;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function regionKind(name: string, attribs: Record<string, string>): RegionKind | undefined {
  if (name === 'header' || name === 'footer') return 'header';
  if (name === 'aside') return 'sidebar';
  if (attribs.class === undefined && attribs.id === undefined) return undefined;
  for (const token of names(attribs)) {
    if (HEADER_NAME.test(token)) return 'header';
    if (SIDEBAR_NAME.test(token)) return 'sidebar';
  }
  return undefined;
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

/** The parser callbacks. A class rather than closures: no function objects are made per element. */
class HtmlWalker implements Partial<Handler> {
  readonly asm = new DocAssembler({ lineFilter: cleanChromeLine });
  private readonly regions: Region[] = [];
  private depth = 0;
  /** Depth of the element whose subtree is being skipped; 0 when not skipping. */
  private skipDepth = 0;
  parser: Parser | undefined;

  constructor(private readonly offsets: number[]) {}

  private line(): number {
    return lineAt(this.offsets, this.parser?.startIndex ?? 0);
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    this.depth++;
    if (this.skipDepth !== 0) return;
    if (SKIP_TAGS.has(name) || isHidden(attribs) || hasChromeName(attribs)) {
      this.skipDepth = this.depth;
      return;
    }
    const asm = this.asm;
    const inTable = asm.inTable;
    if (name === 'table') asm.openTable();
    else if (inTable && name === 'tr') asm.openRow(this.line());
    else if (inTable && (name === 'td' || name === 'th')) {
      asm.openCell(this.line(), { rowspan: span(attribs.rowspan), colspan: span(attribs.colspan) });
    } else if (name === 'br' || BLOCK_TAGS.has(name) || name === 'tr' || name === 'td' || name === 'th') {
      asm.breakLine();
      const kind = inTable ? undefined : regionKind(name, attribs);
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
    const asm = this.asm;
    if (name === 'table') asm.closeTable();
    else if (asm.inTable && name === 'tr') asm.closeRow();
    else if (asm.inTable && (name === 'td' || name === 'th')) asm.closeCell();
    else if (BLOCK_TAGS.has(name) || name === 'tr' || name === 'td' || name === 'th') asm.breakLine();
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

export function readHtml(html: string): ReportDocument {
  const walker = new HtmlWalker(newlineOffsets(html));
  const parser = new Parser(walker);
  walker.parser = parser;
  parser.end(html);
  return walker.finish();
}
