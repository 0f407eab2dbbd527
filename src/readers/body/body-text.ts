/**
 * A body's HTML as the text the checks read, with a map back into the HTML so a finding can be shown where it
 * is (issue 8: results shown inline where they occur), and the body's links and images with both positions.
 *
 * Block boundaries (paragraphs, cells, list items, <br>) become a line break in the text, so a word or a number
 * never runs on from one cell into the next; inline markup (<b>部</b>署) does not break a word.
 */
import { Parser } from 'htmlparser2';

export interface BodyLink {
  tag: 'a' | 'img';
  href: string;
  /** Where the link's text starts in the body text, and its length (0 for an image). */
  offset: number;
  length: number;
  /** The opening tag in the HTML. */
  sourceOffset: number;
  sourceLength: number;
}

export interface BodyText {
  text: string;
  links: BodyLink[];
  /** The HTML range [offset, offset+length) of text range [offset, offset+length). */
  toSource(offset: number, length: number): { offset: number; length: number };
}

interface Segment {
  textStart: number;
  textLength: number;
  sourceStart: number;
  sourceLength: number;
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'section',
  'article',
]);
const SKIP = new Set(['script', 'style', 'template', 'title', 'head']);

export function bodyText(html: string): BodyText {
  let text = '';
  const segments: Segment[] = [];
  const links: BodyLink[] = [];
  const open: BodyLink[] = [];
  let skipping = 0;

  const breakLine = () => {
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  };

  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIP.has(name)) skipping++;
        if (BLOCK.has(name)) breakLine();
        const href = name === 'a' ? attribs.href : name === 'img' ? attribs.src : undefined;
        if (href !== undefined) {
          const link: BodyLink = {
            tag: name as 'a' | 'img',
            href,
            offset: text.length,
            length: 0,
            sourceOffset: parser.startIndex,
            sourceLength: parser.endIndex + 1 - parser.startIndex,
          };
          links.push(link);
          if (name === 'a') open.push(link);
        }
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        if (BLOCK.has(name)) breakLine();
        if (name === 'a') {
          const link = open.pop();
          if (link) link.length = text.length - link.offset;
        }
      },
      ontext(data) {
        if (skipping > 0 || data === '') return;
        const sourceStart = parser.startIndex;
        const sourceLength = parser.endIndex + 1 - parser.startIndex;
        segments.push({ textStart: text.length, textLength: data.length, sourceStart, sourceLength });
        text += data;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  /** Source position of text position `at`; `end` picks the end of a segment for a range's last character. */
  const locate = (at: number, end: boolean): number => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid] as Segment;
      if (at < s.textStart) hi = mid - 1;
      else if (at >= s.textStart + s.textLength) lo = mid + 1;
      else {
        // Same length: the characters map one to one. Otherwise (an entity such as &amp;): the whole piece.
        if (s.textLength === s.sourceLength) return s.sourceStart + (at - s.textStart) + (end ? 1 : 0);
        return end ? s.sourceStart + s.sourceLength : s.sourceStart;
      }
    }
    // Between segments (a line break we inserted): the start of the next segment, or the end of the HTML.
    const next = segments[lo];
    return next ? next.sourceStart : html.length;
  };

  return {
    text,
    links,
    toSource(offset, length) {
      const start = locate(offset, false);
      const end = length === 0 ? start : locate(offset + length - 1, true);
      return { offset: start, length: Math.max(0, end - start) };
    },
  };
}
