/**
 * The report as a PDF in the official layout: title, 发布时间, the six sections with their headings and narrative
 * paragraphs, tables 2–4 with the template's merged cells, and the 落款. Written with pdfkit rather than by printing
 * the HTML page in Chromium: ~10× faster per document and no browser process, which matters for batch generation
 * (docs/pdf.md). Chinese fonts are embedded as subsets, so the file renders on machines without Chinese fonts.
 *
 * What is printed, and in which order, comes from report-outline.ts, shared with the HTML/DOCX/XLSX/text writers;
 * so a reader of any of them gives back the same JSON. The output is deterministic (same report → same bytes).
 */
import type { Report } from '../core/report/report-schema.ts';
import { drawPdfTable, tableLeadHeight } from './draw-pdf-table.ts';
import { findCjkFont } from './find-cjk-font.ts';
import { openPdfDocument } from './pdf-document.ts';
import { PdfPageFlow } from './pdf-page-flow.ts';
import { reportOutline } from './report-outline.ts';
import { paragraph } from './pdf-paragraph.ts';
import { useCjkFonts } from './use-cjk-fonts.ts';

const BODY = { role: 'body', size: 12, leading: 21 } as const;
const HEADING = { role: 'bold', size: 12.5, leading: 22 } as const;
const TITLE = { role: 'bold', size: 18, leading: 28 } as const;
const SMALL = { role: 'body', size: 10.5, leading: 18 } as const;

/** The document date, so that the same report always gives the same bytes. */
function creationDate(report: Report): Date {
  return new Date(`${report.dated ?? '2000-01-01'}T00:00:00+08:00`);
}

export async function renderReportPdf(report: Report): Promise<Uint8Array> {
  const fonts = findCjkFont(); // fail before any work when no Chinese font is installed
  const outline = reportOutline(report);
  const { doc, finish } = await openPdfDocument({
    title: outline.title,
    author: report.agency ?? '',
    subject: '政府信息公开工作年度报告',
    creationDate: creationDate(report),
  });
  useCjkFonts(doc, fonts);
  const flow = new PdfPageFlow(doc);
  const em = BODY.size;

  paragraph(flow, outline.title, TITLE, 'center');
  if (outline.published !== null) paragraph(flow, `发布时间：${outline.published.text}`, SMALL, 'center');
  flow.y += 10;

  for (const section of outline.sections) {
    // Keep a heading with what follows: two lines of text, or the head of its table.
    const next =
      section.lines.length > 0 || section.table === null ? 2 * BODY.leading : 4 + tableLeadHeight(flow, section.table);
    flow.ensure(HEADING.leading + 6 + next);
    flow.y += 6;
    paragraph(flow, section.heading, HEADING, 'left', 2 * em);
    for (const line of section.lines) paragraph(flow, line, BODY, 'left', 2 * em);
    if (section.table !== null) {
      flow.y += 4;
      drawPdfTable(flow, section.table);
      flow.y += 8;
    }
  }

  const { agency, date } = outline.signature;
  if (agency !== null || date !== null) {
    // Agency and date stay on one page, two blank lines below the text when there is room for them.
    const signatureLines = (agency !== null ? 1 : 0) + (date !== null ? 1 : 0);
    flow.ensure((2 + signatureLines) * BODY.leading);
    if (flow.y > flow.box.top) flow.y += 2 * BODY.leading;
    // 落款 right-aligned, the date under the agency, both kept off the margin by two characters.
    if (agency !== null) paragraph(flow, agency, BODY, 'right', 0, 2 * em);
    if (date !== null) paragraph(flow, date.text, BODY, 'right', 0, 2 * em);
  }

  return finish();
}
