/**
 * Run in a fresh process by the reader benchmark: the peak memory of reading a zip bomb is only measurable where
 * nothing else has raised the peak before. Prints {cpuMs, baselineMb, peakMb, refused} as JSON.
 */
import { readFileSync } from 'node:fs';
import { ReadError } from '../src/core/read/read-error.ts';
import { readDocument } from '../src/readers/read-document.ts';

const bomb = new Uint8Array(readFileSync(new URL('../test/fixtures/docx/bomb-lying-sizes.docx', import.meta.url)));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// readDocument imports the Word reader (and jszip) on the first .docx: loaded here, so that only the refusal is
// measured, as when the reader was imported up front.
await import('../src/readers/read-docx.ts');
const baselineMb = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const start = cpu();
let refused = '';
try {
  await readDocument(bomb);
} catch (e) {
  refused = e instanceof ReadError ? e.code : String(e);
}
const cpuMs = cpu() - start;
const peakMb = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
process.stdout.write(JSON.stringify({ cpuMs, baselineMb, peakMb, refused, bytes: bomb.length }));
