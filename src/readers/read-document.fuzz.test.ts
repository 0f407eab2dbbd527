/**
 * The CLI and the server must answer whatever is uploaded. A seeded mutator (same inputs on every run) throws a
 * few thousand damaged variants of the valid fixtures at readDocument — byte flips, cuts, insertions, deletions,
 * markup junk, and for DOCX/XLSX also damage inside a well-formed zip (broken XML that jszip passes on) — and
 * checks that each one either reads or fails with a ReadError carrying a Chinese message, quickly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { ReadError } from '../core/read/read-error.ts';
import { seededRandom } from '../core/report/random-report.ts';
import { readDocument } from './read-document.ts';
import { cpuNow } from '../../test/cpu-clock.ts';

const fixture = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url)));

/** One input may take this long at most (a hang or a quadratic blow-up would exceed it by far). */
const PER_INPUT_MS = 3000;
/** All inputs of one test together. */
const TOTAL_MS = 20_000;

const rand = seededRandom(20261122);
const int = (n: number): number => Math.floor(rand() * n);
const utf8 = new TextEncoder();

const MARKUP_JUNK = [
  '<table>',
  '</table>',
  '<tr>',
  '</td>',
  '<td rowspan="2147483647" colspan="-5">',
  '<td colspan="99999999">',
  '<!--',
  '<script>',
  '<![CDATA[',
  '&#xFFFF;&#0;&nbsp',
  '\u0000',
  '\ufffd',
  '<w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="999999"/></w:tcPr>',
  '</w:tbl>',
  '<mergeCell ref="A1:XFD1048576"/>',
  '<c r="XFD1048576" t="s"><v>999999</v></c>',
  '<row r="0">',
  '<si><t>',
  '"\'><',
];

function splice(base: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(base.length - Math.min(remove, base.length - at) + insert.length);
  out.set(base.subarray(0, at));
  out.set(insert, at);
  out.set(base.subarray(at + remove), at + insert.length);
  return out;
}

/** One random damage of the bytes: flips, a cut, an insertion (from any fixture or markup junk), a deletion. */
function mutateBytes(base: Uint8Array, donors: Uint8Array[]): Uint8Array {
  const at = int(base.length + 1);
  switch (int(6)) {
    case 0: {
      const out = new Uint8Array(base);
      for (let k = 1 + int(16); k > 0; k--) out[int(out.length)] = int(256);
      return out;
    }
    case 1:
      return base.subarray(0, at);
    case 2: {
      const donor = donors[int(donors.length)] as Uint8Array;
      const from = int(donor.length);
      return splice(base, at, 0, donor.subarray(from, from + int(4096)));
    }
    case 3:
      return splice(base, at, 1 + int(2048), new Uint8Array(0));
    case 4:
      return splice(base, at, int(8), utf8.encode(MARKUP_JUNK[int(MARKUP_JUNK.length)] as string));
    default: {
      const from = int(base.length);
      return splice(base, at, 0, base.subarray(from, from + int(8192)));
    }
  }
}

/** Damage inside one XML part of a DOCX/XLSX, re-zipped so the container itself is intact. */
async function mutateZipPart(base: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(base);
  const parts = Object.keys(zip.files).filter((name) => /\.(xml|rels)$/.test(name));
  const name = parts[int(parts.length)] as string;
  let xml = await (zip.file(name) as JSZip.JSZipObject).async('string');
  for (let k = 1 + int(4); k > 0; k--) {
    const at = int(xml.length + 1);
    const op = int(3);
    if (op === 0) xml = xml.slice(0, at) + MARKUP_JUNK[int(MARKUP_JUNK.length)] + xml.slice(at);
    else if (op === 1) xml = xml.slice(0, at) + xml.slice(at + int(200));
    else xml = xml.slice(0, at);
  }
  zip.file(name, xml);
  return zip.generateAsync({ type: 'uint8array' });
}

interface Tally {
  read: number;
  refused: Map<string, number>;
  slowest: number;
}

async function survive(input: Uint8Array, tally: Tally): Promise<void> {
  const start = cpuNow();
  try {
    const doc = await readDocument(input);
    assert.ok(Array.isArray(doc.blocks));
    tally.read++;
  } catch (error) {
    if (!(error instanceof ReadError)) {
      assert.fail(`not a ReadError for a ${input.length}-byte input: ${String(error)}`);
    }
    assert.match(error.message, /[\u4e00-\u9fff]/, 'a person reads this message: it must be Chinese');
    tally.refused.set(error.code, (tally.refused.get(error.code) ?? 0) + 1);
  }
  const took = cpuNow() - start;
  tally.slowest = Math.max(tally.slowest, took);
  assert.ok(took < PER_INPUT_MS, `one input took ${took.toFixed(0)} ms`);
}

async function run(count: number, next: () => Promise<Uint8Array> | Uint8Array): Promise<Tally> {
  const tally: Tally = { read: 0, refused: new Map(), slowest: 0 };
  const start = cpuNow();
  for (let i = 0; i < count; i++) await survive(await next(), tally);
  const total = cpuNow() - start;
  assert.ok(total < TOTAL_MS, `${count} inputs took ${total.toFixed(0)} ms`);
  return tally;
}

describe('fuzz: damaged inputs never crash or hang readDocument', () => {
  const html = [
    fixture('html/rongxiang-2025.html'),
    fixture('html/chaotianmen-2025-gbk.html'),
    fixture('html/notice-no-table.html'),
  ];
  const docx = fixture('docx/rongxiang-2025.docx');
  const xlsx = fixture('xlsx/rongxiang-2025.xlsx');
  const donors = [...html, docx, xlsx];

  it('1500 damaged web pages (UTF-8 and GBK)', async () => {
    const tally = await run(1500, () => mutateBytes(html[int(html.length)] as Uint8Array, donors));
    assert.ok(tally.read > 1000, 'most damaged pages still read');
  });

  it('900 damaged Word files: bytes of the zip, and XML inside an intact zip', async () => {
    const tally = await run(900, () => (int(3) === 0 ? mutateZipPart(docx) : mutateBytes(docx, donors)));
    assert.ok((tally.refused.get('CORRUPT') ?? 0) > 100, 'broken containers are reported as damaged');
    assert.ok(tally.read > 100, 'broken XML inside an intact zip is still read');
  });

  it('300 damaged Excel files: bytes of the zip, and XML inside an intact zip', async () => {
    const tally = await run(300, () => (int(2) === 0 ? mutateZipPart(xlsx) : mutateBytes(xlsx, donors)));
    assert.ok((tally.refused.get('CORRUPT') ?? 0) > 50);
  });

  it('300 damaged web archives (.mht)', async () => {
    const page = Buffer.from(html[0] as Uint8Array)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const archive = utf8.encode(
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"; boundary="--b--"\r\n\r\n' +
        `----b--\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n${page}\r\n----b----\r\n`,
    );
    const tally = await run(300, () => mutateBytes(archive, donors));
    assert.ok(tally.read > 100);
  });

  it('500 random and truncated byte strings behind real magic numbers', async () => {
    const prefixes = [
      [],
      [0x50, 0x4b, 0x03, 0x04],
      [0xd0, 0xcf, 0x11, 0xe0],
      [0xef, 0xbb, 0xbf],
      [0xff, 0xfe],
      [0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e],
    ];
    const tally = await run(500, () => {
      const prefix = prefixes[int(prefixes.length)] as number[];
      const body = Uint8Array.from({ length: int(3000) }, () => int(256));
      return new Uint8Array([...prefix, ...body]);
    });
    assert.ok(tally.refused.size > 0);
  });
});
