/**
 * A paragraph of text on a pdfkit page flow, broken into lines by wrapCjkText; each line gets its own page check,
 * so paragraphs flow across pages. Shared by the report and the notice PDF writers.
 */
import type { PdfPageFlow } from './pdf-page-flow.ts';
import type { FontRole } from './use-cjk-fonts.ts';
import { wrapCjkText } from './wrap-cjk-text.ts';

export interface TextStyle {
  role: FontRole;
  size: number;
  leading: number;
}

export type Align = 'left' | 'center' | 'right';

/**
 * `indent` is the first-line indent (首行缩进) in points; `inset` keeps the text off the right margin (a 落款 two
 * characters in from the edge).
 */
export function paragraph(
  flow: PdfPageFlow,
  text: string,
  style: TextStyle,
  align: Align,
  indent = 0,
  inset = 0,
): void {
  const width = flow.width - inset;
  const measure = (s: string) => flow.measure(style.role, style.size, s);
  const lines =
    text === '' ? [''] : wrapCjkText(text, width, measure, { firstIndent: indent, balanced: align === 'center' });
  lines.forEach((line, i) => {
    flow.ensure(style.leading);
    const w = measure(line.trimEnd()); // a space kept at a line break is not part of the visible width
    const x =
      align === 'center'
        ? flow.box.left + (flow.width - w) / 2
        : align === 'right'
          ? flow.box.right - inset - w
          : flow.box.left + (i === 0 ? indent : 0);
    if (line.trim() !== '') flow.text(style.role, style.size, line, x, flow.y + (style.leading - style.size) / 2);
    flow.y += style.leading;
  });
}
