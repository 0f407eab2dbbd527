/**
 * Hostile input the readers must refuse or read in bounded time and memory (issue 6, item 10): a zip bomb whose
 * directory lies about its sizes, and HTML with tables nested tens of thousands deep.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ReadError } from '../core/read/read-error.ts';
import { cpuNow } from '../../test/cpu-clock.ts';
import { readDocument } from './read-document.ts';
import { readHtml } from './read-html.ts';

describe('hostile input', () => {
  it('a 0.4 MB zip bomb that declares 2 KB and inflates to 256 MB is refused in < 1 s CPU, < 200 MB more memory', async () => {
    const bomb = new Uint8Array(
      readFileSync(new URL('../../test/fixtures/docx/bomb-lying-sizes.docx', import.meta.url)),
    );
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const start = cpuNow();
    await assert.rejects(readDocument(bomb), (e: unknown) => {
      assert.ok(e instanceof ReadError);
      assert.equal(e.code, 'TOO_LARGE');
      assert.match(e.message, /解压后超过 64 MB/);
      return true;
    });
    const took = cpuNow() - start;
    const grew = process.resourceUsage().maxRSS * 1024 - peakBefore;
    assert.ok(took < 1000, `took ${took.toFixed(0)} ms of CPU`);
    assert.ok(grew < 200 * 1024 * 1024, `peak memory grew by ${(grew / 2 ** 20).toFixed(0)} MB`);
  });

  it('1 MB of nested tables is read in linear time: deeper than 16 levels they are flattened', () => {
    const nested = (n: number) => '<table><tr><td>'.repeat(n) + '规章 0 0 0' + '</td></tr></table>'.repeat(n);
    const time = (n: number) => {
      const start = cpuNow();
      readHtml(nested(n));
      return cpuNow() - start;
    };
    time(1000); // warm up
    const small = time(4000);
    const large = time(16000);
    assert.ok(large < 6 * small + 200, `4000 levels ${small.toFixed(0)} ms, 16000 levels ${large.toFixed(0)} ms`);
    const doc = readHtml(nested(33000)); // ~1 MB
    assert.ok(
      doc.blocks.some((b) =>
        (b.kind === 'line' ? b.text : b.kind === 'row' ? b.cells.map((c) => c.text).join(' ') : b.text).includes(
          '规章',
        ),
      ),
    );
  });
});
