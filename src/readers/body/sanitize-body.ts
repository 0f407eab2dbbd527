/**
 * The one way a body becomes HTML we serve: `sanitize-html` (a maintained allow-list sanitizer on htmlparser2)
 * with an allow-list for government documents. Whatever comes in — pasted from Word or WPS, converted from DOCX,
 * typed — only these survive:
 *  - structure: h2–h6 (h1 is the page's title, so body h1 becomes h2 and levels are closed up), p, br, hr, div,
 *    blockquote, pre, code, lists (ol start), dl, figure;
 *  - inline: strong b em i u s sub sup;
 *  - tables with caption, thead/tbody/tfoot, col/colgroup, and rowspan/colspan/scope — numbers and keywords only;
 *  - links with http, https, mailto and tel only, always rel="noopener noreferrer";
 *  - images only from our own attachments (a relative path under `imagePathPrefix`) — never remote, never data:;
 *  - alignment as one of four classes (text-left/center/right/justify), taken from Word's align attribute or
 *    text-align style; no other class, no style, no id except Word's footnote anchors, no event handler.
 * Elements whose content is not text (script, style, svg, math, template, iframe, object, noscript …) are dropped
 * with their content. Nothing here is a regular-expression sanitizer: parsing and serialising are sanitize-html's.
 */
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

export interface SanitizeBodyOptions {
  /** Where our attachments are served: an <img> survives only with a relative src under this path. */
  imagePathPrefix?: string;
}

export const DEFAULT_IMAGE_PATH_PREFIX = '/attachments/';
/** Largest body accepted by the integration (bytes of HTML); a 100-page regulation is well under 1 MB. */
export const MAX_BODY_HTML_BYTES = 5 * 1024 * 1024;

const ALIGN_CLASSES = ['text-left', 'text-center', 'text-right', 'text-justify'];
const ALIGNABLE = ['p', 'div', 'td', 'th', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'li'];
const SPAN_VALUES = Array.from({ length: 100 }, (_, i) => String(i + 1));
const FOOTNOTE_ID = /^(?:footnote|endnote)(?:-ref)?-\d{1,5}$/;
const NUMBER = /^\d{1,4}$/;

const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'title',
  'head',
  'template',
  'svg',
  'math',
  'iframe',
  'frameset',
  'object',
  'embed',
  'applet',
  'canvas',
  'audio',
  'video',
];

function alignmentOf(attribs: Record<string, string>): string | undefined {
  const fromAttr = attribs.align?.trim().toLowerCase();
  const fromStyle = /(?:^|;)\s*text-align\s*:\s*([a-z]+)/i.exec(attribs.style ?? '')?.[1]?.toLowerCase();
  const value = fromStyle ?? fromAttr;
  if (value === 'center' || value === 'middle') return 'text-center';
  if (value === 'right' || value === 'end') return 'text-right';
  if (value === 'justify' || value === 'both') return 'text-justify';
  if (value === 'left' || value === 'start') return 'text-left';
  return undefined;
}

/** Adds the alignment class; other classes are filtered by allowedClasses. */
function withAlignment(tagName: string, attribs: Record<string, string>): sanitizeHtml.Tag {
  const align = alignmentOf(attribs);
  const out: Record<string, string> = { ...attribs };
  if (align) {
    const others = (attribs.class ?? '').split(/\s+/).filter((c) => c !== '' && !ALIGN_CLASSES.includes(c));
    out.class = [...others, align].join(' ');
  }
  // Spans are numbers; anything else is dropped rather than kept as an empty attribute.
  for (const k of ['colspan', 'rowspan', 'span']) if (out[k] !== undefined && !NUMBER.test(out[k] ?? '')) delete out[k];
  return { tagName, attribs: out };
}

