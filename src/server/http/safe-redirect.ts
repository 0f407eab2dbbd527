/**
 * The one way a user-supplied return address (`/prefs?back=`, the login form's `next`) becomes a redirect.
 *
 * Pattern checks on the raw text are how open redirects happen: browsers strip tabs and newlines from URLs,
 * treat `\` as `/`, and collapse `/./` — so `/\t/evil.example` passes `^\/(?!\/)` and lands off-site. Instead
 * the value is parsed the way a browser parses it (WHATWG URL, resolved against a fixed origin), the result
 * must have that same origin, and what is returned is the parser's own serialisation (percent-encoded ASCII),
 * so the Location header carries exactly what was checked. Anything doubtful gives the fallback.
 */

/** A placeholder origin: only "same origin as the site" matters, not the site's real host name. */
const base = new URL('http://gongkai.invalid/');

/**
 * Never allowed anywhere in a return path: C0/C1 control characters and DEL (a browser drops tab/newline, and
 * a newline in a Location header was a 500), the backslash (a path separator to browsers), and invisible
 * Unicode that makes a link read differently from where it goes (line/paragraph separators, zero-width and
 * bidirectional controls, BOM).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const forbidden = /[\u0000-\u001f\u007f-\u009f\\\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

const maxLength = 2048;

export interface ReturnPathOptions {
  /** Where to go when the value is missing or refused (a fixed, trusted path). */
  fallback: string;
  /** Only paths at or below this one (e.g. `/staff` after logging in). */
  within?: string;
}

/** A same-origin path (with query and fragment) safe to put in a Location header, or the fallback. */
export function safeReturnPath(value: unknown, options: ReturnPathOptions): string {
  return checkReturnPath(value, options.within) ?? options.fallback;
}

/** The normalised path, or undefined when the value is not a same-origin path. */
export function checkReturnPath(value: unknown, within?: string): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return undefined;
  if (forbidden.test(value)) return undefined;
  // A path, not a URL: no scheme, no host, no relative reference.
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin || url.username !== '' || url.password !== '') return undefined;
  // Dot segments can leave a path that starts with `//` (`/.//evil.example`): a browser reads that as a host.
  if (!url.pathname.startsWith('/') || url.pathname.startsWith('//')) return undefined;
  if (within !== undefined && url.pathname !== within && !url.pathname.startsWith(`${within}/`)) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
