/**
 * All pre-publication checks of an item's body (HTML) and title at once: 错敏词 and personal data on the text
 * (src/core/publication/check-publication-text.ts), and links — internal ones looked up with `linkExists`,
 * unsafe ones flagged. Each finding carries its place in the text and in the HTML (`source`), so the editor can
 * mark it inline.
 */
import { checkPublicationText, type PublicationTextOptions } from '../../core/publication/check-publication-text.ts';
import { findTextUrls, linkFindings, type SiteAddress } from '../../core/publication/classify-link.ts';
import { sortFindings, type TextFinding } from '../../core/publication/text-finding.ts';
import { bodyText } from './body-text.ts';

export interface BodyFinding extends TextFinding {
  /** Where the finding is in the HTML. */
  source: { offset: number; length: number };
}

export interface CheckBodyOptions extends PublicationTextOptions {
  /** Our portal's host names; without them links are not checked. */
  site?: SiteAddress;
  /** Whether an internal path (page, item, attachment) exists. */
  linkExists?: (path: string) => boolean;
}

export interface BodyCheck {
  title: TextFinding[];
  body: BodyFinding[];
}

export function checkBody(input: { title: string; html: string }, options: CheckBodyOptions = {}): BodyCheck {
  const { text, links, toSource } = bodyText(input.html);
  const findings = checkPublicationText(text, options);
  const body: BodyFinding[] = findings.map((f) => ({ ...f, source: toSource(f.offset, f.length) }));

  if (options.site && options.linkExists) {
    const inMarkup = links.map((l) => ({ href: l.href, offset: l.offset, length: l.length, source: l }));
    // URLs typed as text are links too, unless they are the text of a link already listed.
    const typed = findTextUrls(text)
      .filter((u) => !links.some((l) => l.tag === 'a' && u.offset >= l.offset && u.offset < l.offset + l.length))
      .map((u) => ({ ...u, source: null }));
    for (const link of [...inMarkup, ...typed]) {
      for (const f of linkFindings([link], options.site, options.linkExists)) {
        const source = link.source
          ? { offset: link.source.sourceOffset, length: link.source.sourceLength }
          : toSource(f.offset, f.length);
        body.push({ ...f, source });
      }
    }
  }
  return { title: checkPublicationText(input.title, options), body: sortFindings(body) };
}
