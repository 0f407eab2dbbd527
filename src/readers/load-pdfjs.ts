/**
 * Loads pdf.js once per process, for reading PDFs in Node without a worker thread or a worker file fetch: the
 * worker module is imported in-process (it registers `globalThis.pdfjsWorker`, which pdf.js then uses as its
 * “fake worker”). Loading costs ~0.5–1 s, so it happens on the first read and the module stays loaded.
 *
 * The legacy build (the one pdf.js supports on Node) ships core-js polyfills that, on Node 20, REPLACE some
 * built-ins for the whole process: Array.prototype.push with a slow JavaScript version (it made pdf.js itself and
 * everything else in the process several times slower), JSON.parse/JSON.stringify, Function.prototype.toString.
 * Those replacements only emulate details newer engines have; after loading we put the native functions back.
 * Methods the polyfills ADD (Promise.withResolvers, Map.prototype.getOrInsertComputed, …) are kept: pdf.js needs them.
 *
 * Under tsx (how this project runs), loading pdf.js took ~2.5 s instead of ~0.25 s: tsx rewrites the dynamic
 * imports of every ES module it loads and Node reads the 5 MB source maps that tsx switches on. The two files are
 * plain JavaScript, so they are imported by file URL in a tsx namespace of their own (tsx passes such URLs straight
 * to Node), with source maps off for the moment of the import. Without tsx both measures are no-ops.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInThisContext } from 'node:vm';
import { inflateSync } from 'node:zlib';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { InProcessPdfjsPort } from './pdfjs-in-process-port.ts';
import { patchPdfjsWorker } from './pdfjs-worker-patches.ts';

export type Pdfjs = typeof PdfjsModule;

/** Built-ins whose existing properties must not be swapped by the polyfills. */
const GUARDED: object[] = [
  Array,
  Array.prototype,
  Object,
  Object.prototype,
  Function.prototype,
  JSON,
  Promise,
  Promise.prototype,
  String,
  String.prototype,
  Number,
  Math,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  ArrayBuffer.prototype,
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Uint8Array,
  Uint8Array.prototype,
  globalThis,
];

function snapshot(): Map<object, Map<PropertyKey, PropertyDescriptor>> {
  const all = new Map<object, Map<PropertyKey, PropertyDescriptor>>();
  for (const target of GUARDED) {
    const own = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(target)) {
      const d = Object.getOwnPropertyDescriptor(target, key);
      // Only plain function-valued properties: getters on globalThis (lazy Node globals) are left alone.
      if (d && 'value' in d && typeof d.value === 'function') own.set(key, d);
    }
    all.set(target, own);
  }
  return all;
}

function restore(before: Map<object, Map<PropertyKey, PropertyDescriptor>>): void {
  for (const [target, own] of before) {
    for (const [key, d] of own) {
      const now = Object.getOwnPropertyDescriptor(target, key);
      if (now && 'value' in now && now.value !== d.value && now.configurable) Object.defineProperty(target, key, d);
    }
  }
}

let loading: Promise<Pdfjs> | null = null;
let workerEdited = false;
let documentWorker: InstanceType<Pdfjs['PDFWorker']> | undefined;

/**
 * The worker to open documents with (getDocument's `worker` option): with the edited worker, one in-process worker
 * for every document, behind this project's port (pdfjs-in-process-port.ts: text content is not copied); with the
 * stock worker `undefined`, so pdf.js sets up its own fake worker exactly as shipped. Meaningful once loadPdfjs()
 * resolved.
 */
export function pdfjsDocumentWorker(): InstanceType<Pdfjs['PDFWorker']> | undefined {
  return documentWorker;
}

interface WorkerGlobal {
  pdfjsWorker?: { WorkerMessageHandler?: { initializeFromPort(port: unknown): void } };
}

