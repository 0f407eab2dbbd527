/**
 * A full-text condition over namespaced index tokens, independent of the database. The repositories translate it
 * into an FTS5 MATCH string (SQLite) or a tsquery (PostgreSQL); user text never reaches either syntax directly —
 * only tokens made by ./segment.ts (letters and digits), quoted by the translators.
 */
export type MatchExpression =
  | { kind: 'phrase'; tokens: string[]; prefixLast: boolean }
  | { kind: 'and'; items: MatchExpression[] }
  | { kind: 'or'; items: MatchExpression[] }
  /** `include` and not `exclude`. */
  | { kind: 'not'; include: MatchExpression; exclude: MatchExpression };

export function phrase(tokens: string[], prefixLast = false): MatchExpression {
  if (tokens.length === 0) throw new Error('empty phrase');
  return { kind: 'phrase', tokens, prefixLast };
}

export function and(...items: MatchExpression[]): MatchExpression {
  const flat = items.flatMap((i) => (i.kind === 'and' ? i.items : [i]));
  return flat.length === 1 ? flat[0]! : { kind: 'and', items: flat };
}

export function or(...items: MatchExpression[]): MatchExpression {
  const flat = items.flatMap((i) => (i.kind === 'or' ? i.items : [i]));
  return flat.length === 1 ? flat[0]! : { kind: 'or', items: flat };
}

export function not(include: MatchExpression, exclude: MatchExpression): MatchExpression {
  return { kind: 'not', include, exclude };
}
