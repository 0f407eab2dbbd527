/**
 * Seven edits to pdf.js's worker source (pdfjs-dist 5.6.205, legacy build), applied in memory when load-pdfjs.ts
 * loads it; together they take well over half of the CPU time off reading a PDF printed by Chromium or exported by
 * LibreOffice (issue 10: read + check of a 5-page ruled PDF ≤ 100 ms; measured in docs/pdf.md). None changes the text pdf.js returns or the
 * drawing operators this project reads; each skips work whose result this process never uses, or does it another
 * way. This process uses pdf.js to read PDFs, never to render them. Each edit replaces an exact piece of the pinned
 * source, found once: if a pdf.js upgrade changes a piece, no edit is applied, the stock worker is loaded (correct,
 * only slower, with a warning) and `pdfjs-worker-patches.test.ts` fails so the edits are redone for the new version.
 *
 * 1. **Inflate in-process, synchronously.** pdf.js 5 decodes every Flate stream (content streams, fonts, CMaps, each
 *    glyph of a Type 3 font) through the web `DecompressionStream`. In Node that is a zlib stream behind the web
 *    streams adapters, created per stream and run on the thread pool: a Chromium PDF has ~600 small streams and this
 *    was half of the reading time (profiled: `asyncGetBytesFromDecompressionStream`, `DecompressionStream`,
 *    `processChunk`). `zlib.inflateSync` is the same zlib on the same bytes; where it fails (a damaged or truncated
 *    stream) pdf.js falls back to its own JavaScript inflater exactly as when `DecompressionStream` fails.
 *
 * 2. **Type 3 glyph programs are not run when their result cannot matter.** Chromium (Skia) prints CJK fonts as
 *    Type 3 fonts — 123 of them in the 5-page fixture, one per run of text — and pdf.js runs every glyph's drawing
 *    program (an operator list each) when it loads such a font, for rendering. This process never renders with
 *    pdf.js. Text extraction uses one result of those programs: when a glyph's `d1` bounds are ten times the font's
 *    FontBBox, or the FontBBox is empty, pdf.js takes the glyphs' bounds as the font's box (`isCharBBox`, which
 *    scales text heights). The edit reads the first operator of each glyph program and skips the programs only
 *    when every glyph starts with a plain `wx wy llx lly urx ury d1` whose bounds would not count (pdf.js's own
 *    test, same numbers), or `wx wy d0` with a non-empty FontBBox. Anything else — a glyph whose bounds would
 *    count, another first operator, a number written in a way pdf.js's lexer might read differently, a glyph that
 *    cannot be fetched or decoded — and the font is loaded by pdf.js's own code, unchanged. A skipped font has no
 *    glyph operator lists (they only draw the glyphs).
 *
 * 3. **Operator lists carry no glyphs.** Text comes from `getTextContent`; operator lists are read for their drawing
 *    (pdf-rulings.ts). pdf.js resolved the glyphs of every text-showing operator there too, and for fonts with
 *    outlines (LibreOffice's, pdfkit's) built every glyph's path and posted it to the main thread, since font faces
 *    are disabled in Node (~10 % of reading LibreOffice's 4-page PDF). Text-showing operators keep their place in the
 *    list with an empty glyph array.
 *
 * 4. **Text and drawing in one pass.** The grid reader needs a page's ruling lines, which pdf.js gives only in the
 *    operator list — a second parse of every content stream, font look-ups again, and the whole list copied to the
 *    main thread (~20 % of reading the 5-page Chromium PDF, measured alternating both ways in one process). The
 *    edit lets getTextContent, whose operator loop ignored path operators, collect each painted path with the
 *    transform current then (it already tracks `q`/`Q`/`cm` and form matrices for the text) and add them to the
 *    text content as one flat `{ type: "gongkaiPaths" }` item per chunk; pdf-rulings.ts reads the rules from
 *    them. Text items are untouched, and the rules are those the operator list gives (the differential test
 *    compares both on every PDF fixture). With the stock worker the reader falls back to getOperatorList. Like
 *    pdf.js's marked-content items the new item has a `type` and no `str`: whoever reads text items from
 *    getTextContent in this process must pick them by `str` (pdf.js's TextContent type requires it anyway).
 *
 * 5. **Which pages paint an image, in the same pass.** A page with (almost) no text is a scan only if it shows a
 *    picture; the reader asked poppler (`pdfimages -list`: the PDF written to a temporary file and a process
 *    started, ~15–25 ms for every report with a blank page, such as the one LibreOffice leaves before a title).
 *    getTextContent already meets each image XObject (it skips them undecoded) and each inline image; the edit adds
 *    one `{ type: "gongkaiImage" }` item to the text content of a page (or form) that paints one. The differential test checks it against the
 *    image operators of the stock operator list.
 *
 * 6–7. **Font programs are parsed, not recompiled.** For Type 1 and CFF fonts (LibreOffice embeds its CJK fonts
 *    as Type 1, pdfkit as CFF) pdf.js parses the program — glyph names, encoding, metrics: what text extraction
 *    uses — and then compiles a new CFF font file from it for drawing glyphs. That compiling was a fifth of reading
 *    LibreOffice's 5-page PDF (`CFFCompiler.compile`, its `add` spreading every byte into an array). The file is
 *    only ever drawn with, and this process draws nothing: the edits leave it empty. Text items and font styles
 *    stay those of the stock worker (the differential test compares both on every fixture).
 */

