/**
 * A notice of 依申请公开 or a review memo (any OfficialDocument) as a PDF in the 公文 layout of GB/T 9704, drawn with
 * the report writer's machinery (pdfkit, the embedded CJK subsets of use-cjk-fonts.ts, PdfPageFlow, wrapCjkText):
 * A4 with the standard margins (版心 156 × 225 mm), body 三号 at 28 pt line pitch — 28 characters × 22 lines as the
 * standard sets it — in the serif face (the nearest to 仿宋 among the free fonts Debian ships), title in 二号 in the
 * bold serif face (小标宋-like), 一级标题 in the bold sans face (黑体-like), 文号 centred under the title, 附件说明
 * one line below the body, the 落款 with room for the seal (notice-layout.ts). Same document → same bytes.
 */
import type { OfficialDocument } from '../../core/notices/official-document.ts';
import { findCjkFont, findCjkTitleFont } from '../find-cjk-font.ts';
import { openPdfDocument } from '../pdf-document.ts';
import { PdfPageFlow, type PageBox } from '../pdf-page-flow.ts';
import { paragraph, type TextStyle } from '../pdf-paragraph.ts';
import { useCjkFace, useCjkFonts } from '../use-cjk-fonts.ts';
import { wrapCjkText } from '../wrap-cjk-text.ts';
import { attachmentLines, signatureInsets } from './notice-layout.ts';

const MM = 72 / 25.4;
/** GB/T 9704 §5.2.1: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm on A4. */
export const GONGWEN_PAGE: PageBox = {
  width: 595.28,
  height: 841.89,
  left: 28 * MM,
  right: 595.28 - 26 * MM,
  top: 37 * MM,
  bottom: 841.89 - 35 * MM,
};

/** 三号 is 16 pt; 15.75 pt puts exactly 28 characters on a 156 mm line, as Word's character grid does. */
const BODY: TextStyle = { role: 'body', size: 15.75, leading: 28 };
const HEADING1: TextStyle = { role: 'bold', size: 15.75, leading: 28 };
const TITLE: TextStyle = { role: 'title', size: 22, leading: 34 };

export async function renderNoticePdf(notice: OfficialDocument): Promise<Uint8Array> {
  const fonts = findCjkFont(); // fail before any work when no Chinese font is installed
  const { doc, finish } = await openPdfDocument({
    title: notice.title,
    author: notice.signature.agency,
    subject: notice.subject,
    creationDate: new Date(
      `${/^\d{4}-\d{2}-\d{2}$/.test(notice.signature.iso) ? notice.signature.iso : '2000-01-01'}T00:00:00+08:00`,
    ),
  });
  useCjkFonts(doc, fonts);
  useCjkFace(doc, 'title', findCjkTitleFont());
  const flow = new PdfPageFlow(doc, GONGWEN_PAGE);
  const em = BODY.size;

  paragraph(flow, notice.title, TITLE, 'center');
  if (notice.docNumber !== null) paragraph(flow, notice.docNumber, BODY, 'center');
  flow.y += BODY.leading; // 标题下空一行
  if (notice.addressee !== null) paragraph(flow, notice.addressee, BODY, 'left');
  for (const p of notice.paragraphs) {
    // A heading stays with the first line of what follows it.
    if (p.style !== 'body') flow.ensure(2 * BODY.leading);
    paragraph(flow, p.text, p.style === 'heading1' ? HEADING1 : BODY, 'left', 2 * em);
  }

  const attachments = attachmentLines(notice.attachments);
  if (attachments.length > 0) flow.y += BODY.leading; // 正文下空一行
  for (const line of attachments) {
    // 附件：1.… two characters in; a long name wraps aligned under its first character, later names align with it.
    const left = flow.box.left + 2 * em + (line.lead === '' ? 3 * em : 0);
    const leadWidth = line.lead === '' ? 0 : 3 * em;
    const measure = (s: string) => flow.measure('body', BODY.size, s);
    wrapCjkText(line.text, flow.box.right - left - leadWidth, measure).forEach((text, i) => {
      flow.ensure(BODY.leading);
      const top = flow.y + (BODY.leading - BODY.size) / 2;
      if (i === 0 && line.lead !== '') flow.text('body', BODY.size, line.lead, left, top);
      flow.text('body', BODY.size, text, left + leadWidth, top);
      flow.y += BODY.leading;
    });
  }

  // The 落款 stays on one page with two empty lines above it for the seal, when there is room for them.
  flow.ensure(4 * BODY.leading);
  if (flow.y > flow.box.top) flow.y += 2 * BODY.leading;
  const insets = signatureInsets(notice.signature, em, (t) => flow.measure('body', BODY.size, t));
  paragraph(flow, notice.signature.agency, BODY, 'right', 0, insets.agency);
  paragraph(flow, notice.signature.date, BODY, 'right', 0, insets.date);
  return finish();
}
