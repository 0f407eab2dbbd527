import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ReadError } from '../../core/read/read-error.ts';
import { detectAttachmentType } from './attachment-type.ts';
import { extractAttachmentText } from './extract-attachment-text.ts';

const fixture = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url)));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4IScHRww4OQD1xwwxB+utmQAAAABJRU5ErkJggg==',
  'base64',
);

test('the type comes from the bytes; anything else is refused with a Chinese message', async () => {
  assert.deepEqual(await detectAttachmentType(fixture('pdf/writer-rongxiang-2025.pdf')), { ok: true, type: 'pdf' });
  assert.deepEqual(await detectAttachmentType(fixture('docx/rongxiang-2025.docx')), { ok: true, type: 'docx' });
  assert.deepEqual(await detectAttachmentType(fixture('xlsx/rongxiang-2025.xlsx')), { ok: true, type: 'xlsx' });
  assert.deepEqual(await detectAttachmentType(new Uint8Array(PNG)), { ok: true, type: 'png' });
  const ole = new Uint8Array(2048);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const refused = [
    [new Uint8Array(0), /空文件/],
    [ole, /另存为 .docx/],
    [new TextEncoder().encode('<html><body>网页</body></html>'), /附件只能是 PDF/],
    [
      new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(200).fill(1)]),
      /附件只能是/,
    ],
  ] as const;
  for (const [bytes, message] of refused) {
    const r = await detectAttachmentType(bytes);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, message);
  }
  const bigImage = new Uint8Array(11 * 1024 * 1024);
  bigImage.set(PNG);
  const big = await detectAttachmentType(bigImage);
  assert.equal(big.ok, false);
  if (!big.ok) assert.match(big.message, /不能超过 10 MB/);
});

test('PDF, DOCX and XLSX text is extracted in a worker with the report readers', async () => {
  for (const path of ['pdf/writer-rongxiang-2025.pdf', 'docx/rongxiang-2025.docx', 'xlsx/rongxiang-2025.xlsx']) {
    const r = await extractAttachmentText(fixture(path));
    assert.equal(r.truncated, false);
    assert.match(r.text, /荣巷/, path);
    assert.ok(r.text.length > 500, path);
  }
  const cut = await extractAttachmentText(fixture('docx/rongxiang-2025.docx'), { maxChars: 100 });
  assert.equal(cut.truncated, true);
  assert.ok(cut.text.length <= 100);
  assert.deepEqual(await extractAttachmentText(new Uint8Array(PNG)), { type: 'png', text: '', truncated: false });
});

test('unreadable documents and runaway extraction end in a ReadError, never a hang', async () => {
  await assert.rejects(extractAttachmentText(fixture('pdf/scanned.pdf')), (e: unknown) => e instanceof ReadError);
  await assert.rejects(extractAttachmentText(fixture('pdf/encrypted.pdf')), /加密/);
  const started = Date.now();
  await assert.rejects(
    extractAttachmentText(fixture('pdf/writer-rongxiang-2025.pdf'), { timeoutMs: 5 }),
    (e: unknown) => {
      assert.ok(e instanceof ReadError);
      assert.equal(e.code, 'TIMEOUT');
      return true;
    },
  );
  assert.ok(Date.now() - started < 5000);
  await assert.rejects(
    extractAttachmentText(fixture('pdf/writer-rongxiang-2025.pdf'), { maxHeapMb: 2 }),
    (e: unknown) => {
      assert.ok(e instanceof ReadError);
      return true;
    },
  );
});
