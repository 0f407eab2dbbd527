import type { FormatVersion } from '../report/layout.ts';
import type { DocBlock } from './report-document.ts';
import { normalizeLabel } from './normalize-label.ts';

const MARKERS_2019 = [
  '本年新制作数量',
  '本年新公开数量',
  '对外公开总数量',
  '上一年项目数量',
  '本年增/减',
  '政府集中采购',
  '其他对外管理服务事项',
];
const MARKERS_2021 = [
  '本年制发件数',
  '本年废止件数',
  '现行有效件数',
  '本年处理决定数量',
  '本年收费金额',
  '逾期不补正',
  '缴纳费用',
];

/** Which national format the tables follow, from the header words each format alone uses. */
export function detectFormat(blocks: DocBlock[]): FormatVersion {
  // Markers are header labels: only table cells and short lines can hold them.
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'row') for (const c of block.cells) parts.push(normalizeLabel(c.text));
    else if (block.text.length <= 40) parts.push(normalizeLabel(block.text));
  }
  const text = parts.join('|');
  const score = (markers: string[]) => markers.filter((m) => text.includes(m)).length;
  return score(MARKERS_2019) > score(MARKERS_2021) ? '2019' : '2021';
}
