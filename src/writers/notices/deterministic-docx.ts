/**
 * The docx package stamps the clock into a document twice: `dcterms:created`/`modified` in docProps/core.xml and the
 * modification time of every zip entry. A notice must give the same bytes for the same content (it is stored,
 * hashed and compared), so both are replaced by the document's own date, and the archive is written again with
 * fixed entry dates, in the order docx wrote them ([Content_Types].xml first).
 */
import JSZip from 'jszip';

/** `iso` is the document date (YYYY-MM-DD); anything else falls back to a fixed date. */
export async function deterministicDocx(bytes: Uint8Array, iso: string): Promise<Uint8Array> {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : '2000-01-01';
  // JSZip writes entry times from the UTC fields, so this gives the same bytes in every server time zone.
  const [y, m, d] = day.split('-').map(Number);
  const entryDate = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1));
  const stamp = `${day}T00:00:00Z`;
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name];
    if (!entry || entry.dir) continue;
    let content: Uint8Array | string = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      content = new TextDecoder()
        .decode(content)
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
    }
    out.file(name, content, { date: entryDate, createFolders: false });
  }
  return out.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
}
