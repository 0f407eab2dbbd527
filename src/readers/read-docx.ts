/**
 * Word documents (.docx) → ReportDocument. Unzips with jszip and walks word/document.xml with htmlparser2 in
 * XML mode (one streaming pass, no DOM). Why not mammoth: see docs/readers.md.
 *
 * - Paragraph (w:p) → `line`; its source.line is the paragraph's ordinal in the document (every w:p counts,
 *   those in tables too), the closest thing a Word file has to a line number.
 * - Table (w:tbl) → one `row` per w:tr; cells per w:tc. A cell spanning columns (w:gridSpan) appears once; a
 *   cell continuing a vertical merge (w:vMerge without val="restart") is what a rowspan covers, so it is omitted.
 *   source.col is the grid column, counting w:gridBefore and the spans to the left.
 * - w:br / w:cr split lines (inside a cell: '\n'); w:tab is a blank. Deleted text (w:delText), field codes
 *   (w:instrText) and mc:Fallback copies are skipped: they are not what the reader of the document sees.
 */
import { type Handler, Parser } from 'htmlparser2';
import type JSZip from 'jszip';
import type { ReportDocument } from '../core/read/report-document.ts';
import { DocAssembler } from './doc-assembler.ts';
import { damagedError, openZip, readZipText } from './open-zip.ts';

const LABEL = 'Word';

/** Subtrees whose text is not shown as document content. */
const SKIP = new Set(['mc:Fallback', 'w:instrText', 'w:delText', 'w:del', 'w:rPrChange', 'w:pPrChange']);

interface PendingCell {
  col: number;
  gridSpan: number;
  /** 'restart' starts a vertical merge, 'continue' is covered by it, undefined is a plain cell. */
  vMerge: 'restart' | 'continue' | undefined;
  committed: boolean;
  depth: number;
}

function intValue(value: string | undefined, fallback: number): number {
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : fallback;
}

/** Word writes booleans as "true"/"1"/"on" or omits the value; a merge without val continues the one above. */
function mergeValue(value: string | undefined): 'restart' | 'continue' {
  return value === 'restart' ? 'restart' : 'continue';
}

class DocxWalker implements Partial<Handler> {
  readonly asm = new DocAssembler();
  private depth = 0;
  private skipDepth = 0;
  private inText = false;
  private paragraphs = 0;
  private paragraphLine: number | undefined;
  /** Per open table: the next grid column of the current row and the cell being read. */
  private readonly rows: { nextCol: number; cell: PendingCell | undefined }[] = [];

  onopentag(name: string, attribs: Record<string, string>): void {
    this.depth++;
    if (this.skipDepth !== 0) return;
    if (SKIP.has(name)) {
      this.skipDepth = this.depth;
      return;
    }
    const row = this.rows[this.rows.length - 1];
    switch (name) {
      case 'w:p':
        this.commitCell();
        if (this.skipDepth !== 0) return;
        this.asm.breakLine();
        this.paragraphLine = ++this.paragraphs;
        break;
      case 'w:t':
        this.inText = true;
        break;
      case 'w:tab':
        this.asm.text('\t', this.paragraphLine);
        break;
      case 'w:br':
      case 'w:cr':
        this.asm.breakLine();
        break;
      case 'w:noBreakHyphen':
        this.asm.text('-', this.paragraphLine);
        break;
      case 'w:tbl':
        this.commitCell();
        if (this.skipDepth !== 0) return;
        this.asm.openTable();
        this.rows.push({ nextCol: 1, cell: undefined });
        break;
      case 'w:tr':
        if (row) {
          row.nextCol = 1;
          row.cell = undefined;
          this.asm.openRow(this.paragraphs + 1);
        }
        break;
      case 'w:gridBefore':
        if (row && !row.cell) row.nextCol = 1 + intValue(attribs['w:val'], 0);
        break;
      case 'w:tc':
        if (row) row.cell = { col: row.nextCol, gridSpan: 1, vMerge: undefined, committed: false, depth: this.depth };
        break;
      case 'w:gridSpan':
        if (row?.cell && !row.cell.committed) row.cell.gridSpan = intValue(attribs['w:val'], 1);
        break;
      case 'w:vMerge':
      case 'w:hMerge':
        if (row?.cell && !row.cell.committed) row.cell.vMerge = mergeValue(attribs['w:val']);
        break;
    }
  }

  ontext(data: string): void {
    if (this.inText && this.skipDepth === 0) this.asm.text(data, this.paragraphLine);
  }

  onclosetag(name: string): void {
    const closing = this.depth--;
    if (this.skipDepth !== 0) {
      if (closing !== this.skipDepth) return;
      this.skipDepth = 0;
      // A covered cell was skipped as a whole: its w:tc close must still advance the grid.
      if (name !== 'w:tc') return;
    }
    const row = this.rows[this.rows.length - 1];
    switch (name) {
      case 'w:t':
        this.inText = false;
        break;
      case 'w:p':
        this.asm.breakLine();
        break;
      case 'w:tbl':
        if (row) {
          this.rows.pop();
          this.asm.closeTable();
        }
        break;
      case 'w:tr':
        this.asm.closeRow();
        break;
      case 'w:tc':
        if (row?.cell) {
          if (!row.cell.committed && row.cell.vMerge !== 'continue') this.openCell(row.cell);
          if (row.cell.vMerge !== 'continue') this.asm.closeCell();
          row.nextCol = row.cell.col + row.cell.gridSpan;
          row.cell = undefined;
        }
        break;
    }
  }

  /** The cell's properties (w:tcPr) come before its content: open it when the first content arrives. */
  private commitCell(): void {
    const cell = this.rows[this.rows.length - 1]?.cell;
    if (!cell || cell.committed) return;
    cell.committed = true;
    if (cell.vMerge === 'continue') {
      // Covered by the merge above: skip the rest of this w:tc.
      this.skipDepth = cell.depth;
      return;
    }
    this.openCell(cell);
  }

  private openCell(cell: PendingCell): void {
    cell.committed = true;
    this.asm.openCell(this.paragraphs + 1, { col: cell.col, colspan: cell.gridSpan });
  }

  finish(): ReportDocument {
    return { kind: 'docx', blocks: this.asm.finish() };
  }
}

/** Parses WordprocessingML (word/document.xml) into blocks. Exported for tests. */
export function readWordXml(xml: string): ReportDocument {
  const walker = new DocxWalker();
  const parser = new Parser(walker, { xmlMode: true });
  parser.end(xml);
  return walker.finish();
}

/** The main document part: normally word/document.xml, but the package's _rels/.rels has the final word. */
async function mainPartPath(zip: JSZip): Promise<string> {
  if (!zip.file('_rels/.rels')) return 'word/document.xml';
  const rels = await readZipText(zip, '_rels/.rels', LABEL);
  for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue;
    const target = /Target="([^"]+)"/.exec(tag)?.[1];
    if (target && zip.file(target.replace(/^\//, ''))) return target.replace(/^\//, '');
  }
  return 'word/document.xml';
}

export async function readDocx(bytes: Uint8Array): Promise<ReportDocument> {
  const zip = await openZip(bytes, LABEL);
  const xml = await readZipText(zip, await mainPartPath(zip), LABEL);
  if (!xml.includes('<w:body') && !xml.includes(':body')) throw damagedError(LABEL);
  return readWordXml(xml);
}
