import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { interpretDocument } from '../core/read/interpret-document.ts';
import { ReadError } from '../core/read/read-error.ts';
import { MAX_INPUT_BYTES, readDocument } from './read-document.ts';

const fixture = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url)));

function readError(code: string, message: RegExp): (error: unknown) => boolean {
  return (error) =>
    error instanceof ReadError &&
    error.code === code &&
    message.test(error.message) &&
    /[\u4e00-\u9fff]/.test(error.message);
}

describe('readDocument: dispatch by content', () => {
  for (const [path, kind] of [
    ['html/rongxiang-2025.html', 'html'],
    ['html/chaotianmen-2025-gbk.html', 'html'],
    ['docx/rongxiang-2025.docx', 'docx'],
    ['xlsx/rongxiang-2025.xlsx', 'xlsx'],
    ['seeds/003_5c92d2d32d5cb08a.txt', 'text'],
  ] as const) {
    it(`${path} → ${kind}`, async () => {
      const doc = await readDocument(fixture(path));
      assert.equal(doc.kind, kind);
      assert.ok(doc.blocks.length > 20);
    });
  }
});

describe('readDocument: web archives (.mht) saved from a browser or Word', () => {
  /** Quoted-printable as MIME writers produce it: 76-character lines, soft breaks, =XX for non-ASCII and '='. */
  function quotedPrintable(data: Uint8Array): string {
    let out = '';
    let line = '';
    for (const byte of data) {
      const ch =
        byte === 0x0a
          ? '\n'
          : byte >= 0x20 && byte < 0x7f && byte !== 0x3d
            ? String.fromCharCode(byte)
            : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      if (ch === '\n') {
        out += `${line}\r\n`;
        line = '';
        continue;
      }
      if (line.length + ch.length > 75) {
        out += `${line}=\r\n`;
        line = '';
      }
      line += ch;
    }
    return out + line;
  }

  it('reads the page of a GB2312 web archive as HTML', async () => {
    const page = fixture('html/chaotianmen-2025-gbk.html');
    const archive = [
      'From: <由 Internet Explorer 保存>',
      'Subject: =?gb2312?B?1tjH7A==?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related;',
      '\ttype="text/html";',
      '\tboundary="----=_NextPart_000_0000_01DC8A1B.5C2E3F40"',
      '',
      'This is a multi-part message in MIME format.',
      '',
      '------=_NextPart_000_0000_01DC8A1B.5C2E3F40',
      'Content-Type: text/html;',
      '\tcharset="gb2312"',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Location: http://www.cqyz.gov.cn/zwgk/ndbg/2026/0120/1.html',
      '',
      quotedPrintable(page),
      '',
      '------=_NextPart_000_0000_01DC8A1B.5C2E3F40',
      'Content-Type: image/gif',
      'Content-Transfer-Encoding: base64',
      '',
      'R0lGODlhAQABAAAAACw=',
      '------=_NextPart_000_0000_01DC8A1B.5C2E3F40--',
    ].join('\r\n');
    const fromArchive = await readDocument(new TextEncoder().encode(archive));
    const fromPage = await readDocument(page);
    assert.equal(fromArchive.kind, 'html');
    assert.deepEqual(fromArchive.blocks, fromPage.blocks);
  });

  it('an archive without an HTML part is damaged', async () => {
    const archive =
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--';
    await assert.rejects(readDocument(new TextEncoder().encode(archive)), readError('CORRUPT', /网页存档/));
  });
});

describe('readDocument: inputs that cannot be read give a ReadError with a Chinese message', () => {
  it('empty input', async () => {
    await assert.rejects(readDocument(new Uint8Array(0)), readError('EMPTY', /^文件为空$/));
  });

  it('over the size limit, refused before any parsing', async () => {
    assert.equal(MAX_INPUT_BYTES, 50 * 1024 * 1024);
    const big = new Uint8Array(MAX_INPUT_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-1.7'));
    await assert.rejects(readDocument(big), readError('TOO_LARGE', /超过 50 MB/));
  });

  it('binary garbage', async () => {
    const garbage = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256);
    await assert.rejects(readDocument(garbage), readError('BINARY', /不是可识别的文档/));
  });

  it('a DOCX or XLSX cut in half: 文件不完整或已损坏', async () => {
    await assert.rejects(
      readDocument(fixture('docx/rongxiang-2025-truncated.docx')),
      readError('CORRUPT', /文件不完整或已损坏/),
    );
    await assert.rejects(
      readDocument(fixture('xlsx/rongxiang-2025-truncated.xlsx')),
      readError('CORRUPT', /文件不完整或已损坏/),
    );
  });

  it('a DOCX whose compressed text is broken (intact directory, bad deflate data)', async () => {
    const zip = new JSZip();
    zip.file(
      'word/document.xml',
      `<w:document><w:body>${'<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>'.repeat(200)}</w:body></w:document>`,
    );
    const data = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const nameLength = data[26] ?? 0;
    const start = 30 + nameLength;
    data.fill(0xff, start, start + 40);
    await assert.rejects(readDocument(data), readError('CORRUPT', /Word 文件不完整或已损坏/));
  });
});

describe('readDocument + interpretDocument: the fixtures read as reports', () => {
  it('the same report as web page, Word and Excel gives the same tables', async () => {
    const reports = await Promise.all(
      ['html/rongxiang-2025.html', 'docx/rongxiang-2025.docx', 'xlsx/rongxiang-2025.xlsx'].map(
        async (path) => interpretDocument(await readDocument(fixture(path))).report,
      ),
    );
    for (const report of reports) {
      assert.equal(report.title, '荣巷街道2025年政府信息公开工作年度报告');
      assert.equal(report.dated, '2026-01-15');
      assert.deepEqual(report.t3.new, {
        natural: 8,
        commercial: 0,
        research: 0,
        social: 0,
        legal: 0,
        other: 0,
        total: 8,
      });
      assert.equal(report.t3.unable1?.natural, 5);
      assert.deepEqual(report.t2, reports[0]?.t2);
      assert.deepEqual(report.t4, reports[0]?.t4);
    }
    assert.equal(reports[0]?.publishedAt, '2026-01-20T14:26:00+08:00');
  });

  it('damage in the fixtures is found, not papered over', async () => {
    const codes = async (path: string): Promise<string[]> =>
      interpretDocument(await readDocument(fixture(path))).findings.map((f) => f.code);
    assert.ok((await codes('html/chaotianmen-2025-gbk.html')).includes('HEADER_MISSING'));
    assert.ok((await codes('html/jiangyuan-2023-damaged-header.html')).includes('HEADER_MISSING'));
    assert.ok((await codes('html/dongxing-2025-missing-column.html')).includes('COLUMN_MISSING'));
    // Word and Excel pad a short row to the table grid with empty cells, so the missing column shows there as a
    // row of the wrong length or as blank cells — either way it is reported.
    for (const path of ['docx/dongxing-2025-missing-column.docx', 'xlsx/dongxing-2025-missing-column.xlsx']) {
      const found = await codes(path);
      assert.ok(found.includes('COLUMN_MISSING') || found.includes('BLANK_CELL'), `${path}: ${found.join(',')}`);
    }
  });

  it('a page or Word file that is not a report is still read; judging it is the interpreter’s job', async () => {
    for (const path of ['html/notice-no-table.html', 'docx/notice-no-table.docx']) {
      const doc = await readDocument(fixture(path));
      assert.ok(doc.blocks.length >= 5);
      assert.ok(doc.blocks.every((block) => block.kind === 'line'));
    }
  });
});