/** Heading levels as used in the document, closed up to start at h2: h1,h3 → h2,h3; h3,h4 → h2,h3. */
function headingMap(html: string): Map<number, number> {
  const used = new Set<number>();
  let dropped = 0; // inside an element sanitize-html drops with its content: its headings do not count
  const parser = new Parser(
    {
      onopentagname(name) {
        if (NON_TEXT_TAGS.includes(name)) dropped++;
        const m = /^h([1-6])$/.exec(name);
        if (m && dropped === 0) used.add(Number(m[1]));
      },
      onclosetag(name) {
        if (NON_TEXT_TAGS.includes(name)) dropped = Math.max(0, dropped - 1);
      },
    },
    { lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  const map = new Map<number, number>();
  [...used].sort().forEach((level, i) => map.set(level, Math.min(6, i + 2)));
  return map;
}

function isOwnImage(src: string | undefined, prefix: string): boolean {
  if (!src || !src.startsWith(prefix) || src.startsWith('//')) return false;
  // No way out of the prefix: no dot segments (also percent-encoded), no backslashes, no scheme-like colon.
  return !/\.\.|%2e|%5c|\\|:/i.test(src.slice(prefix.length));
}

export function sanitizeBody(html: string, options: SanitizeBodyOptions = {}): string {
  const prefix = options.imagePathPrefix ?? DEFAULT_IMAGE_PATH_PREFIX;
  const levels = headingMap(html);
  const heading =
    (level: number): sanitizeHtml.Transformer =>
    (_tag, attribs) =>
      withAlignment(`h${levels.get(level) ?? Math.max(2, level)}`, attribs);

  const transformTags: Record<string, sanitizeHtml.Transformer> = {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    a: (_tag, attribs) => {
      const out: Record<string, string> = { ...attribs, rel: 'noopener noreferrer' };
      if (out.id !== undefined && !FOOTNOTE_ID.test(out.id)) delete out.id;
      delete out.target;
      return { tagName: 'a', attribs: out };
    },
    li: (_tag, attribs) => {
      const out = withAlignment('li', attribs);
      const id = out.attribs.id;
      if (id !== undefined && !FOOTNOTE_ID.test(id)) delete out.attribs.id;
      return out;
    },
    ol: (_tag, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (out.start !== undefined && !NUMBER.test(out.start)) delete out.start;
      return { tagName: 'ol', attribs: out };
    },
    img: (_tag, attribs) => {
      const out: Record<string, string> = { ...attribs };
      for (const k of ['width', 'height']) if (out[k] !== undefined && !NUMBER.test(out[k] ?? '')) delete out[k];
      return { tagName: 'img', attribs: out };
    },
    // Word's "center" element and font tags carry no meaning we keep; center becomes an aligned div.
    center: (_tag, attribs) => ({ tagName: 'div', attribs: { ...attribs, class: 'text-center' } }),
  };
  for (const tag of ['p', 'div', 'td', 'th', 'caption', 'col', 'colgroup']) {
    transformTags[tag] = (name, attribs) => withAlignment(name, attribs);
  }

  const allowedClasses: Record<string, string[]> = {};
  for (const tag of ALIGNABLE) allowedClasses[tag] = ALIGN_CLASSES;

  return sanitizeHtml(html, {
    allowedTags: [
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'hr',
      'div',
      'blockquote',
      'pre',
      'code',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'sub',
      'sup',
      'ul',
      'ol',
      'li',
      'dl',
      'dt',
      'dd',
      'figure',
      'figcaption',
      'table',
      'caption',
      'colgroup',
      'col',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'th',
      'td',
      'a',
      'img',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'id'],
      li: ['id'],
      ol: ['start'],
      img: ['src', 'alt', 'width', 'height'],
      td: [
        { name: 'colspan', multiple: false, values: SPAN_VALUES },
        { name: 'rowspan', multiple: false, values: SPAN_VALUES },
      ],
      th: [
        { name: 'colspan', multiple: false, values: SPAN_VALUES },
        { name: 'rowspan', multiple: false, values: SPAN_VALUES },
        { name: 'scope', multiple: false, values: ['row', 'col', 'rowgroup', 'colgroup'] },
      ],
      col: [{ name: 'span', multiple: false, values: SPAN_VALUES }],
      colgroup: [{ name: 'span', multiple: false, values: SPAN_VALUES }],
    },
    allowedClasses,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    transformTags,
    exclusiveFilter: (frame) => frame.tag === 'img' && !isOwnImage(frame.attribs.src, prefix),
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  });
}
