import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Script } from 'node:vm';
import { deflateSync } from 'node:zlib';
import { patchPdfjsWorker, WORKER_PATCHES } from './pdfjs-worker-patches.ts';

const workerPath = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
const workerSource = readFileSync(workerPath, 'utf8');

describe('patchPdfjsWorker: the edits to the installed pdf.js', () => {
  it('applies every edit, and the result compiles as a script with pdf.js’s line numbers', () => {
    const { script, missing } = patchPdfjsWorker(workerSource, 'file:///pdf.worker.mjs');
    assert.deepEqual(missing, []);
    assert.doesNotThrow(() => new Script(script));
    const before = workerSource.split('\n');
    const now = script.split('\n');
    assert.equal(now.length, before.length + 1); // the closing line of the wrapper
    const changed = before.map((line, i) => (line === now[i] ? -1 : i + 1)).filter((n) => n > 0);
    // Line 1 gets the helpers; each edit changes the first line of its piece only; the module-only lines (the
    // export, import.meta.url, the source map comment) are the others.
    const lineOf = (piece: string) => workerSource.slice(0, workerSource.indexOf(piece)).split('\n').length;
    const moduleOnly = before.flatMap((line, i) =>
      /import\.meta\.url|^export \{|^\/\/# sourceMappingURL/.test(line) ? [i + 1] : [],
    );
    const expected = [1, ...WORKER_PATCHES.map((p) => lineOf(p.find)), ...moduleOnly].sort((a, b) => a - b);
    assert.deepEqual(changed, expected);
    assert.ok(!/\bexport\s*\{|import\.meta/.test(script));
  });

  it('applies none when one piece is not found (another pdf.js version): the stock worker is loaded then', () => {
    const [first] = WORKER_PATCHES;
    assert.ok(first);
    const changed = workerSource.replace(first.find, first.find.replace('{', '{ '));
    assert.deepEqual(patchPdfjsWorker(changed, 'file:///x'), { script: '', missing: [first.name] });
    const twice = workerSource + '\n' + first.find;
    assert.deepEqual(patchPdfjsWorker(twice, 'file:///x').missing, [first.name]);
  });
});

// ---- Differential test: what pdf.js gives this project, with and without the edits, on PDFs made to take every
// branch of the edits (each a one-page PDF with a Type 3 font drawing "ab" twice, a rule and a frame). The font
// matrix is not pdf.js's default (0.001): only then do the glyphs' bounds change text heights.

type Obj = string | { dict: string; data: Uint8Array };

function pdfBytes(objects: Obj[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const push = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(length);
    push(Buffer.from(`${i + 1} 0 obj\n`, 'latin1'));
    if (typeof o === 'string') push(Buffer.from(o, 'latin1'));
    else {
      push(Buffer.from(`<< ${o.dict} /Length ${o.data.length} >>\nstream\n`, 'latin1'));
      push(Buffer.from(o.data));
      push(Buffer.from('\nendstream', 'latin1'));
    }
    push(Buffer.from('\nendobj\n', 'latin1'));
  });
  const xref = length;
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

const stream = (text: string, flate = true): { dict: string; data: Uint8Array } =>
  flate
    ? { dict: '/Filter /FlateDecode', data: new Uint8Array(deflateSync(Buffer.from(text, 'latin1'))) }
    : { dict: '', data: new Uint8Array(Buffer.from(text, 'latin1')) };

const CONTENT = `BT /F1 1 Tf 12 0 0 12 72 700 Tm (abba) Tj ET
BT /F1 12 Tf 72 650 Td (ab) Tj ET
0.5 w 72 600 m 300 600 l S 72 500 228 50 re S`;

interface Type3Case {
  bbox: string;
  a: string;
  b?: string;
  flate?: boolean;
  content?: Obj;
}

function type3Pdf(c: Type3Case): Uint8Array {
  return pdfBytes([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    c.content ?? stream(CONTENT),
    `<< /Type /Font /Subtype /Type3 /FontBBox [${c.bbox}] /FontMatrix [0.002 0 0 0.002 0 0] /CharProcs << /a 6 0 R /b 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a /b] >> /FirstChar 97 /LastChar 98 /Widths [600 600] /Resources << >> >>`,
    stream(c.a, c.flate ?? true),
    stream(c.b ?? c.a, c.flate ?? true),
  ]);
}

const D1 = '600 0 0 0 500 700 d1\n0 0 m 500 0 l 500 700 l h f';
const flateContent = new Uint8Array(deflateSync(Buffer.from(CONTENT, 'latin1')));
const CASES: Record<string, Type3Case> = {
  // The edit skips the glyph programs: plain d1 within the FontBBox, d0 with a FontBBox, a comment first.
  'plain-d1': { bbox: '0 0 750 750', a: D1 },
  'plain-d1-uncompressed': { bbox: '0 0 750 750', a: D1, flate: false },
  'd0-with-bbox': { bbox: '0 0 750 750', a: '600 0 d0\n0 0 m 500 0 l 500 700 l h f' },
  'comment-first': { bbox: '0 0 750 750', a: `% glyph a\r\n${D1}`, b: `%\n%\n  ${D1}` },
  'empty-glyph-box': { bbox: '0 0 750 750', a: '600 0 0 0 0 0 d1' },
  // pdf.js's own code runs: the glyphs' bounds count (empty or tiny FontBBox), d0 with an empty FontBBox (pdf.js
  // guesses the box from the path), another first operator, a number pdf.js might read its own way.
  'empty-bbox': { bbox: '0 0 0 0', a: D1 },
  'tiny-bbox': { bbox: '0 0 10 10', a: D1 },
  'one-glyph-counts': { bbox: '0 0 750 750', a: D1, b: '600 0 0 0 9000 9000 d1\n0 0 m 9000 0 l h f' },
  'd0-empty-bbox': { bbox: '0 0 0 0', a: '600 0 d0\n0 0 m 500 0 l 500 700 l h f' },
  'save-first': { bbox: '0 0 0 0', a: `q ${D1} Q` },
  'odd-number': { bbox: '0 0 0 0', a: '600 0 0 0 500 7.0.0 d1\n0 0 m 500 0 l h f' },
  'damaged-glyph': { bbox: '0 0 0 0', a: D1, b: 'x' },
  // Flate streams that zlib refuses: pdf.js's own inflater reads them, with or without the edit.
  'truncated-content': {
    bbox: '0 0 750 750',
    a: D1,
    content: { dict: '/Filter /FlateDecode', data: flateContent.subarray(0, flateContent.length - 12) },
  },
  'content-without-checksum': {
    bbox: '0 0 750 750',
    a: D1,
    content: { dict: '/Filter /FlateDecode', data: flateContent.subarray(0, flateContent.length - 4) },
  },
  'content-with-trailing-bytes': {
    bbox: '0 0 750 750',
    a: D1,
    content: { dict: '/Filter /FlateDecode', data: new Uint8Array([...flateContent, 1, 2, 3, 4, 5]) },
  },
};
const SKIPPED = new Set([
  'plain-d1',
  'plain-d1-uncompressed',
  'd0-with-bbox',
  'comment-first',
  'empty-glyph-box',
  'content-without-checksum',
  'content-with-trailing-bytes',
]);

/** A page drawing more path points than a table would (pdf-rulings.ts MAX_POINTS): a drawing, read without rules. */
const MANY_PATHS = `${CONTENT}\n${Array.from({ length: 40_000 }, (_, i) => `${i % 500} ${i % 700} 3 3 re`).join('\n')} S`;

/** One-page PDFs painting (or not) an image in each way a page can: pdf.js's operator list says which do. */
const GREY_2X2 = '\x00\x80\xc0\xff';
function imagePdf(content: string, xobjects: string, extra: Obj[] = []): Uint8Array {
  return pdfBytes([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << ${xobjects} >> >> /Contents 4 0 R >>`,
    stream(`BT /F1 12 Tf 72 750 Td (ab) Tj ET\n${content}`),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    {
      dict: '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8',
      data: new Uint8Array(Buffer.from(GREY_2X2, 'latin1')),
    },
    { dict: '/Type /XObject /Subtype /Image /Width 8 /Height 1 /ImageMask true', data: new Uint8Array([0x5a]) },
    ...extra,
  ]);
}
const IMAGE_CASES: Record<string, { pdf: Uint8Array; images: boolean }> = {
  'image-xobject': { pdf: imagePdf('q 100 0 0 100 50 50 cm /Im1 Do Q', '/Im1 6 0 R'), images: true },
  'image-xobject-twice': {
    pdf: imagePdf('q 100 0 0 100 50 50 cm /Im1 Do Q q 50 0 0 50 300 50 cm /Im1 Do Q', '/Im1 6 0 R'),
    images: true,
  },
  'image-mask': { pdf: imagePdf('q 80 0 0 10 50 50 cm /Mk1 Do Q', '/Mk1 7 0 R'), images: true },
  'inline-image': {
    pdf: imagePdf(`q 100 0 0 100 50 50 cm BI /W 2 /H 2 /CS /G /BPC 8 ID\n${GREY_2X2}\nEI Q`, ''),
    images: true,
  },
  'image-in-form': {
    pdf: imagePdf('/Fm1 Do', '/Fm1 8 0 R', [
      {
        dict: '/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Im1 6 0 R >> >>',
        data: new Uint8Array(Buffer.from('q 100 0 0 100 50 50 cm /Im1 Do Q', 'latin1')),
      },
    ]),
    images: true,
  },
  'form-without-image': {
    pdf: imagePdf('/Fm1 Do', '/Fm1 8 0 R', [
      {
        dict: '/Type /XObject /Subtype /Form /BBox [0 0 595 842]',
        data: new Uint8Array(Buffer.from('72 600 m 300 600 l S', 'latin1')),
      },
    ]),
    images: false,
  },
  'image-not-painted': { pdf: imagePdf('72 600 m 300 600 l S', '/Im1 6 0 R'), images: false },
};

interface Ruling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Page {
  text: { str?: string; transform?: number[]; height?: number }[];
  operators: number[];
  rulings: Ruling[];
  textRulings: Ruling[];
  images: boolean;
  textImages: boolean;
  styles: unknown[];
  type3: number[];
}

function dump(paths: string[], stock: boolean): Record<string, Page[] | { error: string }> {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', new URL('../../test/pdfjs-dump.ts', import.meta.url).pathname, ...paths],
    { encoding: 'utf8', env: { ...process.env, GONGKAI_PDFJS_STOCK_WORKER: stock ? '1' : '0' }, maxBuffer: 64 << 20 },
  );
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, Page[] | { error: string }>;
}

describe('the edited pdf.js gives this project what the stock pdf.js gives', () => {
  let dir = '';
  const paths: Record<string, string> = {};
  let stock: ReturnType<typeof dump> = {};
  let edited: ReturnType<typeof dump> = {};
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-pdfjs-'));
    for (const [name, c] of Object.entries(CASES)) {
      paths[name] = join(dir, `${name}.pdf`);
      writeFileSync(paths[name], type3Pdf(c));
    }
    const fixtures = new URL('../../test/fixtures/pdf/', import.meta.url);
    for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.pdf'))) {
      paths[name] = new URL(name, fixtures).pathname;
    }
    for (const [name, c] of Object.entries(IMAGE_CASES)) {
      paths[name] = join(dir, `${name}.pdf`);
      writeFileSync(paths[name], c.pdf);
    }
    paths['many-paths'] = join(dir, 'many-paths.pdf');
    writeFileSync(paths['many-paths'], type3Pdf({ bbox: '0 0 750 750', a: D1, content: stream(MANY_PATHS) }));
    stock = dump(Object.values(paths), true);
    edited = dump(Object.values(paths), false);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the same text items, font styles, operators and ruling lines for every PDF (or the same error)', () => {
    const strip = (d: Page[] | { error: string } | undefined) =>
      Array.isArray(d)
        ? d.map((p) => ({ text: p.text, styles: p.styles, operators: p.operators, rulings: p.rulings }))
        : d;
    for (const [name, path] of Object.entries(paths)) {
      assert.deepEqual(strip(edited[path]), strip(stock[path]), name);
      const pages = stock[path];
      if (name === 'truncated-content') assert.deepEqual(pages, { error: 'Bad encoding in flate stream' });
      else if (['encrypted.pdf', 'truncated.pdf', 'scanned.pdf'].includes(name))
        continue; // no text layer to read
      else assert.ok(Array.isArray(pages) && pages.some((p) => p.text.some((i) => i.str)), `${name}: no text read`);
    }
  });

  it('the edited worker puts each page’s painted paths in its text content: they give the rules the stock operator list gives', () => {
    let compared = 0;
    for (const [name, path] of Object.entries(paths)) {
      const pages = stock[path];
      if (!Array.isArray(pages)) continue;
      const edited_ = edited[path] as Page[];
      pages.forEach((page, i) => {
        const mine = edited_[i]!.textRulings;
        assert.equal(mine.length, page.rulings.length, `${name} page ${i + 1}`);
        // The same numbers up to rounding: the operator list rounds a form's matrix to 32 bits, the text state not.
        mine.forEach((r, k) => {
          const want = page.rulings[k]!;
          for (const key of ['x0', 'y0', 'x1', 'y1'] as const) {
            assert.ok(Math.abs(r[key] - want[key]) < 1e-3, `${name} page ${i + 1} rule ${k} ${key}`);
          }
        });
        compared += mine.length;
        assert.deepEqual(page.textRulings, [], 'the stock worker adds no paths to the text content');
      });
    }
    assert.ok(compared > 1000, `only ${compared} rules compared`);
    // A drawing: past the limit the rules are not read, from either source, and the text still is.
    const [drawing] = edited[paths['many-paths']!] as Page[];
    assert.deepEqual(drawing?.textRulings, []);
    assert.deepEqual((stock[paths['many-paths']!] as Page[])[0]?.rulings, []);
    assert.ok(drawing?.text.some((i) => i.str));
  });

  it('the edited worker marks the text content of exactly the pages whose operator list paints an image', () => {
    let pictured = 0;
    for (const [name, path] of Object.entries(paths)) {
      const pages = stock[path];
      if (!Array.isArray(pages)) continue;
      pages.forEach((page, i) => {
        assert.equal((edited[path] as Page[])[i]!.textImages, page.images, `${name} page ${i + 1}`);
        assert.equal(page.textImages, false, 'the stock worker adds no mark');
        if (page.images) pictured++;
      });
    }
    for (const [name, c] of Object.entries(IMAGE_CASES)) {
      assert.equal((stock[paths[name]!] as Page[])[0]?.images, c.images, `${name}: the case paints what it claims`);
    }
    assert.equal((stock[paths['scanned.pdf']!] as Page[])[0]?.images, true);
    assert.ok(pictured >= 6, `only ${pictured} pages with images compared`);
  });

  it('the Type 3 glyph programs are skipped exactly where their bounds cannot change the text', () => {
    for (const name of Object.keys(CASES).filter((n) => n !== 'truncated-content')) {
      const [a] = stock[paths[name]!] as Page[];
      const [b] = edited[paths[name]!] as Page[];
      assert.deepEqual(a?.type3, [2], `${name}: stock pdf.js runs both glyph programs`);
      assert.deepEqual(b?.type3, SKIPPED.has(name) ? [0] : [2], name);
    }
    const [chromium] = edited[paths['chromium-portrait-5pages.pdf']!] as Page[];
    assert.ok(chromium && chromium.type3.length > 5 && chromium.type3.every((n) => n === 0));
  });

  it('where the glyphs’ bounds count, they do change the text heights (so skipping them there would be seen)', () => {
    const height = (name: string) => (stock[paths[name]!] as Page[])[0]?.text.find((i) => i.str)?.height;
    assert.notEqual(height('empty-bbox'), height('plain-d1'));
    assert.notEqual(height('tiny-bbox'), height('plain-d1'));
  });

  it('operator lists keep the text operators, without glyphs', () => {
    const [a] = stock[paths['plain-d1']!] as Page[];
    assert.ok(a?.operators.includes(44)); // OPS.showText
  });
});
