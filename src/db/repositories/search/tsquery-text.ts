import type { MatchExpression } from '../../../search/match-expression.ts';
import { ns } from '../../../search/index-tokens.ts';

/** A lexeme in tsvector/tsquery input syntax: single-quoted, quote and backslash escaped. */
function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A MatchExpression as tsquery input text (cast with ::tsquery, never to_tsquery: no dictionary, no parser, no
 * user syntax). Phrases use <-> (positions are in the tsvector); a prefix token ends in :*. With
 * `phrases: false` a phrase becomes the AND of its tokens — what the GIN index answers exactly without reading
 * any row (used to count candidates cheaply).
 */
export function tsqueryText(e: MatchExpression, options: { phrases: boolean } = { phrases: true }): string {
  switch (e.kind) {
    case 'phrase':
      return e.tokens
        .map((t, i) => quote(t) + (e.prefixLast && i === e.tokens.length - 1 ? ':*' : ''))
        .join(options.phrases ? ' <-> ' : ' & ');
    case 'and':
      return e.items.map((i) => `(${tsqueryText(i, options)})`).join(' & ');
    case 'or':
      return e.items.map((i) => `(${tsqueryText(i, options)})`).join(' | ');
    case 'not':
      return `(${tsqueryText(e.include, options)}) & !(${tsqueryText(e.exclude, options)})`;
  }
}

/** PostgreSQL keeps at most 256 positions of one lexeme. */
const maxPositionsPerLexeme = 256;

/** Which of the two tsvectors a token goes to: body text is large, everything else small. */
export function columnOfToken(token: string): 'head' | 'body' {
  return token.startsWith(ns.body) ? 'body' : 'head';
}

/**
 * The token stream as two tsvector input texts: each lexeme once with its positions (1-based, counted per
 * column). Gap tokens are left out but keep their position, so a phrase cannot run across the gap.
 */
export function tsvectorTexts(tokens: string[]): { head: string; body: string } {
  const positions = { head: new Map<string, number[]>(), body: new Map<string, number[]>() };
  const next = { head: 1, body: 1 };
  for (const t of tokens) {
    if (t === ns.gap) {
      next.head++;
      next.body++;
      continue;
    }
    const column = columnOfToken(t);
    const at = next[column]++;
    const list = positions[column].get(t);
    if (!list) positions[column].set(t, [at]);
    else if (list.length < maxPositionsPerLexeme) list.push(at);
  }
  const text = (map: Map<string, number[]>) =>
    [...map].map(([lexeme, list]) => `${quote(lexeme)}:${list.join(',')}`).join(' ');
  return { head: text(positions.head), body: text(positions.body) };
}
