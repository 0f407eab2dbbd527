/**
 * Web archives (.mht/.mhtml): what "save as single file" in IE/Edge/Chrome and Word's "单个文件网页" produce, and
 * a common way for staff to keep a published report. The file is a MIME message; the page is its first text/html
 * part, usually quoted-printable, often in GB2312. This takes that part out so the HTML reader can read it.
 */
const LATIN1 = new TextDecoder('latin1');
const HEAD_BYTES = 4096;

/** A MIME header block with a multipart/related body near the start of the file. */
export function looksLikeMhtml(bytes: Uint8Array): boolean {
  const head = LATIN1.decode(bytes.subarray(0, HEAD_BYTES));
  return /^MIME-Version:\s*1\.0/im.test(head) && /Content-Type:\s*multipart\/related/i.test(head);
}

function header(headers: string, name: string): string | undefined {
  // Header lines may be folded: a continuation line starts with a blank.
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return m?.[1]?.trim();
}

function parameter(value: string, name: string): string | undefined {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function quotedPrintable(body: string): Uint8Array {
  const text = body.replace(/=\r?\n/g, '');
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out[n++] = Number.parseInt(text.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[n++] = ch & 0xff;
    }
  }
  return out.subarray(0, n);
}

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/**
 * The bytes and declared charset of the archive's page, or undefined when there is no HTML part. The caller
 * decodes the bytes (declared charset first, the usual UTF-8/GB18030 detection otherwise).
 */
export function mhtmlHtmlPart(bytes: Uint8Array): { bytes: Uint8Array; charset: string | undefined } | undefined {
  const text = LATIN1.decode(bytes);
  const split = /\r?\n\r?\n/.exec(text);
  if (!split) return undefined;
  const topHeaders = text.slice(0, split.index);
  const boundary = parameter(header(topHeaders, 'Content-Type') ?? '', 'boundary');
  if (!boundary) return undefined;
  for (const part of text.split(`--${boundary}`).slice(1)) {
    const gap = /\r?\n\r?\n/.exec(part);
    if (!gap) continue;
    const headers = part.slice(0, gap.index);
    const type = header(headers, 'Content-Type') ?? '';
    if (!/^text\/html/i.test(type)) continue;
    const body = part.slice(gap.index + gap[0].length);
    const encoding = (header(headers, 'Content-Transfer-Encoding') ?? '').toLowerCase();
    const data =
      encoding === 'quoted-printable'
        ? quotedPrintable(body)
        : encoding === 'base64'
          ? new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'))
          : latin1Bytes(body);
    return { bytes: data, charset: parameter(type, 'charset')?.toLowerCase() };
  }
  return undefined;
}
