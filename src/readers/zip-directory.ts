/**
 * A minimal look at a ZIP container without unpacking it: which files it holds and how big they say they are.
 * Used to tell DOCX from XLSX by content, to refuse a zip bomb before inflating it, and to recognise a
 * truncated Office file (no central directory, but local headers named word/… or xl/… at the front).
 */

export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** Infinity when the size is stored in a ZIP64 extra field (only huge files need that). */
  uncompressedSize: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_LENGTH = 22;
const MAX_COMMENT = 0xffff;
/** A hostile file could claim millions of entries; no Office document has this many. */
const MAX_ENTRIES = 100_000;

const utf8 = new TextDecoder('utf-8');

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Entries listed in the central directory, or null when there is no readable one (truncated or damaged). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < EOCD_LENGTH) return null;
  const data = view(bytes);
  const lowest = Math.max(0, bytes.length - EOCD_LENGTH - MAX_COMMENT);
  for (let at = bytes.length - EOCD_LENGTH; at >= lowest; at--) {
    if (data.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    const count = data.getUint16(at + 10, true);
    const size = data.getUint32(at + 12, true);
    const offset = data.getUint32(at + 16, true);
    if (offset + size > at) continue; // not a real EOCD (or a ZIP64 archive, which Office files never are)
    const entries = readCentral(data, offset, count, at);
    if (entries) return entries;
  }
  return null;
}

function readCentral(data: DataView, start: number, count: number, end: number): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  let at = start;
  for (let i = 0; i < count && i < MAX_ENTRIES; i++) {
    if (at + 46 > end || data.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const compressedSize = data.getUint32(at + 20, true);
    const uncompressed = data.getUint32(at + 24, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) return null;
    const name = utf8.decode(new Uint8Array(data.buffer, data.byteOffset + at + 46, nameLength));
    entries.push({ name, compressedSize, uncompressedSize: uncompressed === 0xffffffff ? Infinity : uncompressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Names in the local file headers that are present, for a zip whose central directory is gone. */
export function scanLocalNames(bytes: Uint8Array, limit = 64): string[] {
  const data = view(bytes);
  const names: string[] = [];
  for (let at = 0; at + 30 <= bytes.length && names.length < limit;) {
    const found = indexOfSignature(bytes, at);
    if (found === -1 || found + 30 > bytes.length) break;
    if (data.getUint32(found, true) === LOCAL_SIGNATURE) {
      const nameLength = data.getUint16(found + 26, true);
      const end = Math.min(bytes.length, found + 30 + nameLength);
      names.push(utf8.decode(bytes.subarray(found + 30, end)));
    }
    at = found + 4;
  }
  return names;
}

function indexOfSignature(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(0x50, from); i !== -1 && i + 3 < bytes.length; i = bytes.indexOf(0x50, i + 1)) {
    if (bytes[i + 1] === 0x4b && bytes[i + 2] === 0x03 && bytes[i + 3] === 0x04) return i;
  }
  return -1;
}
