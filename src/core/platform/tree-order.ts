/**
 * Orders tree rows depth-first, siblings by `sort_order` then name (Chinese collation) — the order people
 * expect in lists and selects. Rows whose parent is not in the list are treated as roots.
 */
export interface TreeRow {
  id: string;
  parent_id: string | null;
  sort_order: number;
  name: string;
}

export function treeOrder<T extends TreeRow>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const key = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const out: T[] = [];
  const visit = (parent: string | null) => {
    const kids = (children.get(parent) ?? []).sort(
      (a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-CN'),
    );
    for (const k of kids) {
      out.push(k);
      visit(k.id);
    }
  };
  visit(null);
  return out;
}
