import type { MatchExpression } from '../../../search/match-expression.ts';

/**
 * A MatchExpression as FTS5 query syntax. Every token is a double-quoted string (an inner quote doubled), so
 * nothing a user typed can become an FTS5 operator (AND, OR, NOT, NEAR, column filters, ^, *); tokens are
 * letters and digits anyway (src/search/segment.ts).
 */
export function fts5Match(e: MatchExpression): string {
  switch (e.kind) {
    case 'phrase':
      return e.tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' + ') + (e.prefixLast ? ' *' : '');
    case 'and':
      return e.items.map((i) => `(${fts5Match(i)})`).join(' AND ');
    case 'or':
      return e.items.map((i) => `(${fts5Match(i)})`).join(' OR ');
    case 'not':
      return `(${fts5Match(e.include)}) NOT (${fts5Match(e.exclude)})`;
  }
}
