/**
 * What a scanned report read by OCR must give (issue 10, item 6), for the tests of the scanned fixtures
 * (test/fixtures/pdf/ocr/): every table cell kept equals what the document prints, every cell not kept is null and
 * named in a finding, at least `atLeast` cells are kept, no error-level finding (the fixtures are consistent reports),
 * a reading finding says the text was recognised by OCR, and the temporary files are gone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableCells } from '../bench/reader-bench.ts';
import { checkDocument } from '../src/core/check/check-document.ts';
import { findingKind } from '../src/core/check/finding.ts';
import type { Report } from '../src/core/report/report-schema.ts';
import { readPdf } from '../src/readers/read-pdf.ts';

const dir = new URL('./fixtures/pdf/ocr/', import.meta.url);

/** Reads with TMPDIR pointing at a fresh directory: what the OCR leaves behind there is what it failed to remove. */
async function readLeavingNothing(bytes: Uint8Array): ReturnType<typeof readPdf> {
  const own = mkdtempSync(join(tmpdir(), 'gongkai-ocr-test-'));
  const before = process.env['TMPDIR'];
  process.env['TMPDIR'] = own;
  try {
    const doc = await readPdf(bytes);
    assert.deepEqual(readdirSync(own), [], 'temporary files removed');
    return doc;
  } finally {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
    rmSync(own, { recursive: true, force: true });
  }
}

export async function checkScannedRead(name: string, atLeast: number): Promise<void> {
  const doc = await readLeavingNothing(new Uint8Array(readFileSync(new URL(`${name}.pdf`, dir))));
  assert.deepEqual(doc.ocr?.pages, [1, 2, 3, 4]);
  const { report, findings } = checkDocument(doc);
  const truth = tableCells(JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), 'utf8')) as Report);
  const read = tableCells(report);
  const named = new Set(findings.flatMap((f) => f.cells ?? []));
  let kept = 0;
  for (const [path, value] of truth) {
    const got = read.get(path);
    if (got === null) {
      assert.ok(value === null || named.has(path), `${path}: not kept and not named in a finding`);
    } else {
      assert.equal(got, value, path);
      kept++;
    }
  }
  assert.ok(kept >= atLeast, `${kept} cells kept, expected at least ${atLeast}`);
  assert.deepEqual(
    findings.filter((f) => f.level === 'error').map((f) => f.message),
    [],
  );
  const ocr = findings.find((f) => f.code === 'OCR_TEXT');
  assert.ok(ocr && findingKind(ocr) === 'reading', 'the findings say the text was recognised by OCR');
  assert.match(ocr.message, /^第1、2、3、4页是扫描图像，文字由 OCR（文字识别）读出/);
  // Table 2 has no identity: none of its recognised values is kept.
  const t2 = Object.values(report.t2).flatMap((v) => (v !== null && typeof v === 'object' ? Object.values(v) : [v]));
  assert.deepEqual(
    t2.filter((v) => v !== null),
    [],
  );
  assert.equal(report.year, 2025);
  assert.match(report.sections['1'], /政府信息公开/);
}
