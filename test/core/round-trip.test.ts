/**
 * Round trip: reading what the writer wrote gives back the same JSON — for many random valid reports (both
 * formats, with blank cells), in every output format.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { interpretDocument } from '../../src/core/read/interpret-document.ts';
import { randomReport } from '../../src/core/report/random-report.ts';
import { readDocument } from '../../src/readers/read-document.ts';
import { renderReport } from '../../src/writers/render-report.ts';

const RUNS = { txt: 200, html: 200, docx: 40, xlsx: 40, pdf: 15 } as const;

describe('round trip writer → reader', () => {
  for (const [format, numRuns] of Object.entries(RUNS) as [keyof typeof RUNS, number][]) {
    it(`${format}: ${numRuns} random reports come back identical`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          fc.constantFrom<'2021' | '2019'>('2021', '2021', '2019'),
          fc.constantFrom(0, 0, 0.05),
          async (seed, version, blankRate) => {
            const report = randomReport(seed, { format: version, blankRate });
            const bytes = await renderReport(report, format);
            const { report: back } = interpretDocument(await readDocument(bytes));
            assert.deepEqual(back, report);
          },
        ),
        { numRuns, seed: 20261122 },
      );
    });
  }
});
