/**
 * A degraded scan (150 dpi, heavy JPEG compression) read by OCR: fewer cells are confirmed, none is wrong, and the
 * report is not accused of anything its scan hides (issue 10, item 6). In its own file because OCR of four pages
 * takes minutes on a loaded machine.
 */
import { describe, it } from 'node:test';
import { checkScannedRead } from '../../test/check-scanned-read.ts';
import { requireInCi } from '../../test/require-in-ci.ts';
import { missingOcrPackages, OCR_INSTALL } from './ocr-pdf-pages.ts';

const missing = await missingOcrPackages();
const skip = requireInCi(missing.length === 0, `文字识别程序（${missing.join('、')}）`, OCR_INSTALL);

describe('a degraded scan read by OCR', { skip }, () => {
  it('scanned-degraded-150dpi: cells kept are exact, the others null and named, no error-level finding', () =>
    checkScannedRead('scanned-degraded-150dpi', 40));
});
