/**
 * The 审核意见 of a supervising office (src/core/supervision/review-memo.ts) as DOCX or PDF. A memo is an
 * OfficialDocument like a notice, so it is printed by the notice writers: same page, fonts and 落款.
 */
import type { ReviewMemo } from '../../core/supervision/review-memo.ts';
import { renderNoticeDocx } from './render-notice-docx.ts';
import { renderNoticePdf } from './render-notice-pdf.ts';

export type MemoOutputFormat = 'docx' | 'pdf';

export function renderReviewMemo(memo: ReviewMemo, to: MemoOutputFormat): Promise<Uint8Array> {
  switch (to) {
    case 'docx':
      return renderNoticeDocx(memo);
    case 'pdf':
      return renderNoticePdf(memo);
    default:
      // Reached only from untyped callers (a query string, a CLI flag).
      throw new RangeError(`不支持的输出格式：${String(to satisfies never)}`);
  }
}
