/**
 * OCR of the pages of a scanned PDF (issue 10, item 6) with Debian's programs, as child processes: poppler's
 * `pdfimages -list` says which pages show a picture (unless the reader knows already), `pdftoppm` renders such a page to a grey PNG, `tesseract … -l chi_sim` recognises it, and the words with their boxes
 * become positioned text fragments (tesseract-tsv.ts) that the PDF reader reads like a borderless PDF.
 *
 * The PDF is hostile input and poppler parses it again, so every step is bounded: at most MAX_OCR_PAGES pages, a
 * rendering capped at MAX_PIXELS whatever size the page claims (the resolution drops below 300 dpi for a huge page,
 * and the crop box caps the image even if poppler sees a larger page than pdf.js), a time limit on each process
 * (killed with SIGKILL), a cap on the output read back, and a private temporary directory removed afterwards.
 * Tesseract runs single-threaded (OMP_THREAD_LIMIT=1): its OpenMP threads spin on a busy 2-core machine and took
 * three times the CPU for the same page.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadError } from '../core/read/read-error.ts';
import type { PdfFragment } from './pdf-page-text.ts';
import { tsvFragments } from './tesseract-tsv.ts';

/** The Debian packages that provide OCR, as the install command people are told to run. */
export const OCR_INSTALL = 'apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils';

/** Annual reports run to about 15 pages; a scan past this is not read (each page costs seconds). */
export const MAX_OCR_PAGES = 30;
/** A4 at 300 dpi is 8.7 million pixels; a page claiming more is rendered at a lower resolution. */
const MAX_PIXELS = 12_000_000;
const DPI = 300;
/** Generous: ~2 s of CPU per page, but wall time on a loaded shared machine is ten times that and more. */
const RENDER_TIMEOUT_MS = 60_000;
const OCR_TIMEOUT_MS = 300_000;
const MAX_OUTPUT = 8 * 1024 * 1024;
/**
 * Pages recognised at once: two single-threaded tesseracts use both cores of the machines this runs on (and, on a
 * busy one, get two shares of its time); more would only queue and hold more images in memory.
 */
const PARALLEL = Math.min(2, availableParallelism());
/**
 * Simplified Chinese, automatic page segmentation (3: it finds and removes a table's ruling lines; 6 read them as
 * letters), no second pass over inverted text (white on black does not occur in a report; ~12 % of the time).
 */
const TESSERACT_ARGS = ['-l', 'chi_sim', '--psm', '3', '-c', 'tessedit_do_invert=0', 'tsv'];

/** A page to recognise: its number and its size as displayed (points, rotation applied). */
export interface ScanPage {
  number: number;
  width: number;
  height: number;
  /**
   * `true` when the reader already knows the page paints an image (pdf.js's edited worker marks it); left out, the
   * page is recognised only if `pdfimages -list` names it.
   */
  pictured?: true;
}

function run(command: string, args: string[], timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        timeout,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', OMP_THREAD_LIMIT: '1', LC_ALL: 'C.UTF-8' },
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

const checked = new Map<string, Promise<string[]>>();

/**
 * The packages missing for OCR (empty when it can run): `pdftoppm` (poppler-utils), `tesseract` (tesseract-ocr) and
 * its simplified-Chinese data (tesseract-ocr-chi-sim). Looked up once per PATH.
 */
export function missingOcrPackages(): Promise<string[]> {
  const path = process.env['PATH'] ?? '';
  let found = checked.get(path);
  if (!found) {
    found = (async () => {
      const missing: string[] = [];
      const renders = await run('pdftoppm', ['-v'], 10_000).then(
        () => true,
        () => false,
      );
      const langs = await run('tesseract', ['--list-langs'], 10_000).catch(() => null);
      if (langs === null) missing.push('tesseract-ocr', 'tesseract-ocr-chi-sim');
      else if (!/^chi_sim$/m.test(langs)) missing.push('tesseract-ocr-chi-sim');
      if (!renders) missing.push('poppler-utils');
      return missing;
    })();
    checked.set(path, found);
  }
  return found;
}

/** The resolution for a page: 300 dpi, less when the page is so large that the image would pass MAX_PIXELS. */
function dpiFor(page: ScanPage): number {
  const squareInches = (page.width / 72) * (page.height / 72);
  return Math.max(36, Math.min(DPI, Math.floor(Math.sqrt(MAX_PIXELS / Math.max(squareInches, 1e-6)))));
}

/** Renders and recognises one page of `dir`/input.pdf. */
async function recognise(dir: string, page: ScanPage): Promise<PdfFragment[]> {
  const dpi = dpiFor(page);
  const out = join(dir, `page-${page.number}`);
  const n = String(page.number);
  // -W/-H crop the rendering to the page size pdf.js reported: the pixel cap holds whatever poppler thinks.
  const w = String(Math.ceil((page.width * dpi) / 72));
  const h = String(Math.ceil((page.height * dpi) / 72));
  const render = ['-f', n, '-l', n, '-r', String(dpi), '-x', '0', '-y', '0', '-W', w, '-H', h];
  try {
    await run('pdftoppm', [...render, '-gray', '-png', '-singlefile', join(dir, 'input.pdf'), out], RENDER_TIMEOUT_MS);
    const tsv = await run('tesseract', [`${out}.png`, '-', ...TESSERACT_ARGS], OCR_TIMEOUT_MS);
    return tsvFragments(tsv, 72 / dpi);
  } catch (error) {
    const wrapped = new ReadError('OCR_FAILED', `扫描件第${page.number}页的文字识别（OCR）失败或超时，无法读取`);
    wrapped.cause = error;
    throw wrapped;
  } finally {
    await rm(`${out}.png`, { force: true });
  }
}

/**
 * The pages that show an image (`pdfimages -list`, which reads the PDF's structure without decoding any picture):
 * a page without text and without an image is blank, not a scan. pdf.js could say the same only by decoding every
 * picture, ~0.7 s of CPU per 300 dpi page.
 */
async function pagesWithImages(input: string): Promise<Set<number>> {
  const list = await run('pdfimages', ['-list', input], RENDER_TIMEOUT_MS);
  const pages = new Set<number>();
  for (const line of list.split('\n').slice(2)) {
    const page = Number(/^\s*(\d+)\s/.exec(line)?.[1]);
    if (page > 0) pages.add(page);
  }
  return pages;
}

/** Recognises those of the given pages of `pdf` that show an image (the others have no map entry); the fragments of each page, in points from the page's top left. */
export async function ocrPdfPages(pdf: Uint8Array, pages: ScanPage[]): Promise<Map<number, PdfFragment[]>> {
  if (pages.length > MAX_OCR_PAGES) {
    throw new ReadError(
      'TOO_LARGE',
      `该 PDF 有${pages.length}页是扫描图像，超过文字识别（OCR）${MAX_OCR_PAGES}页的上限，未读取`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-ocr-'));
  try {
    const input = join(dir, 'input.pdf');
    await writeFile(input, pdf, { mode: 0o600 });
    const result = new Map<number, PdfFragment[]>();
    const asked = pages.some((p) => !p.pictured) ? await pagesWithImages(input) : new Set<number>();
    const queue = pages.filter((p) => p.pictured || asked.has(p.number));
    const worker = async () => {
      for (let page = queue.shift(); page; page = queue.shift()) result.set(page.number, await recognise(dir, page));
    };
    // Settled, not all: on a failure the other page's processes finish before their directory is removed.
    const done = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL, pages.length) }, worker));
    for (const d of done) if (d.status === 'rejected') throw d.reason;
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
