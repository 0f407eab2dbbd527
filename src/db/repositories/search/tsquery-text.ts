import type { MatchExpression } from '../../../search/match-expression.ts';
import { ns } from '../../../search/index-tokens.ts';

/** A lexeme in tsvector/tsquery input syntax: single-quoted, quote and backslash escaped. */
function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A MatchExpression as tsquery input text (cast with ::tsquery, never to_tsquery: no dictionary, no parser, no
 * user syntax). Phrases use <-> (positions are in the tsvector); a prefix token ends in :*.
 */
export function tsqueryText(e: MatchExpression): string {
  switch (e.kind) {
    case 'phrase':
      return e.tokens
        .map((t, i) => quote(t) + (e.prefixLast && i === e.tokens.length - 1 ? ':*' : ''))
        .join(' <-> ');
    case 'and':
      return e.items.map((i) => `(${tsqueryText(i)})`).join(' & ');
    case 'or':
      return e.items.map((i) => `(${tsqueryText(i)})`).join(' | ');
    case 'not':
      return `(${tsqueryText(e.include)}) & !(${tsqueryText(e.exclude)})`;
  }
}

/** PostgreSQL keeps at most 256 positions of one lexeme. */
const maxPositionsPerLexeme = 256;

/**
 * The token stream as tsvector input text: each lexeme once with its positions (1-based). Gap tokens are left out
 * but keep their position, so a phrase cannot run across the gap.
 */
export function tsvectorText(tokens: string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    if (t === ns.gap) return;
    const list = positions.get(t);
    if (!list) positions.set(t, [i + 1]);
    else if (list.length < maxPositionsPerLexeme) list.push(i + 1);
  });
  const parts: string[] = [];
  for (const [lexeme, list] of positions) parts.push(`${quote(lexeme)}:${list.join(',')}`);
  return parts.join(' ');
}
