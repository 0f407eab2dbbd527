/**
 * Table content of a section as a flat list of tokens (cells) in reading order. A token remembers the grid
 * row it came from, when the input has rows (TAB grid, HTML, Word, PDF, XLSX); tokens from one-cell-per-line
 * layouts have no row and are read as a stream.
 */
import type { SourceLocation } from '../check/finding.ts';
import type { DocBlock } from './report-document.ts';
import { normalizeLabel } from './normalize-label.ts';
import { isNumericCell } from './parse-cell-value.ts';

export interface Token {
  text: string;
  norm: string;
  source: SourceLocation;
  /** Index of the grid row (block) the token belongs to; null for stream tokens. */
  row: number | null;
  /** 0-based position within its grid row. */
  col: number;
}

/** Words of the template's table headers: a token holding one of them belongs to a table, not to narrative. */
const TABLE_VOCABULARY =
  /^表[一二三四五][:：\s]|第二十条|信息内容|本年制发|本年废止|现行有效|处理决定|收费金额|本年新制作|本年新公开|对外公开总|上一年项目|本年增|采购|勾稽关系|本列数据|申请人情况|自然人|法人或其他组织|商业企业|科研机构|社会公益|法律服务|^其他$|^总计$|行政复议|行政诉讼|直接起诉|复议后起诉|结果维持|结果纠正|其他结果|尚未审结|^结果|^尚未|本年度办理结果|不予公开|无法提供|不予处理|其他处理/;

/** Narrative sentences end with a full stop or run long; table cells do not. */
export function isNarrative(text: string): boolean {
  const norm = normalizeLabel(text);
  return /[。；;]$/.test(norm) || norm.length > 60 || (/[，,]/.test(norm) && norm.length > 30);
}

/** A sentence of running text ends with a full stop; no table cell does. */
export function isSentence(norm: string): boolean {
  return /[。；;]$/.test(norm);
}

export function isTableVocabulary(norm: string): boolean {
  return TABLE_VOCABULARY.test(norm);
}

/**
 * Tokens of blocks [start, end). Leading narrative lines (before the first table-looking block) are returned
 * separately as the section's text; narrative after the table ends the token list.
 */
export function tableTokens(
  blocks: DocBlock[],
  start: number,
  end: number,
  isLabel: (norm: string) => boolean,
): { tokens: Token[]; narrative: string[] } {
  const tokens: Token[] = [];
  const narrative: string[] = [];
  let inTable = false;
  for (let i = start; i < end; i++) {
    const block = blocks[i];
    if (!block) continue;
    if (block.kind === 'row') {
      inTable = true;
      block.cells.forEach((cell, col) => {
        tokens.push({ text: cell.text, norm: normalizeLabel(cell.text), source: cell.source, row: i, col });
      });
      continue;
    }
    const norm = normalizeLabel(block.text);
    const tableLike =
      block.kind === 'cell' || isNumericCell(block.text) || isLabel(norm) || isTableVocabulary(norm) || norm === '';
    const sentence = block.kind === 'line' && (isSentence(norm) || (!tableLike && isNarrative(block.text)));
    if (!inTable && (sentence || !tableLike)) {
      narrative.push(block.text.trim());
      continue;
    }
    if (inTable && sentence) break;
    inTable = true;
    tokens.push({ text: block.text, norm, source: block.source, row: null, col: 0 });
  }
  return { tokens, narrative };
}
