/**
 * Links in a body, for the broken-link check (国办秘函〔2019〕19号 counts broken links against a site): which point
 * into our own portal — those the integration looks up among stored items and attachments — and which leave it.
 * Extraction from HTML is in src/readers/body/body-links.ts; bare URLs typed in text are found here.
 */
import type { TextFinding } from './text-finding.ts';

export type LinkKind = 'internal' | 'external' | 'anchor' | 'mailto' | 'tel' | 'unsafe' | 'invalid';

export interface ClassifiedLink {
  kind: LinkKind;
  href: string;
  /** For internal links: the decoded path and query, without the fragment (`/xxgk/items/123?page=2`). */
  path?: string;
  /** For external links: the host name. */
  host?: string;
}

export interface SiteAddress {
  /** Host names of our portal (`www.binhu.gov.cn`, `binhu.gov.cn`); lower case. */
  hosts: readonly string[];
  /** The path of the page the body is shown on, for relative links (`/xxgk/items/123`). Default `/`. */
  pagePath?: string;
}

const SAFE_EXTERNAL = new Set(['http:', 'https:']);

export function classifyLink(href: string, site: SiteAddress): ClassifiedLink {
  const trimmed = href.trim();
  if (trimmed === '') return { kind: 'invalid', href };
  if (trimmed.startsWith('#')) return { kind: 'anchor', href };
  const base = `https://${site.hosts[0] ?? 'portal.invalid'}${site.pagePath ?? '/'}`;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return { kind: 'invalid', href };
  }
  if (url.protocol === 'mailto:') return { kind: 'mailto', href };
  if (url.protocol === 'tel:') return { kind: 'tel', href };
  if (!SAFE_EXTERNAL.has(url.protocol)) return { kind: 'unsafe', href };
  const host = url.hostname.toLowerCase();
  if (site.hosts.some((h) => h.toLowerCase() === host)) {
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // a malformed escape: keep the path as written
    }
    return { kind: 'internal', href, path: path + url.search };
  }
  return { kind: 'external', href, host };
}

/** Bare URLs typed in text (`详见 http://www.…/…`, `www.….gov.cn/…`), with their offsets. */
export function findTextUrls(text: string): { href: string; offset: number; length: number }[] {
  const out: { href: string; offset: number; length: number }[] = [];
  for (const m of text.matchAll(/(?:https?:\/\/|www\.)[^\s<>"'“”‘’，。；;、（）()【】《》]+/gi)) {
    const raw = m[0].replace(/[.,:!?]+$/, '');
    out.push({ href: /^www\./i.test(raw) ? `http://${raw}` : raw, offset: m.index, length: raw.length });
  }
  return out;
}

export interface LocatedLink {
  href: string;
  offset: number;
  length: number;
}

/**
 * Findings for links that cannot work: internal links to pages we do not have (`exists` answers from stored
 * items, attachments and the portal's routes) and links with a scheme a browser would run (javascript:, data:).
 */
export function linkFindings(
  links: readonly LocatedLink[],
  site: SiteAddress,
  exists: (path: string) => boolean,
): TextFinding[] {
  const findings: TextFinding[] = [];
  for (const link of links) {
    const c = classifyLink(link.href, site);
    if (c.kind === 'internal' && c.path !== undefined && !exists(c.path)) {
      findings.push({
        code: 'BROKEN_LINK',
        level: 'error',
        offset: link.offset,
        length: link.length,
        message: `站内链接指向的页面不存在：${c.path}`,
      });
    } else if (c.kind === 'unsafe' || c.kind === 'invalid') {
      findings.push({
        code: 'UNSAFE_LINK',
        level: 'error',
        offset: link.offset,
        length: link.length,
        message: c.kind === 'unsafe' ? '链接使用了不安全的协议，只允许 http、https、mailto 和 tel' : '链接地址无效',
      });
    }
  }
  return findings;
}
