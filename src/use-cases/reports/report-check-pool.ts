/**
 * Reading and checking published reports in child processes (issue 9 item 6): an import of thousands of files
 * reads them on every core while the server's event loop keeps answering requests. One pool per process, started
 * on first use; idle children exit after half a minute.
 */
import { availableParallelism } from 'node:os';
import type { CheckedReport } from '../../core/check/check-document.ts';
import type { Deadline } from '../../core/check/check-front-matter.ts';
import { ProcessPool } from '../../jobs/process-pool.ts';

export interface ReportCheckJob {
  bytes: Uint8Array;
  deadline?: Deadline;
}

/**
 * How V8 runs in each child.
 *
 * - `--single-threaded`: without its background compiler and GC threads. One Node process reading PDFs otherwise
 *   keeps ~1.5 cores busy, so a child per core oversubscribes them. Measured on 2 cores, 400 reports
 *   (HTML/DOCX/PDF/text), two children: 3.7–4.1 s with the flag against 5.0 s without, warm; 6.8–7.1 s against
 *   7.7–9.1 s cold.
 * - `--max-inlined-bytecode-size-cumulative=300` (V8's default 920): a child spends its first files mostly in
 *   TurboFan compiling pdf.js and the reader (with the flag above, on the reading thread), and the size of what is
 *   inlined drives that cost. Counted with valgrind (instructions, repeatable on a noisy machine), reading + checking
 *   the 5-page ruled PDF in a fresh child: reads 2–12 690 M instructions each with the default, 578–596 M with
 *   300 (two runs; −14 to −16 %; 500: 638 M, 100: 592 M); reads 13–40 420 M against 416 M — the smaller inlining
 *   costs nothing once warm.
 * - `--min-semi-space-size=16` (MB; V8 starts the young generation at 1 MB and grows it to its 16 MB maximum): a
 *   read allocates tens of megabytes of short-lived objects, and while the young generation resizes the kernel maps
 *   fresh pages for it. Per read of the 5-page PDF in a fresh child: ~1 100 page faults and 7.7–8.3 ms of system
 *   time with V8's default, ~470 and 3.4–4.1 ms with the flag; the instructions run are the same (580 M against
 *   583 M, valgrind). The cost is the 16 MB taken at once.
 */
export const READER_CHILD_FLAGS = [
  '--single-threaded',
  '--max-inlined-bytecode-size-cumulative=300',
  '--min-semi-space-size=16',
] as const;

let pool: ProcessPool<ReportCheckJob, CheckedReport> | undefined;

/** The process's report check pool: one child per core (at most four), 1 GB heap and 10 minutes per file. */
export function reportCheckPool(): ProcessPool<ReportCheckJob, CheckedReport> {
  pool ??= new ProcessPool<ReportCheckJob, CheckedReport>({
    module: new URL('./report-check-worker.ts', import.meta.url),
    size: Math.max(1, Math.min(4, availableParallelism())),
    // OCR of a 30-page scan is the slowest honest read (ocr-pdf-pages.ts caps it); beyond that the file is stuck.
    timeoutMs: 10 * 60_000,
    maxHeapMb: 1024,
    idleMs: 30_000,
    flags: READER_CHILD_FLAGS,
  });
  return pool;
}
