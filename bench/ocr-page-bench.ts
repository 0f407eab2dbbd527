/**
 * Issue 10 item 6 ("OCR of one scanned page reported"): a row of the reader section — recognising one scanned page
 * (the page of table 3 of scanned-clean-300dpi.pdf) against reading the same page from its text layer
 * (writer-rongxiang-2025.pdf), in the same run. Wall time, and CPU time including the child processes: OCR runs in
 * pdftoppm and tesseract, which this process's own CPU clock does not see.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingOcrPackages } from '../src/readers/ocr-pdf-pages.ts';
import { readPdf } from '../src/readers/read-pdf.ts';
import type { BenchRow } from './bench-row.ts';

const dir = new URL('../test/fixtures/pdf/', import.meta.url);

/** CPU time of this process and of the children it waited for (the OCR's pdftoppm and tesseract), Linux. */
function cpuWithChildren(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = [11, 12, 13, 14].reduce((s, i) => s + Number(fields[i] ?? 0), 0); // utime stime cutime cstime
  return ticks * 10; // USER_HZ is 100 on Linux
}

export async function ocrPageRow(): Promise<BenchRow> {
  const name = '扫描件一页 OCR 读取（300 dpi，表三所在页，含渲染）：墙钟时间';
  const missing = await missingOcrPackages();
  if (missing.length > 0) return { name: `${name}（未安装 ${missing.join('、')}，未测量）`, value: 0, unit: 'ms' };
  const tmp = mkdtempSync(join(tmpdir(), 'gongkai-bench-ocr-'));
  try {
    const page = (from: string, to: string) => {
      execFileSync('pdfseparate', ['-f', '2', '-l', '2', new URL(from, dir).pathname, join(tmp, to)]);
      return new Uint8Array(readFileSync(join(tmp, to)));
    };
    const scan = page('ocr/scanned-clean-300dpi.pdf', 'scan.pdf');
    const text = page('writer-rongxiang-2025.pdf', 'text.pdf');
    const median = async (bytes: Uint8Array, runs: number) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const [t, c] = [performance.now(), cpuWithChildren()];
        await readPdf(bytes);
        wall.push(performance.now() - t);
        cpu.push(cpuWithChildren() - c);
      }
      const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      return { wall: mid(wall), cpu: mid(cpu) };
    };
    await readPdf(text); // warm pdf.js
    const ocr = await median(scan, 3);
    const layer = await median(text, 7);
    return {
      name,
      value: ocr.wall,
      unit: 'ms',
      reference: `CPU（含子进程）${ocr.cpu.toFixed(0)} ms；同页文本层读取：墙钟 ${layer.wall.toFixed(1)} ms（${(ocr.wall / Math.max(layer.wall, 0.1)).toFixed(0)}×），CPU ${layer.cpu.toFixed(0)} ms（${(ocr.cpu / Math.max(layer.cpu, 1)).toFixed(0)}×）`,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
