/**
 * Reads a report PDF into the reader contract (report-document.ts) from its text layer (pdf.js getTextContent):
 * lines and table rows are rebuilt from the positions of the text (pdf-lines.ts, pdf-rows.ts, pdf-blocks.ts), so
 * it reads PDFs with or without cell borders — this product's own, LibreOffice's, Word's.
 *
 * Input that cannot be read raises ReadError with a Chinese message: not a PDF or damaged/truncated
 * (PDF_DAMAGED), password-protected (PDF_ENCRYPTED), or without a text layer, i.e. a scan (PDF_NO_TEXT).
 */
import { ReadError } from '../core/read/read-error.ts';
import type { ReportDocument } from '../core/read/report-document.ts';
import { dropPageFurniture, type PageLines } from './drop-page-furniture.ts';
import { loadPdfjs, PDFJS_DATA } from './load-pdfjs.ts';
import { pdfBlocks } from './pdf-blocks.ts';
import { groupPdfLines, isNumericText } from './pdf-lines.ts';
import { pageFragments, type TextItemLike } from './pdf-page-text.ts';
import { splitByGrids } from './pdf-grid-rows.ts';
import { pageRulings } from './pdf-rulings.ts';
import { ruledGrids } from '../core/read/ruled-grid.ts';

const DAMAGED = '该 PDF 文件已损坏或不完整（可能下载或复制时被截断），无法读取；请重新获取原文件';

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = Math.max(0, from); i < Math.min(bytes.length, to); i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

/**
 * Cheap structural checks before parsing: pdf.js repairs what it can and would silently read what is left of a
 * truncated file, so a file must start with the PDF header and end (give or take trailing junk) with %%EOF.
 */
function checkEnvelope(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ReadError('PDF_DAMAGED', '文件为空，不是 PDF');
  if (!ascii(bytes, 0, 1024).includes('%PDF-')) throw new ReadError('PDF_DAMAGED', '该文件不是 PDF（缺少 PDF 文件头）');
  if (!ascii(bytes, bytes.length - 2048, bytes.length).includes('%%EOF')) throw new ReadError('PDF_DAMAGED', DAMAGED);
}

function toReadError(error: unknown): ReadError {
  if (error instanceof ReadError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  if (name === 'PasswordException') {
    return new ReadError('PDF_ENCRYPTED', '该 PDF 已加密，需要密码才能打开；请提供未加密的文件');
  }
  return new ReadError('PDF_DAMAGED', DAMAGED);
}

export interface ReadPdfOptions {
  /** Read tables whose borders are drawn by their grid (default). `false` reads every page by text position only. */
  drawnTables?: boolean;
}

export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<ReportDocument> {
  checkEnvelope(bytes);
  const pdfjs = await loadPdfjs();
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) the buffer it is given
      cMapUrl: PDFJS_DATA.cMapUrl,
      cMapPacked: true,
      standardFontDataUrl: PDFJS_DATA.standardFontDataUrl,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw toReadError(error);
  }
  try {
    const pages: PageLines[] = [];
    let width = 595;
    let characters = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is typeof i & TextItemLike => 'str' in i);
      const view = page.view;
      const fragments = pageFragments(items, view);
      characters += fragments.reduce((s, f) => s + f.text.replace(/\s/g, '').length, 0);
      width = (view[2] ?? 595) - (view[0] ?? 0);
      // Tables whose borders are drawn are read by their grid; the rest of the text by position. Only pages that
      // carry numbers can hold a report table's values: the drawing of pages of prose is not fetched (it costs about
      // as much as the text itself).
      const numbers = fragments.filter((f) => isNumericText(f.text)).length;
      const grids =
        numbers >= 3 && options.drawnTables !== false
          ? ruledGrids(pageRulings(await page.getOperatorList(), view))
          : [];
      const { zones, rest } = grids.length > 0 ? splitByGrids(grids, fragments) : { zones: [], rest: fragments };
      pages.push({ number: n, height: (view[3] ?? 842) - (view[1] ?? 0), lines: groupPdfLines(rest, n), grids: zones });
      page.cleanup();
    }
    if (characters < 10 * Math.max(1, doc.numPages)) {
      throw new ReadError('PDF_NO_TEXT', '该 PDF 没有文本层（可能是扫描件），无法读取');
    }
    return { kind: 'pdf', blocks: pdfBlocks(dropPageFurniture(pages), width) };
  } catch (error) {
    throw toReadError(error);
  } finally {
    await doc.destroy();
  }
}
