/**
 * Issue 10's timed read: read + check of one PDF, as a check child does it. Run in fresh processes by
 * five-page-probe.ts (compiled as dist/ is: see compiled-probe.ts); kept apart from reader-bench.ts so the probe's
 * bundle holds only this.
 */
import { readFileSync } from 'node:fs';
import { checkDocument } from '../src/core/check/check-document.ts';
import { readPdf } from '../src/readers/read-pdf.ts';
import { cpuNow } from '../test/cpu-clock.ts';

export interface FivePageTimes {
  /** Median CPU time (ms) of read + check with drawn tables read by their grid, and its wall time. */
  cpu: number;
  wall: number;
  /** The same by text position only. */
  textCpu: number;
  /** Median CPU time with drawn tables once the process has read the file 32 times (V8 has compiled pdf.js). */
  steadyCpu: number;
}

/**
 * Read + check of the PDF at `path`, warm (one read first: fonts and code paths of this file), the median of `runs`
 * reads; CPU time of the process (one thread does the work), wall time beside it. Then the same by text position
 * only, and with drawn tables again once the process has read the file 32 times.
 */
export async function timeFivePage(path: string, runs = 11): Promise<FivePageTimes> {
  const bytes = new Uint8Array(readFileSync(path));
  const time = async (grid: boolean) => {
    checkDocument(await readPdf(bytes, { drawnTables: grid })); // warm: fonts and code paths of this file
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [c, w] = [cpuNow(), performance.now()];
      checkDocument(await readPdf(bytes, { drawnTables: grid }));
      cpu.push(cpuNow() - c);
      wall.push(performance.now() - w);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    return { cpu: median(cpu), wall: median(wall) };
  };
  const grid = await time(true);
  const text = await time(false);
  for (let i = 0; i < 32 - 2 * (runs + 1); i++) checkDocument(await readPdf(bytes));
  const steady = await time(true);
  return { cpu: grid.cpu, wall: grid.wall, textCpu: text.cpu, steadyCpu: steady.cpu };
}
