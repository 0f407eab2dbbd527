/**
 * Run in a fresh process by the reader benchmark (compiled as dist/ is, compiled-probe.ts): times the read + check of
 * the PDF at the path given (time-five-page.ts) and prints FivePageTimes as JSON. GONGKAI_PDFJS_STOCK_WORKER=1 reads
 * with pdf.js as shipped, for comparison in the same run (a process loads pdf.js once).
 */
import { timeFivePage } from './time-five-page.ts';

const [path, runs] = process.argv.slice(2);
if (!path) throw new Error('usage: five-page-probe <pdf path> [runs]');
process.stdout.write(JSON.stringify(await timeFivePage(path, Number(runs ?? 11))));
