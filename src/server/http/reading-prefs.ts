import { parse as parseCookies } from 'hono/utils/cookie';
import { prefCookies } from './cookie-names.ts';

/** The reading preferences (字号、高对比度), validated: the only cookie-derived input a public page may depend on. */
export interface ReadingPrefs {
  fontSize: 's' | 'm' | 'l';
  highContrast: boolean;
}

export const defaultPrefs: ReadingPrefs = { fontSize: 'm', highContrast: false };

/** From a raw Cookie header: anything but the known values is the default (never the raw text). */
export function readingPrefs(cookieHeader: string | undefined): ReadingPrefs {
  if (!cookieHeader || !cookieHeader.includes('gk_')) return defaultPrefs;
  const cookies = parseCookies(cookieHeader);
  const fs = cookies[prefCookies.fontSize];
  return {
    fontSize: fs === 's' || fs === 'l' ? fs : 'm',
    highContrast: cookies[prefCookies.contrast] === '1',
  };
}
