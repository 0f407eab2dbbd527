import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { ReadError } from '../core/read/read-error.ts';
import { seededRandom } from '../core/report/random-report.ts';
import { decodeText, detectKind, looksLikeHtml } from './detect-kind.ts';

const fixture = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

function rejects(input: Uint8Array, code: string, message: RegExp): void {
  assert.throws(
    () => detectKind(input),
    (error: unknown) => error instanceof ReadError && error.code === code && message.test(error.message),
  );
}

describe('detectKind: by content, never by name', () => {
  it('a PDF is a PDF whatever it is called, also with junk before the header', () => {
    const pdf = utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-detect-'));
    writeFileSync(join(dir, '年度报告.txt'), pdf);
    assert.equal(detectKind(new Uint8Array(readFileSync(join(dir, '年度报告.txt')))), 'pdf');
    assert.equal(detectKind(new Uint8Array([...utf8('garbage from a mail gateway\r\n'), ...pdf])), 'pdf');
  });

  it('"%PDF-" far into a text file does not make it a PDF', () => {
    assert.equal(detectKind(utf8(`${'说明文字。'.repeat(300)}\n见附件 %PDF-1.4 格式`)), 'text');
  });

  it('DOCX and XLSX are told apart by the parts inside the zip', async () => {
    assert.equal(detectKind(fixture('docx/rongxiang-2025.docx')), 'docx');
    assert.equal(detectKind(fixture('xlsx/rongxiang-2025.xlsx')), 'xlsx');
  });

  it('a zip cut in half is still recognised from its first local headers', () => {
    assert.equal(detectKind(fixture('docx/rongxiang-2025-truncated.docx')), 'docx');
    assert.equal(detectKind(fixture('xlsx/rongxiang-2025-truncated.xlsx')), 'xlsx');
  });

  it('a zip without Word or Excel parts is refused with a Chinese message', async () => {
    const zip = new JSZip();
    zip.file('报告.txt', '一、总体情况');
    const data = await zip.generateAsync({ type: 'uint8array' });
    rejects(data, 'UNSUPPORTED_FORMAT', /没有 Word（\.docx）或 Excel（\.xlsx）文档/);
  });

  it('an Excel binary workbook (.xlsb) is refused by name of its format', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.bin', new Uint8Array([1, 2, 3]));
    rejects(await zip.generateAsync({ type: 'uint8array' }), 'UNSUPPORTED_FORMAT', /\.xlsb/);
  });

  it('legacy .doc/.xls (OLE) and RTF are refused, not read as text', () => {
    rejects(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0), 'UNSUPPORTED_FORMAT', /\.doc\/\.xls/);
    rejects(utf8('{\\rtf1\\ansi 一、总体情况}'), 'UNSUPPORTED_FORMAT', /RTF/);
  });

  it('HTML pages, with BOM, comments, doctype or as a fragment', () => {
    assert.equal(detectKind(fixture('html/rongxiang-2025.html')), 'html');
    assert.equal(
      detectKind(utf8('\ufeff  <!-- saved from url=(0042)http://www.example.gov.cn/ -->\n<!DOCTYPE html>\n<html>')),
      'html',
    );
    assert.equal(
      detectKind(utf8('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<div>x</div>')),
      'html',
    );
    assert.equal(detectKind(utf8('<table><tr><td>规章</td><td>0</td></tr></table>')), 'html');
    assert.ok(looksLikeHtml('荣巷街道2025年政府信息公开工作年度报告\n<p>一、总体情况</p><p>正文</p><br>'));
  });

  it('plain text stays text even when it mentions a tag or a comparison', () => {
    assert.equal(detectKind(fixture('seeds/000_634df97904522664.txt')), 'text');
    assert.equal(detectKind(utf8('一、总体情况\n申请数 < 10 的按 <p> 段落处理\n')), 'text');
  });

  it('empty and blank input: 文件为空', () => {
    rejects(new Uint8Array(0), 'EMPTY', /^文件为空$/);
    rejects(utf8(' \r\n\t \u3000'), 'EMPTY', /^文件为空$/);
    rejects(bytes(0xef, 0xbb, 0xbf), 'EMPTY', /^文件为空$/);
  });

  it('binary garbage and images are not documents', () => {
    const rand = seededRandom(42);
    const garbage = Uint8Array.from({ length: 4096 }, () => Math.floor(rand() * 256));
    rejects(garbage, 'BINARY', /不是可识别的文档/);
    const png = bytes(
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      0x0d,
      0x49,
      0x48,
      0x44,
      0x52,
      0,
      0,
      1,
      0,
    );
    rejects(png, 'BINARY', /不是可识别的文档/);
  });
});

describe('decodeText', () => {
  // "政府信息公开工作年度报告" in GBK (iconv -t GBK).
  const GBK_TITLE = bytes(
    0xd5,
    0xfe,
    0xb8,
    0xae,
    0xd0,
    0xc5,
    0xcf,
    0xa2,
    0xb9,
    0xab,
    0xbf,
    0xaa,
    0xb9,
    0xa4,
    0xd7,
    0xf7,
    0xc4,
    0xea,
    0xb6,
    0xc8,
    0xb1,
    0xa8,
    0xb8,
    0xe6,
  );

  it('GBK text without any declaration is decoded as GB18030', () => {
    assert.equal(decodeText(GBK_TITLE), '政府信息公开工作年度报告');
  });

  it('a GBK page declaring charset=gb2312 is decoded and detected as HTML', () => {
    const page = fixture('html/chaotianmen-2025-gbk.html');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(page));
    const text = decodeText(page);
    assert.ok(text.includes('重庆市渝中区人民政府朝天门街道办事处2025年政府信息公开工作年度报告'));
    assert.ok(!text.includes('\ufffd'));
    assert.equal(detectKind(page), 'html');
  });

  it('UTF-8 with one damaged byte stays UTF-8 instead of turning into GBK mojibake', () => {
    const data = utf8('一、总体情况：本年共收到政府信息公开申请8件，均已按期答复。'.repeat(5));
    data[10] = 0xff;
    const text = decodeText(data);
    assert.ok(text.includes('本年共收到政府信息公开申请8件'));
    assert.ok([...text.matchAll(/\ufffd/g)].length <= 3);
  });

  it('UTF-16 with either byte-order mark, and little-endian UTF-16 without one', () => {
    const text = '荣巷街道 2025 年报告 report';
    const le = new Uint8Array(text.length * 2);
    const be = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 * i] = c & 0xff;
      le[2 * i + 1] = c >> 8;
      be[2 * i] = c >> 8;
      be[2 * i + 1] = c & 0xff;
    }
    assert.equal(decodeText(new Uint8Array([0xff, 0xfe, ...le])), text);
    assert.equal(decodeText(new Uint8Array([0xfe, 0xff, ...be])), text);
    const ascii = 'Annual report 2025 of the street office, tables follow.';
    const le2 = new Uint8Array(ascii.length * 2);
    for (let i = 0; i < ascii.length; i++) le2[2 * i] = ascii.charCodeAt(i);
    assert.equal(decodeText(le2), ascii);
  });

  it('a UTF-8 BOM is removed', () => {
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('一、总体情况')])), '一、总体情况');
  });
});
