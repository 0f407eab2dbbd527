/**
 * Prints, as JSON, what pdf.js gives this project for each PDF named on the command line: per page the text items
 * (getTextContent, without the painted paths and the image mark the edited worker adds), the operator list as this project reads it
 * (operator codes, and the ruling lines pdf-rulings.ts takes from it), the ruling lines from the paths in the text
 * content (edited worker only), whether the page paints an image by its operator list and by the edited worker's mark
 * in the text content, and for each Type 3 font how many glyph programs pdf.js ran (operator lists it holds
 * for them: the edits skip them where they cannot change the text). `GONGKAI_PDFJS_STOCK_WORKER=1` runs pdf.js
 * without this project's edits, so src/readers/pdfjs-worker-patches.test.ts can compare the two in separate
 * processes (a process loads pdf.js once).
 */
import { readFileSync } from 'node:fs';
import { loadPdfjs, PDFJS_OPEN_OPTIONS, pdfjsDocumentWorker } from '../src/readers/load-pdfjs.ts';
import { isTextContentImage } from '../src/readers/pdf-page-text.ts';
import { isTextContentPaths, pageRulings, pathRulings, textContentPaths } from '../src/readers/pdf-rulings.ts';

const pdfjs = await loadPdfjs();
/** pdf.js's operators that paint an image or an image mask. */
const IMAGE_OPERATORS = new Set<number>([
  pdfjs.OPS.paintImageMaskXObject,
  pdfjs.OPS.paintImageMaskXObjectGroup,
  pdfjs.OPS.paintImageXObject,
  pdfjs.OPS.paintInlineImageXObject,
  pdfjs.OPS.paintInlineImageXObjectGroup,
  pdfjs.OPS.paintImageXObjectRepeat,
  pdfjs.OPS.paintImageMaskXObjectRepeat,
  pdfjs.OPS.paintSolidColorImageMask,
]);
const out: Record<string, unknown> = {};
for (const path of process.argv.slice(2)) {
  try {
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(readFileSync(path)),
      ...PDFJS_OPEN_OPTIONS,
      worker: pdfjsDocumentWorker(),
    }).promise;
    const pages: unknown[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const text = await page.getTextContent();
      const ops = await page.getOperatorList();
      const type3: number[] = [];
      for (const name of new Set(text.items.flatMap((i) => ('fontName' in i ? [i.fontName] : [])))) {
        if (!page.commonObjs.has(name)) continue;
        const font = page.commonObjs.get(name) as { charProcOperatorList?: object } | null;
        if (font?.charProcOperatorList) type3.push(Object.keys(font.charProcOperatorList).length);
      }
      pages.push({
        // fontName is pdf.js's internal id of the font (it counts documents and fonts): not content.
        // Without the painted paths and the image mark the edited worker adds (compared as what they stand for).
        text: text.items
          .filter((i) => !isTextContentPaths(i) && !isTextContentImage(i))
          .map((i) => ('str' in i ? { ...i, fontName: undefined } : i)),
        // The font styles of the text (ascent, descent, vertical, family): the edits leave fonts' programs uncompiled.
        styles: Object.values(text.styles),
        operators: ops.fnArray,
        rulings: pageRulings(ops, page.view),
        textRulings: pathRulings(textContentPaths(text.items), page.view),
        images: ops.fnArray.some((fn) => IMAGE_OPERATORS.has(fn)),
        textImages: text.items.some(isTextContentImage),
        type3,
      });
      page.cleanup();
    }
    await doc.destroy();
    out[path] = pages;
  } catch (error) {
    out[path] = { error: (error as Error).message };
  }
}
process.stdout.write(JSON.stringify(out));
