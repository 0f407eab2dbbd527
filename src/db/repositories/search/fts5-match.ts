import type { MatchExpression } from '../../../search/match-expression.ts';

/**
 * A token that no document has: every index token starts with a namespace letter (src/search/index-tokens.ts),
 * and none is `z`.
 */
const noToken = '"z"';

/**
 * A MatchExpression as FTS5 query syntax. Every token is a double-quoted string (an inner quote doubled), so
 * nothing a user typed can become an FTS5 operator (AND, OR, NOT, NEAR, column filters, ^, *); tokens are
 * letters and digits anyway (src/search/segment.ts).
 *
 * With `rarity` (estimated matches of a part), the parts of an AND are put rarest first and chained so that each
 * is only looked at where the rarer ones before it all match: FTS5 evaluates an AND by moving EVERY child to
 * the next common rowid in each round, so one broad child (安全 in 31 % of the items) is searched once for every
 * row of the rarest child; `(a NOT "z") AND b` makes `a` one child that moves only to its own matches (FTS5
 * merges a nested AND into its parent, but not a NOT). 滨湖区 燃气 安全 排查 整治 at a million items: 30–55 ms →
 * 1.5 ms.
 */
export function fts5Match(e: MatchExpression, rarity?: (e: MatchExpression) => number): string {
  switch (e.kind) {
    case 'phrase':
      return e.tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' + ') + (e.prefixLast ? ' *' : '');
    case 'and': {
      if (!rarity) return e.items.map((i) => `(${fts5Match(i)})`).join(' AND ');
      const parts = e.items.map((i) => ({ text: fts5Match(i, rarity), rarity: rarity(i) }));
      parts.sort((a, b) => a.rarity - b.rarity);
      // Parts of about the same rarity stay one AND (the chain only pays where the rarest one is much rarer).
      const first = parts[0]!.rarity;
      return parts
        .slice(1)
        .reduce(
          (acc, p) => (p.rarity >= 4 * first ? `((${acc}) NOT ${noToken}) AND (${p.text})` : `${acc} AND (${p.text})`),
          `(${parts[0]!.text})`,
        );
    }
    case 'or':
      return e.items.map((i) => `(${fts5Match(i, rarity)})`).join(' OR ');
    case 'not':
      return `(${fts5Match(e.include, rarity)}) NOT (${fts5Match(e.exclude, rarity)})`;
  }
}
