import { fileTypeFromBuffer } from 'file-type';
import { detectKind } from '../../../readers/detect-kind.ts';
import type { FileKind } from './upload-policy.ts';

/** How much of the start of a file decides its kind (the readers' text/HTML heuristics look at 64 KiB). */
export const sniffBytes = 64 * 1024;

/**
 * The kind of a file from its first bytes: `file-type` for binary formats (images, PDF, the Office containers),
 * the readers' detector (src/readers/detect-kind.ts) for zip-based documents it cannot tell apart from the head
 * alone and for HTML and text (UTF-8, GBK, UTF-16). A recognised format outside the list (an executable, an
 * archive, an SVG, an old .doc) and anything unreadable give undefined.
 */
export async function sniffFileKind(head: Uint8Array): Promise<FileKind | undefined> {
  if (head.byteLength === 0) return undefined;
  const ft = await fileTypeFromBuffer(head);
  switch (ft?.ext) {
    case 'pdf':
    case 'png':
    case 'gif':
    case 'webp':
    case 'docx':
    case 'xlsx':
      return ft.ext;
    case 'jpg':
      return 'jpeg';
    case 'tif':
      return 'tiff';
    case 'zip':
      // An Office document the head alone did not tell apart, else a plain archive (only routes that list 'zip',
      // such as the report import, accept one).
      return fromReaders(head) ?? 'zip';
    case undefined:
    case 'xml':
      return fromReaders(head);
    default:
      return undefined;
  }
}

function fromReaders(head: Uint8Array): FileKind | undefined {
  try {
    const kind = detectKind(head);
    return kind === 'pdf' || kind === 'docx' || kind === 'xlsx' || kind === 'html' || kind === 'text'
      ? kind
      : undefined;
  } catch {
    return undefined;
  }
}
