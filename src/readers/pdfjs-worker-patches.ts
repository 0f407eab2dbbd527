/**
 * Two edits to pdf.js's worker source (pdfjs-dist 5.6.205, legacy build), applied in memory when load-pdfjs.ts loads
 * it, that take about two thirds of the CPU time off reading a PDF printed by Chromium (issue 10: read + check of a
 * 5-page ruled PDF ≤ 100 ms). Neither changes what pdf.js returns for text or drawing; both only skip work whose
 * result this process never uses or does it another way. Each edit is an exact piece of the pinned source replaced
 * once: if a pdf.js upgrade changes a piece, `patchPdfjsWorker` reports it and the stock worker is loaded (correct,
 * only slower), and `pdfjs-worker-patches.test.ts` fails so the edit is redone for the new version.
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
 */

export interface WorkerPatch {
  name: string;
  find: string;
  replace: string;
}

/**
 * Helpers the edits call, prepended to the worker module (which has no imports of its own). The first-operator
 * patterns are linear: a comment must run to its line end and a number splits one way only, so a hostile glyph
 * program cannot make them backtrack.
 */
const PRELUDE = `import { inflateSync as __gongkaiInflateSync } from "node:zlib";
const __gongkaiFirstOp = /^(?:[\\0\\t\\n\\f\\r ]|%[^\\r\\n]*[\\r\\n])*((?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)[\\0\\t\\n\\f\\r ]+)*)(d[01])(?=[\\0\\t\\n\\f\\r ()<>\\[\\]{}\\/%]|$)/;
async function __gongkaiType3Skippable(translated, Ref, Util) {
  const charProcs = translated.dict.get("CharProcs");
  const [x0, y0, x1, y1] = translated.font.bbox;
  const fontBBoxSize = Math.hypot(x1 - x0, y1 - y0);
  for (const key of charProcs.getKeys()) {
    if (!(charProcs.getRaw(key) instanceof Ref)) return false;
    const stream = charProcs.get(key);
    const bytes = (stream.isAsync ? await stream.asyncGetBytes() : null) ?? stream.getBytes(256);
    let head = "";
    for (let i = 0; i < bytes.length && i < 256; i++) head += String.fromCharCode(bytes[i]);
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
`;

export const WORKER_PATCHES: WorkerPatch[] = [
  {
    name: 'inflate-sync',
    find: `    try {
      const {
        readable,
        writable
      } = new DecompressionStream(name);`,
    replace: `    try {
      if (name === "deflate") {
        return {
          decompressed: new Uint8Array(__gongkaiInflateSync(bytes)),
          compressed: bytes
        };
      }
      const {
        readable,
        writable
      } = new DecompressionStream(name);`,
  },
  {
    name: 'type3-bounds-only',
    find: `  loadType3Data(evaluator, resources, task) {
    if (this.#type3Loaded) {
      return this.#type3Loaded;
    }
    const {
      font,
      type3Dependencies
    } = this;`,
    replace: `  loadType3Data(evaluator, resources, task) {
    if (this.#type3Loaded) {
      return this.#type3Loaded;
    }
    const loaded = (async () => {
      let skippable = false;
      try {
        skippable = await __gongkaiType3Skippable(this, Ref, Util);
      } catch {
        skippable = false;
      }
      if (!skippable) {
        this.#type3Loaded = null;
        return this.__gongkaiLoadType3Programs(evaluator, resources, task);
      }
      this.font.charProcOperatorList = Object.create(null);
    })();
    this.#type3Loaded = loaded;
    return loaded;
  }
  __gongkaiLoadType3Programs(evaluator, resources, task) {
    if (this.#type3Loaded) {
      return this.#type3Loaded;
    }
    const {
      font,
      type3Dependencies
    } = this;`,
  },
];

export interface PatchResult {
  source: string;
  /** Names of the edits whose piece of source was not found exactly once: then `source` is the stock source. */
  missing: string[];
}

/** Applies every edit, or none: a half-patched worker is never loaded. */
export function patchPdfjsWorker(source: string): PatchResult {
  const missing = WORKER_PATCHES.filter((p) => source.split(p.find).length !== 2).map((p) => p.name);
  if (missing.length > 0) return { source, missing };
  let out = source;
  for (const p of WORKER_PATCHES) out = out.replace(p.find, () => p.replace);
  // The source map comment would point relative to a data: URL, which Node cannot resolve.
  out = out.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
  return { source: PRELUDE + out, missing: [] };
}
