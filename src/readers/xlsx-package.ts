/**
 * The parts of an XLSX package the reader needs, parsed with htmlparser2 in XML mode: the sheets in workbook
 * order (name, visibility, XML), the shared strings, and per cell style whether it draws a border and whether
 * it shows a number as a date. See read-xlsx.ts for why this is not done with exceljs.
 */
import { Parser } from 'htmlparser2';
import type JSZip from 'jszip';
import { damagedError, readZipText } from './open-zip.ts';

export interface XlsxSheet {
  /** 1-based position in the workbook, hidden sheets included (source.table). */
  number: number;
  name: string;
  hidden: boolean;
  xml: string;
}

export interface XlsxPackage {
  sheets: XlsxSheet[];
  sharedStrings: string[];
  /** Per cell style index (the `s` attribute of a cell). */
  bordered: boolean[];
  dateStyle: boolean[];
  /** The workbook counts days from 1904 (old Mac Excel) instead of 1900. */
  date1904: boolean;
}

const LABEL = 'Excel';

/** SpreadsheetML written by .NET tools often carries a prefix (x:row); the local name is what matters. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

type OpenTag = (name: string, attribs: Record<string, string>) => void;

/** Streams XML, calling back with local tag names; `text` gets character data, `close` closing tags. */
export function walkXml(
  xml: string,
  open: OpenTag,
  text?: (data: string) => void,
  close?: (name: string) => void,
): void {
  const parser = new Parser(
    {
      onopentag: (name, attribs) => open(localName(name), attribs),
      ontext: text,
      onclosetag: close ? (name) => close(localName(name)) : undefined,
    },
    { xmlMode: true },
  );
  parser.end(xml);
}

async function optionalText(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path) ? readZipText(zip, path, LABEL) : undefined;
}

/** Relationship targets are relative to xl/ unless they start with '/'. */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** Excel writes `_x000D_` for characters XML cannot hold. */
export function unescapeOoxml(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  walkXml(
    xml,
    (name) => {
      if (name === 'si') current = [];
      else if (name === 'rPh')
        phonetic++; // furigana/pinyin guides are not part of the value
      else if (name === 't') inText = true;
    },
    (data) => {
      if (inText && phonetic === 0 && current) current.push(data);
    },
    (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(unescapeOoxml((current ?? []).join('')));
        current = undefined;
      }
    },
  );
  return strings;
}

/** Built-in number formats that show a date (ECMA-376 18.8.30, with the CJK ids 27–36 and 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

function isDateFormat(code: string): boolean {
  // Ignore quoted literals ("年") and bracketed parts ([Red], [$-804]) before looking for day or year codes.
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return /[yd]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function parseStyles(xml: string): { bordered: boolean[]; dateStyle: boolean[] } {
  const customDate = new Map<number, boolean>();
  const borders: boolean[] = [];
  const bordered: boolean[] = [];
  const dateStyle: boolean[] = [];
  let section = '';
  let inBorder = false;
  let borderHasLine = false;
  walkXml(
    xml,
    (name, attribs) => {
      if (name === 'numFmt') {
        customDate.set(Number(attribs.numFmtId), isDateFormat(attribs.formatCode ?? ''));
      } else if (name === 'borders' || name === 'cellXfs' || name === 'cellStyleXfs') {
        section = name;
      } else if (section === 'borders' && name === 'border') {
        inBorder = true;
        borderHasLine = false;
      } else if (inBorder && /^(left|right|top|bottom|start|end)$/.test(name)) {
        if (attribs.style && attribs.style !== 'none') borderHasLine = true;
      } else if (section === 'cellXfs' && name === 'xf') {
        bordered.push(borders[Number(attribs.borderId ?? 0)] ?? false);
        const format = Number(attribs.numFmtId ?? 0);
        dateStyle.push(customDate.get(format) ?? BUILTIN_DATE_FORMATS.has(format));
      }
    },
    undefined,
    (name) => {
      if (name === 'border' && inBorder) {
        borders.push(borderHasLine);
        inBorder = false;
      } else if (name === section) {
        section = '';
      }
    },
  );
  return { bordered, dateStyle };
}

export async function readXlsxPackage(zip: JSZip): Promise<XlsxPackage> {
  const workbookXml = await readZipText(zip, 'xl/workbook.xml', LABEL);
  const relsXml = await optionalText(zip, 'xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  if (relsXml) {
    walkXml(relsXml, (name, attribs) => {
      if (name === 'Relationship' && attribs.Id && attribs.Target)
        targets.set(attribs.Id, resolveTarget(attribs.Target));
    });
  }
  const declared: { name: string; hidden: boolean; path: string }[] = [];
  let date1904 = false;
  walkXml(workbookXml, (name, attribs) => {
    if (name === 'workbookPr') date1904 = attribs.date1904 === '1' || attribs.date1904 === 'true';
    if (name !== 'sheet') return;
    const id = attribs['r:id'] ?? Object.entries(attribs).find(([key]) => localName(key) === 'id')?.[1];
    const path = id === undefined ? undefined : targets.get(id);
    declared.push({
      name: attribs.name ?? '',
      hidden: attribs.state === 'hidden' || attribs.state === 'veryHidden',
      path: path ?? `xl/worksheets/sheet${declared.length + 1}.xml`,
    });
  });
  if (declared.length === 0) throw damagedError(LABEL);
  const sheets: XlsxSheet[] = [];
  for (const [index, sheet] of declared.entries()) {
    // A chart sheet or a missing part has no cells to read; only a sheet whose part is unreadable is damage.
    if (!zip.file(sheet.path)) continue;
    sheets.push({
      number: index + 1,
      name: sheet.name,
      hidden: sheet.hidden,
      xml: await readZipText(zip, sheet.path, LABEL),
    });
  }
  const sharedXml = await optionalText(zip, 'xl/sharedStrings.xml');
  const stylesXml = await optionalText(zip, 'xl/styles.xml');
  const styles = stylesXml ? parseStyles(stylesXml) : { bordered: [], dateStyle: [] };
  return { sheets, sharedStrings: sharedXml ? parseSharedStrings(sharedXml) : [], ...styles, date1904 };
}
