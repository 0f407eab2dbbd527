/**
 * XML 1.0 cannot hold most control characters (nor U+FFFE/U+FFFF). Text read from a scanned or pasted source can
 * carry one, and a single stray character makes Word or Excel refuse the whole file, so DOCX and XLSX writers drop them.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}