export interface WorkerPatch {
  name: string;
  find: string;
  replace: string;
}

/**
 * Path numbers (codes and coordinates) one content stream may pass to the main thread before the rest of its paths
 * are dropped and a `data: null` item says so: beyond pdf-rulings.ts's MAX_POINTS a page is a drawing, not a table,
 * and its paths are not read — this only bounds the memory a hostile page can make the worker allocate.
 */
const MAX_WORKER_PATH_NUMBERS = 400_000;

/**
 * Helpers the edits call. They go on the first line of the worker script (joined into one line, so every line of
 * pdf.js keeps its number in stack traces and profiles). The first-operator pattern is linear: a comment must run to
 * its line end and a number splits one way only, so a hostile glyph program cannot make it backtrack.
 */
const HELPERS = `const __gongkaiFirstOp = /^(?:[\\0\\t\\n\\f\\r ]|%[^\\r\\n]*[\\r\\n])*((?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)[\\0\\t\\n\\f\\r ]+)*)(d[01])(?=[\\0\\t\\n\\f\\r ()<>\\[\\]{}\\/%]|$)/;
async function __gongkaiType3Skippable(translated, Ref, Util) {
  const charProcs = translated.dict.get("CharProcs");
  const [x0, y0, x1, y1] = translated.font.bbox;
  const fontBBoxSize = Math.hypot(x1 - x0, y1 - y0);
  for (const key of charProcs.getKeys()) {
    if (!(charProcs.getRaw(key) instanceof Ref)) return false;
    const stream = charProcs.get(key);
    const bytes = (stream.isAsync ? await stream.asyncGetBytes() : null) ?? stream.getBytes(256);
    const head = String.fromCharCode.apply(null, bytes.subarray(0, 256));
    const op = __gongkaiFirstOp.exec(head);
    if (!op) return false;
    const args = op[1].trim() === "" ? [] : op[1].trim().split(/[\\0\\t\\n\\f\\r ]+/).map(Number);
    if (op[2] === "d0") {
      if (args.length !== 2 || !fontBBoxSize) return false;
      continue;
    }
    if (args.length !== 6) return false;
    const charBBox = Util.normalizeRect(args.slice(2)),
      width = charBBox[2] - charBBox[0],
      height = charBBox[3] - charBBox[1];
    if (width === 0 || height === 0) continue;
    if (fontBBoxSize === 0 || Math.round(Math.hypot(width, height) / fontBBoxSize) >= 10) return false;
  }
  return true;
}
const __gongkaiPathStates = new WeakMap();
function __gongkaiPathState(textContent) {
  let p = __gongkaiPathStates.get(textContent);
  if (!p) { p = { buffer: [], x: 0, y: 0, numbers: 0, items: null, item: null, image: false }; __gongkaiPathStates.set(textContent, p); }
  return p;
}
function __gongkaiImage(textContent) {
  const p = __gongkaiPathState(textContent);
  if (!p.image) { p.image = true; textContent.items.push({ type: "gongkaiImage" }); }
}
function __gongkaiPathOp(fn, args, state, textContent, OPS) {
  if (fn === OPS.endInlineImage) { __gongkaiImage(textContent); return true; }
  if (!(fn >= OPS.moveTo && fn <= OPS.endPath)) return false;
  const p = __gongkaiPathState(textContent);
  const b = p.buffer;
  switch (fn) {
    case OPS.rectangle: { const [x, y, w, h] = args; p.x = x; p.y = y; if (w === 0 || h === 0) b.push(0, x, y, 1, x + w, y + h, 4); else b.push(0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 4); break; }
    case OPS.moveTo: p.x = args[0]; p.y = args[1]; b.push(0, p.x, p.y); break;
    case OPS.lineTo: p.x = args[0]; p.y = args[1]; b.push(1, p.x, p.y); break;
    case OPS.curveTo: b.push(2, args[0], args[1], args[2], args[3], args[4], args[5]); p.x = args[4]; p.y = args[5]; break;
    case OPS.curveTo2: b.push(2, p.x, p.y, args[0], args[1], args[2], args[3]); p.x = args[2]; p.y = args[3]; break;
    case OPS.curveTo3: b.push(2, args[0], args[1], args[2], args[3], args[2], args[3]); p.x = args[2]; p.y = args[3]; break;
    case OPS.closePath: b.push(4); break;
    default: {
      if (fn === OPS.closeStroke || fn === OPS.closeFillStroke || fn === OPS.closeEOFillStroke) b.push(4);
      if (b.length > 0 && fn !== OPS.endPath && p.numbers <= ${MAX_WORKER_PATH_NUMBERS}) {
        p.numbers += b.length;
        if (p.numbers > ${MAX_WORKER_PATH_NUMBERS}) { textContent.items.push({ type: "gongkaiPaths", data: null }); p.item = null; }
        else {
          if (p.items !== textContent.items || !p.item) { p.item = { type: "gongkaiPaths", data: [] }; p.items = textContent.items; p.items.push(p.item); }
          const out = p.item.data, m = state.ctm;
          out.push(fn, m[0], m[1], m[2], m[3], m[4], m[5], b.length);
          for (let i = 0; i < b.length; i++) out.push(Math.fround(b[i]));
        }
      }
      b.length = 0;
    }
  }
  return true;
}`;