/** `undefined` (pdf.js then sets up its own fake worker) if the worker script did not register its handler. */
function inProcessWorker(pdfjs: Pdfjs): InstanceType<Pdfjs['PDFWorker']> | undefined {
  const port = new InProcessPdfjsPort();
  const handler = (globalThis as WorkerGlobal).pdfjsWorker?.WorkerMessageHandler;
  if (!handler) {
    process.emitWarning('pdf.js worker did not register its message handler: documents open through its own port');
    return undefined;
  }
  // Typed as a DOM Worker; pdf.js only calls postMessage/addEventListener/removeEventListener/terminate on it.
  type WorkerPort = NonNullable<ConstructorParameters<Pdfjs['PDFWorker']>[0]>['port'];
  const worker = new pdfjs.PDFWorker({ port: port as unknown as WorkerPort, verbosity: 0 });
  handler.initializeFromPort(port);
  return worker;
}

/**
 * Whether the loaded pdf.js worker carries this project's edits (pdfjs-worker-patches.ts) — then a page's text
 * content also holds its painted paths, and its operator list is not needed. Meaningful once loadPdfjs() resolved.
 */
export function pdfjsWorkerEdited(): boolean {
  return workerEdited;
}

const require = createRequire(import.meta.url);

/** Where pdf.js finds its predefined CMaps (needed by PDFs with non-embedded Chinese fonts) and font metrics. */
export const PDFJS_DATA = (() => {
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
})();

/**
 * How this project opens every PDF with pdf.js (the reader, and the test that compares edited and stock pdf.js):
 * no eval of font programs, no system fonts, no font faces (nothing is rendered), quiet.
 */
export const PDFJS_OPEN_OPTIONS = {
  cMapUrl: PDFJS_DATA.cMapUrl,
  cMapPacked: true,
  standardFontDataUrl: PDFJS_DATA.standardFontDataUrl,
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  verbosity: 0,
} as const;

function moduleUrl(specifier: string): string {
  return `${pathToFileURL(require.resolve(specifier)).href}?tsx-namespace=gongkai-pdfjs`;
}

/**
 * Loads pdf.js's worker with this project's edits (pdfjs-worker-patches.ts), compiled from memory under the worker's
 * own file name — no patched copy is written anywhere, and stack traces and profiles name pdf.worker.mjs with its
 * line numbers. If the edits no longer apply (a pdf.js upgrade) or the script does not compile, the stock module is
 * imported and a warning says reading is slower. GONGKAI_PDFJS_STOCK_WORKER=1 loads the stock module on purpose (to
 * compare, or to rule the edits out).
 */
async function loadWorker(): Promise<void> {
  const path = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  if (process.env.GONGKAI_PDFJS_STOCK_WORKER !== '1') {
    const { script, missing } = patchPdfjsWorker(readFileSync(path, 'utf8'), pathToFileURL(path).href);
    let problem = missing.length > 0 ? `edits not found: ${missing.join(', ')}` : '';
    if (!problem) {
      try {
        (runInThisContext(script, { filename: path }) as (inflate: typeof inflateSync) => void)(inflateSync);
        workerEdited = true;
        return;
      } catch (error) {
        problem = (error as Error).message;
      }
    }
    process.emitWarning(`pdf.js worker loaded without this project's edits (${problem}): reading PDFs is slower`);
  }
  await import(moduleUrl('pdfjs-dist/legacy/build/pdf.worker.mjs'));
}

interface SourceMapSwitch {
  sourceMapsEnabled?: boolean;
  setSourceMapsEnabled?: (on: boolean) => void;
}

/** Loads pdf.js (once; later calls get the same promise). Call early to take the load off the first read. */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const before = snapshot();
    const maps = process as SourceMapSwitch;
    const mapsWereOn = maps.sourceMapsEnabled === true;
    if (mapsWereOn) maps.setSourceMapsEnabled?.(false);
    try {
      const pdfjs = (await import(moduleUrl('pdfjs-dist/legacy/build/pdf.mjs'))) as Pdfjs;
      // Loaded for its side effect only: it registers globalThis.pdfjsWorker, pdf.js's in-process worker.
      await loadWorker();
      if (workerEdited) documentWorker = inProcessWorker(pdfjs);
      return pdfjs;
    } finally {
      if (mapsWereOn) maps.setSourceMapsEnabled?.(true);
      restore(before);
    }
  })();
  return loading;
}
