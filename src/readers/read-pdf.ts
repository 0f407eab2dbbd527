/**
 * Reads a report PDF into the reader contract (report-document.ts) from its text layer (pdf.js getTextContent):
 * lines and table rows are rebuilt from the positions of the text (pdf-lines.ts, pdf-rows.ts, pdf-blocks.ts), so
 * it reads PDFs with or without cell borders — this product's own, LibreOffice's, Word's.
 *
 * Pages without a text layer that show an image are scans: when OCR is installed they are recognised
 * (ocr-pdf-pages.ts) and read from the recognised words like a borderless PDF; the document then says which pages
 * were recognised (`ocr.pages`), and the interpreter keeps their table cells only where the identities confirm them.
 *
 * Input that cannot be read raises ReadError with a Chinese message: not a PDF or damaged/truncated
 * (PDF_DAMAGED), password-protected (PDF_ENCRYPTED), or without a text layer, i.e. a scan, when OCR is not
 * installed or recognised nothing (PDF_NO_TEXT; the message says how to install OCR).
 */
import { ReadError } from '../core/read/read-error.ts';
import type { ReportDocument } from '../core/read/report-document.ts';
import { dropPageFurniture, type PageLines } from './drop-page-furniture.ts';
import { loadPdfjs, PDFJS_OPEN_OPTIONS, pdfjsDocumentWorker, pdfjsWorkerEdited } from './load-pdfjs.ts';
import { pdfBlocks } from './pdf-blocks.ts';
import { groupPdfLines, isNumericText } from './pdf-lines.ts';
import { isTextContentImage, pageFragments, type PdfFragment, type TextItemLike } from './pdf-page-text.ts';
import { splitByGrids } from './pdf-grid-rows.ts';
import { pageRulings, pathRulings, textContentPaths } from './pdf-rulings.ts';
import { ruledGrids } from '../core/read/ruled-grid.ts';
import { missingOcrPackages, OCR_INSTALL, ocrPdfPages, type ScanPage } from './ocr-pdf-pages.ts';

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
  /**
   * Recognise scanned pages with OCR when it is installed (default). `false` where a read must stay in-process and
   * quick (the search index's attachment text, whose worker is stopped on a timeout that child processes outlive).
   */
  ocr?: boolean;
}

/** Fewer characters than this on a page: it has no text layer of its own. */
const PAGE_TEXT_MIN = 10;

function noText(missing: string[]): ReadError {
  const how =
    missing.length > 0
      ? `；本机未安装文字识别（OCR，缺少 ${missing.join('、')}），安装后可读取扫描件：${OCR_INSTALL}`
      : '，无法读取';
  return new ReadError('PDF_NO_TEXT', `该 PDF 没有文本层（可能是扫描件）${how}`);
}

function charactersOf(fragments: PdfFragment[]): number {
  return fragments.reduce((s, f) => s + f.text.replace(/\s/g, '').length, 0);
}

export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<ReportDocument> {
  checkEnvelope(bytes);
  const pdfjs = await loadPdfjs();
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) the buffer it is given
      ...PDFJS_OPEN_OPTIONS,
      worker: pdfjsDocumentWorker(),
      // Images are decoded when a page's operator list is fetched (drawn tables with stock pdf.js): one claiming more
      // pixels than a 600 dpi A4 scan is left out rather than given hundreds of megabytes.
      maxImageSize: 40_000_000,
    }).promise;
  } catch (error) {
    throw toReadError(error);
  }
  try {
    const pages: PageLines[] = [];
    const scans: ScanPage[] = [];
    let width = 595;
    let characters = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is typeof i & TextItemLike => 'str' in i);
      const view = page.view;
      const fragments = pageFragments(items, view);
      const pageCharacters = charactersOf(fragments);
      characters += pageCharacters;
      width = (view[2] ?? 595) - (view[0] ?? 0);
      // A page without text is recognised if it shows a picture: the edited worker marks the pages that paint one
      // (a blank page is then not written out for poppler at all); with the stock worker
      // ocr-pdf-pages.ts asks poppler. Its few characters are kept unless the page turns out to be a scan.
      const pictured = pdfjsWorkerEdited() ? content.items.some(isTextContentImage) : undefined;
      if (options.ocr !== false && pageCharacters < PAGE_TEXT_MIN && pictured !== false) {
        const turned = page.rotate % 180 !== 0;
        const height = (view[3] ?? 842) - (view[1] ?? 0);
        const size = { number: n, width: turned ? height : width, height: turned ? width : height };
        scans.push(pictured ? { ...size, pictured } : size);
      }
      // Tables whose borders are drawn are read by their grid; the rest of the text by position. Only pages that
      // carry numbers can hold a report table's values: without the edited worker the drawing of pages of prose is
      // not fetched (a second pass over the page, costing about as much as the text itself).
      const numbers = fragments.filter((f) => isNumericText(f.text)).length;
      const grids =
        numbers >= 3 && options.drawnTables !== false
          ? ruledGrids(
              // With the edited worker the text content already holds the page's painted paths (one pass).
              pdfjsWorkerEdited()
                ? pathRulings(textContentPaths(content.items), view)
                : pageRulings(await page.getOperatorList(), view),
            )
          : [];
      const { zones, rest } = grids.length > 0 ? splitByGrids(grids, fragments) : { zones: [], rest: fragments };
      pages.push({ number: n, height: (view[3] ?? 842) - (view[1] ?? 0), lines: groupPdfLines(rest, n), grids: zones });
      page.cleanup();
    }
    const enough = (n: number) => n >= PAGE_TEXT_MIN * Math.max(1, doc.numPages);
    let recognised: number[] = [];
    if (scans.length > 0) {
      const missing = await missingOcrPackages();
      if (missing.length > 0 && !enough(characters)) throw noText(missing);
      if (missing.length === 0) {
        const read = await ocrPdfPages(bytes, scans);
        for (const page of pages) {
          const fragments = read.get(page.number);
          if (!fragments) continue;
          characters += charactersOf(fragments);
          page.lines = groupPdfLines(fragments, page.number);
          page.grids = [];
        }
        recognised = [...read.keys()].sort((a, b) => a - b);
      }
    }
    if (!enough(characters)) throw noText([]);
    const blocks = pdfBlocks(dropPageFurniture(pages), width);
    return recognised.length > 0 ? { kind: 'pdf', blocks, ocr: { pages: recognised } } : { kind: 'pdf', blocks };
  } catch (error) {
    throw toReadError(error);
  } finally {
    await doc.destroy();
  }
}
