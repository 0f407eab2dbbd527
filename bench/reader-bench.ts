/**
 * Reader accuracy on real-layout PDFs (issue 10): for every PDF fixture that has an expected report
 * (`test/fixtures/pdf/<name>.expected.json`), the table cells read exactly vs expected, cells read wrong (must be
 * 0), error-level findings (a consistent fixture must have none, a fixture with a published error only its own),
 * and the read time per page (median of a few reads, warm). `BENCH_ONLY=reader npm run bench` or
 * `node --import tsx bench/reader-bench.ts` to print the table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { checkDocument } from '../src/core/check/check-document.ts';
import type { Report } from '../src/core/report/report-schema.ts';
import { readPdf } from '../src/readers/read-pdf.ts';
import type { BenchRow } from './bench-row.ts';

const dir = new URL('../test/fixtures/pdf/', import.meta.url);

/** Every table cell of a report as path → value (t2, t3, t4 leaves). */
export function tableCells(report: Report): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, path: string) => {
    if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, `${path}.${k}`);
    } else out.set(path, node);
  };
  for (const t of ['t2', 't3', 't4'] as const) walk(report[t], t);
  return out;
}

export interface ReaderScore {
  name: string;
  pages: number;
  expected: number;
  exact: number;
  wrong: number;
  errors: string[];
  msPerPage: number;
}

export async function scorePdf(name: string, runs = 5): Promise<ReaderScore> {
  const bytes = new Uint8Array(readFileSync(new URL(name, dir)));
  const expected = JSON.parse(readFileSync(new URL(name.replace(/\.pdf$/, '.expected.json'), dir), 'utf8')) as Report;
  const doc = await readPdf(bytes);
  const { report, findings } = checkDocument(doc);
  const want = tableCells(expected);
  const got = tableCells(report);
  let exact = 0;
  let wrong = 0;
  for (const [path, value] of want) {
    const read = got.get(path);
    if (read === value) exact++;
    else if (read !== null && read !== undefined) wrong++;
  }
  const pages = Math.max(1, new Set(doc.blocks.map((b) => b.source.page ?? 1)).size);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await readPdf(bytes);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    pages,
    expected: want.size,
    exact,
    wrong,
    errors: findings.filter((f) => f.level === 'error').map((f) => f.code),
    msPerPage: (times[Math.floor(times.length / 2)] ?? 0) / pages,
  };
}

export function pdfFixturesWithExpected(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .filter((f) => readdirSync(dir).includes(f.replace(/\.pdf$/, '.expected.json')))
    .sort();
}

export async function runReaderBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let exact = 0;
  let expected = 0;
  for (const name of pdfFixturesWithExpected()) {
    const s = await scorePdf(name);
    exact += s.exact;
    expected += s.expected;
    rows.push({
      name: `${name}：单元格读对 ${s.exact}/${s.expected}，读错 ${s.wrong}，错误级发现 ${s.errors.join('、') || '无'}`,
      value: s.msPerPage,
      unit: 'ms/页',
      ok: s.wrong === 0,
    });
  }
  rows.push({
    name: `全部 PDF：单元格读对 ${exact}/${expected}`,
    value: (100 * exact) / Math.max(1, expected),
    unit: '%',
  });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of pdfFixturesWithExpected()) {
    const s = await scorePdf(name);
    console.log(
      `${s.name}\tpages ${s.pages}\tcells ${s.exact}/${s.expected}\twrong ${s.wrong}\terrors [${s.errors.join(',')}]\t${s.msPerPage.toFixed(1)} ms/page`,
    );
  }
}