/**
 * The edits. Each replacement keeps the number of lines of the piece it replaces, so the script's line numbers are
 * pdf.js's own.
 */
export const WORKER_PATCHES: WorkerPatch[] = [
  {
    name: 'inflate-sync',
    // A plain Uint8Array copy: a Buffer may be a view into a larger or pooled ArrayBuffer, and pdf.js transfers
    // and slices what it gets as if it owned exactly those bytes. Output chunks sized to the stream: zlib's
    // default 16 KB chunk made each of the ~600 small glyph streams of a Chromium PDF cost three times as much.
    find: `    try {
      const {
        readable,
        writable
      } = new DecompressionStream(name);`,
    replace: `    try { if (name === "deflate") { return { decompressed: new Uint8Array(__gongkaiInflateSync(bytes, { chunkSize: Math.min(65536, Math.max(1024, 4 * bytes.length)) })), compressed: bytes }; }
      const {
        readable,
        writable
      } = new DecompressionStream(name);`,
  },
  {
    name: 'type3-bounds-only',
    // The original method stays, renamed; it runs whenever the glyphs' first operators do not settle the bounds.
    find: `  loadType3Data(evaluator, resources, task) {
    if (this.#type3Loaded) {`,
    replace: `  loadType3Data(evaluator, resources, task) { if (this.#type3Loaded) { return this.#type3Loaded; } const loaded = (async () => { let skippable = false; try { skippable = await __gongkaiType3Skippable(this, Ref, Util); } catch { skippable = false; } if (!skippable) { this.#type3Loaded = null; return this.__gongkaiLoadType3Programs(evaluator, resources, task); } this.font.charProcOperatorList = Object.create(null); })(); this.#type3Loaded = loaded; return loaded; } __gongkaiLoadType3Programs(evaluator, resources, task) {
    if (this.#type3Loaded) {`,
  },
  {
    name: 'paths-in-text-content',
    // The page's painted paths, with the transform of the moment, become items of its text content
    // ({ type: "gongkaiPath" }): pdf-rulings.ts reads the rules from them, so a page's content stream is parsed once
    // for text and drawing instead of once more by getOperatorList. Text items are untouched: path operators did
    // nothing in getTextContent before (its switch has no case for them) and still leave the text state alone.
    find: `        args = operation.args;
        switch (fn | 0) {
          case OPS.setFont:`,
    replace: `        args = operation.args; if (__gongkaiPathOp(fn, args, textState, textContent, OPS)) { continue; }
        switch (fn | 0) {
          case OPS.setFont:`,
  },
  {
    name: 'images-in-text-content',
    // An image XObject painted on the page (or in a form on it) marks the text content with one
    // { type: "gongkaiImage" } item; inline images are marked by __gongkaiPathOp. pdf.js skipped images here without
    // decoding them, and still does.
    find: `              if (type.name !== "Form") {
                emptyXObjectCache.set(name, dict.objId, true);`,
    replace: `              if (type.name !== "Form") { if (type.name === "Image") { __gongkaiImage(textContent); }
                emptyXObjectCache.set(name, dict.objId, true);`,
  },
  {
    name: 'type1-font-not-compiled',
    // The Type 1 program is parsed (glyph names, built-in encoding, metrics: what text extraction uses); only its
    // conversion to a CFF font file for drawing is skipped.
    find: `    this.data = this.wrap(name, type2Charstrings, this.charstrings, subrs, properties);`,
    replace: `    this.data = [];`,
  },
  {
    name: 'cff-font-not-compiled',
    // The CFF program is parsed (charset, encoding, glyphs present); only its recompilation for drawing is skipped.
    find: `      this.data = compiler.compile();`,
    replace: `      this.data = [];`,
  },
  {
    name: 'operator-lists-without-glyphs',
    // Text comes from getTextContent; operator lists are read for their drawing (pdf-rulings.ts). Without this,
    // every text-showing operator also resolved its glyphs, and for fonts with outlines (LibreOffice's, pdfkit's)
    // built every glyph's path and posted it to the main thread (pdf.js does that when font faces are disabled).
    find: `  handleText(chars, state) {
    const font = state.font;`,
    replace: `  handleText(chars, state) { return [];
    const font = state.font;`,
  },
];

