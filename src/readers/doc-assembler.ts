/**
 * Builds a ReportDocument from the events of a markup parser (HTML or WordprocessingML): running text,
 * block boundaries, tables, rows and cells. The HTML and DOCX readers differ only in how they map their tags
 * to these calls, so the rules for what becomes a `line`, a `row` or a cell live here once.
 *
 * Rules (see docs/readers.md):
 * - Text between two block boundaries is one `line` (whitespace collapsed, trimmed; empty lines dropped).
 * - A table whose cells are plain text is a data table: one `row` block per row, cells as the document holds
 *   them. Inside a cell, block boundaries (<p>, <br>, Word paragraphs) join with '\n' so a label broken as
 *   '商业<br>企业' stays recognisable once whitespace is stripped.
 * - A table that holds another table, a one-column table, or a cell holding a whole article is a layout table
 *   (old government sites wrap the whole page in one): it is flattened — its cells' paragraphs become `line`s and
 *   nested tables keep their rows, in document order.
 * - source.table numbers the data tables in document order (layout tables get no number); source.row is the
 *   1-based row of the table; source.col is the 1-based GRID column where the cell starts, i.e. after the
 *   columns taken by colspans to the left and by rowspans from above. That lets a consumer realign a row whose
 *   leading cells are covered by a rowspan.
 */
import type { SourceLocation } from '../core/check/finding.ts';
import type { DocBlock, DocCell } from '../core/read/report-document.ts';

/** A run of text inside a cell (one paragraph) or a block produced by a nested table. */
type Segment = { kind: 'text'; text: string; line: number | undefined } | { kind: 'block'; block: DocBlock };

interface CellState {
  segments: Segment[];
  /** 1-based grid column where the cell starts. */
  col: number;
  line: number | undefined;
  hasBlock: boolean;
  textLength: number;
}

interface RowState {
  index: number;
  line: number | undefined;
  cells: CellState[];
  /** Next free grid column when columns are computed here (HTML); ignored when the reader gives them (DOCX). */
  nextCol: number;
}

/** Grid columns from..to are taken by a rowspan up to and including row `untilRow`. */
interface Span {
  from: number;
  to: number;
  untilRow: number;
}

interface TableState {
  rows: RowState[];
  row: RowState | undefined;
  cell: CellState | undefined;
  spans: Span[];
  /** Text buffer of the cell being read (kept per table so a nested table does not mix into it). */
  buffer: TextBuffer;
}

interface TextBuffer {
  parts: string[];
  line: number | undefined;
}

export interface CellOptions {
  rowspan?: number;
  colspan?: number;
  /** Grid column given by the reader (DOCX knows it from gridBefore/gridSpan); computed from spans otherwise. */
  col?: number;
}

export interface AssemblerOptions {
  /** Cleans or drops a running-text line (site chrome). Returns null to drop. Not applied to table cells. */
  lineFilter?: (text: string) => string | null;
}

/** Limits that keep hostile markup (colspan="99999999") from allocating or looping without bound. */
const MAX_SPAN = 1000;
/** Past this a "cell" is running text, not a table value. */
const ARTICLE_CELL_CHARS = 500;

/** Blanks plus the zero-width characters editors leave in copied text (ZWJ kept out of the class: lint). */
const WHITESPACE = /(?:[\s\u200b\u200c\u2060\ufeff]|\u200d)+/g;

