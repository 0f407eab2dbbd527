/**
 * Run in a fresh process by the reader benchmark, with GONGKAI_PDFJS_STOCK_WORKER=1: the 5-page read + check with
 * pdf.js as shipped, for comparison in the same run (a process loads pdf.js once). Prints FivePageTimes as JSON.
 */
import { timeFivePage } from './reader-bench.ts';

const [name, runs] = process.argv.slice(2);
process.stdout.write(JSON.stringify(await timeFivePage(name, Number(runs ?? 11))));