export interface PatchResult {
  /** The worker as a classic script: a function expression taking `inflateSync` (node:zlib), to run with vm. */
  script: string;
  /** Names of the edits whose piece of source was not found exactly once: then `script` is empty. */
  missing: string[];
}

const ENDING = 'export { WorkerMessageHandler };';

/** Where `piece` occurs in `source` (indexOf: the worker is a 3 MB string, copied by every replace and split). */
function occurrences(source: string, piece: string): number[] {
  const at: number[] = [];
  for (let i = source.indexOf(piece); i !== -1; i = source.indexOf(piece, i + piece.length)) at.push(i);
  return at;
}

/**
 * Applies every edit, or none (a half-patched worker is never loaded), and turns the ES module into a script that
 * `vm.runInThisContext` can run under the worker's own file name: its one `export` statement goes, `import.meta.url`
 * becomes that file's URL (pdf.js only uses it to locate optional WebAssembly files), and the module is wrapped in
 * a strict function. A source with any other import or export fails to compile there, and the caller then loads the
 * stock module. The script is built in one pass (each replace on the 3 MB source cost ~20 ms).
 */
export function patchPdfjsWorker(source: string, fileUrl: string): PatchResult {
  const edits: { at: number; length: number; text: string }[] = [];
  const missing: string[] = [];
  for (const p of WORKER_PATCHES) {
    const at = occurrences(source, p.find);
    if (at.length === 1) edits.push({ at: at[0] as number, length: p.find.length, text: p.replace });
    else missing.push(p.name);
  }
  const ending = occurrences(source, ENDING);
  if (ending.length === 1) edits.push({ at: ending[0] as number, length: ENDING.length, text: '' });
  else missing.push('module-to-script');
  if (missing.length > 0) return { script: '', missing };
  for (const at of occurrences(source, 'import.meta.url'))
    edits.push({ at, length: 15, text: JSON.stringify(fileUrl) });
  // The source map comment would point relative to a file the script is not.
  const map = source.lastIndexOf('\n//# sourceMappingURL=');
  if (map !== -1 && !source.includes('\n', map + 1))
    edits.push({ at: map + 1, length: source.length - map - 1, text: '' });
  edits.sort((a, b) => a.at - b.at);
  const parts = [`(function (__gongkaiInflateSync) { "use strict"; ${HELPERS.replace(/\n\s*/g, ' ')} `];
  let pos = 0;
  for (const e of edits) {
    if (e.at < pos) return { script: '', missing: ['overlapping edits'] };
    parts.push(source.slice(pos, e.at), e.text);
    pos = e.at + e.length;
  }
  parts.push(source.slice(pos), '\n})');
  return { script: parts.join(''), missing: [] };
}