export function normalizeSpace(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

function clampSpan(value: number | undefined, max: number): number {
  if (value === undefined || !Number.isFinite(value) || value < 1) return 1;
  return Math.min(Math.floor(value), max);
}

export class DocAssembler {
  private readonly out: DocBlock[] = [];
  private readonly docBuffer: TextBuffer = { parts: [], line: undefined };
  private readonly tables: TableState[] = [];
  private readonly lineFilter: ((text: string) => string | null) | undefined;
  private tableCount = 0;

  constructor(options: AssemblerOptions = {}) {
    this.lineFilter = options.lineFilter;
  }

  /** Blocks emitted so far at document level (used to undo a chrome region). */
  get blockCount(): number {
    return this.out.length;
  }

  /** True while inside a table: block regions (header/footer) are only judged at document level. */
  get inTable(): boolean {
    return this.tables.length > 0;
  }

  blocksSince(start: number): readonly DocBlock[] {
    return this.out.slice(start);
  }

  truncate(length: number): void {
    if (length < this.out.length) this.out.length = length;
  }

  /** Inline text. `line` is the source line of its first non-blank character, when known. */
  text(text: string, line: number | undefined): void {
    const buffer = this.currentBuffer();
    buffer.parts.push(text);
    if (buffer.line === undefined && line !== undefined) buffer.line = line;
  }

  /** A block boundary (paragraph, heading, <br>): ends the current line or cell paragraph. */
  breakLine(): void {
    const table = this.tables[this.tables.length - 1];
    if (table && table.cell) {
      const text = this.takeBuffer(table.buffer);
      if (text !== null && text.text !== '') {
        table.cell.segments.push({ kind: 'text', text: text.text, line: text.line });
        table.cell.textLength += text.text.length;
      }
      return;
    }
    // Outside any cell: text belongs to the context around the innermost table (HTML foster-parents it there).
    const text = this.takeBuffer(this.parentBuffer());
    if (text !== null && text.text !== '') this.emitText(text.text, text.line);
  }

  openTable(): void {
    this.breakLine();
    this.tables.push({
      rows: [],
      row: undefined,
      cell: undefined,
      spans: [],
      buffer: { parts: [], line: undefined },
    });
  }

  closeTable(): void {
    const table = this.tables[this.tables.length - 1];
    if (!table) return;
    this.closeRow();
    this.tables.pop();
    for (const segment of this.finishTable(table)) {
      if (segment.kind === 'block') this.emitBlock(segment.block);
      else this.emitText(segment.text, segment.line);
    }
  }

  openRow(line: number | undefined): void {
    const table = this.tables[this.tables.length - 1];
    if (!table) return;
    this.closeRow();
    const index = table.rows.length + 1;
    table.spans = table.spans.filter((span) => span.untilRow >= index);
    table.row = { index, line, cells: [], nextCol: 1 };
  }

  closeRow(): void {
    const table = this.tables[this.tables.length - 1];
    if (!table || !table.row) return;
    this.closeCell();
    table.rows.push(table.row);
    table.row = undefined;
  }

  openCell(line: number | undefined, options: CellOptions = {}): void {
    const table = this.tables[this.tables.length - 1];
    if (!table) return;
    this.closeCell();
    if (!table.row) this.openRow(line);
    const row = table.row;
    if (!row) return;
    const colspan = clampSpan(options.colspan, MAX_SPAN);
    const rowspan = clampSpan(options.rowspan, MAX_SPAN);
    let col: number;
    if (options.col !== undefined) {
      col = options.col;
    } else {
      col = row.nextCol;
      // Skip grid columns taken by rowspans from above; repeat because skipping can land in another span.
      for (let moved = true; moved;) {
        moved = false;
        for (const span of table.spans) {
          if (col >= span.from && col <= span.to) {
            col = span.to + 1;
            moved = true;
          }
        }
      }
      if (rowspan > 1) table.spans.push({ from: col, to: col + colspan - 1, untilRow: row.index + rowspan - 1 });
    }
    row.nextCol = col + colspan;
    table.cell = { segments: [], col, line, hasBlock: false, textLength: 0 };
  }

  closeCell(): void {
    const table = this.tables[this.tables.length - 1];
    if (!table || !table.cell) return;
    this.breakLine();
    table.row?.cells.push(table.cell);
    table.cell = undefined;
  }

  /** Closes whatever is still open (truncated markup) and returns the blocks. */
  finish(): DocBlock[] {
    while (this.tables.length > 0) this.closeTable();
    this.breakLine();
    return this.out;
  }

  private currentBuffer(): TextBuffer {
    const table = this.tables[this.tables.length - 1];
    if (table && table.cell) return table.buffer;
    return this.parentBuffer();
  }

  /** The buffer of the context that holds the innermost table: the enclosing cell, or the document. */
  private parentBuffer(): TextBuffer {
    for (let i = this.tables.length - 2; i >= 0; i--) {
      const outer = this.tables[i];
      if (outer?.cell) return outer.buffer;
    }
    return this.docBuffer;
  }

  private takeBuffer(buffer: TextBuffer): { text: string; line: number | undefined } | null {
    if (buffer.parts.length === 0) return null;
    const text = normalizeSpace(buffer.parts.join(''));
    const line = buffer.line;
    buffer.parts.length = 0;
    buffer.line = undefined;
    return { text, line };
  }

  /** Where a finished table's output goes: the cell that encloses it, or the document. */
  private enclosingCell(): CellState | undefined {
    for (let i = this.tables.length - 1; i >= 0; i--) {
      const cell = this.tables[i]?.cell;
      if (cell) return cell;
    }
    return undefined;
  }

  private emitBlock(block: DocBlock): void {
    const cell = this.enclosingCell();
    if (cell) {
      cell.segments.push({ kind: 'block', block });
      cell.hasBlock = true;
    } else {
      this.out.push(block);
    }
  }

  private emitText(text: string, line: number | undefined): void {
    const cell = this.enclosingCell();
    if (cell) {
      cell.segments.push({ kind: 'text', text, line });
      cell.textLength += text.length;
      return;
    }
    const kept = this.lineFilter ? this.lineFilter(text) : text;
    if (kept === null || kept === '') return;
    this.out.push({ kind: 'line', text: kept, source: line === undefined ? {} : { line } });
  }

  private finishTable(table: TableState): Segment[] {
    const cells = table.rows.flatMap((row) => row.cells);
    // Every report table has at least two columns; a one-column table only stacks page parts.
    const layout =
      table.rows.every((row) => row.cells.length <= 1) ||
      cells.some((cell) => cell.hasBlock || cell.textLength > ARTICLE_CELL_CHARS);
    if (layout) return cells.flatMap((cell) => cell.segments);
    const number = ++this.tableCount;
    return table.rows.map((row): Segment => {
      const docCells: DocCell[] = row.cells.map((cell) => {
        const text = cell.segments.map((segment) => (segment.kind === 'text' ? segment.text : '')).join('\n');
        const source: SourceLocation = { table: number, row: row.index, col: cell.col };
        if (cell.line !== undefined) source.line = cell.line;
        return { text, source };
      });
      const source: SourceLocation = { table: number, row: row.index };
      if (row.line !== undefined) source.line = row.line;
      return { kind: 'block', block: { kind: 'row', cells: docCells, source } };
    });
  }
}
