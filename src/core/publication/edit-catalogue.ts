/**
 * The administrator's edits of the 公开目录 (条例第十二条: the agency compiles and keeps its catalogue up to date):
 * add, rename, reorder, retire or restore, and delete a column. Each edit returns the new tree or Chinese messages
 * keyed by the form field they concern, so the settings page shows them next to the field.
 *
 * Items never lose their column: a column that holds items (or has one below it) cannot be deleted — it is
 * retired instead — and a column with items cannot receive children (items are filed in leaves only). The four
 * fixed columns cannot be renamed, moved, retired or deleted. Whatever the edit, the result must still pass
 * validateCatalogue.
 */
import {
  CATALOGUE_CODE,
  MAX_CATALOGUE_DEPTH,
  MAX_COLUMN_NAME_LENGTH,
  walkCatalogue,
  type Catalogue,
  type CatalogueEntry,
  type CatalogueNode,
  type NormativeKind,
} from './catalogue.ts';
import { validateCatalogue } from './validate-catalogue.ts';

export type CatalogueEdit =
  | { op: 'add'; parent: string; name: string; code: string; normativeKind?: NormativeKind }
  | { op: 'rename'; code: string; name: string }
  | { op: 'move'; code: string; direction: 'up' | 'down' }
  | { op: 'retire'; code: string; retired: boolean }
  | { op: 'delete'; code: string };

export type CatalogueEditResult = { ok: true; catalogue: Catalogue } | { ok: false; errors: Record<string, string> };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/;

function nameProblem(name: string, siblings: readonly CatalogueNode[], self?: CatalogueNode): string | undefined {
  if (name.trim() === '') return '请填写栏目名称';
  if (name !== name.trim()) return '名称首尾不能有空格';
  if ([...name].length > MAX_COLUMN_NAME_LENGTH) return `名称不能超过 ${MAX_COLUMN_NAME_LENGTH} 个字`;
  if (CONTROL.test(name)) return '名称含有不可见的控制字符';
  if (siblings.some((s) => s !== self && s.name === name)) return `同一级下已有栏目“${name}”`;
  return undefined;
}

/** `col-N`, the smallest N not taken: the code when the administrator leaves it blank (codes are URLs). */
function freeCode(entries: readonly CatalogueEntry[]): string {
  const taken = new Set(entries.map((e) => e.node.code));
  let n = 1;
  while (taken.has(`col-${n}`)) n++;
  return `col-${n}`;
}

/** A deep copy, so an edit never changes the tree the caller holds. */
function copy(catalogue: Catalogue): Catalogue {
  return structuredClone(catalogue);
}

/**
 * Applies `edit`. `columnsWithItems` holds the codes of columns that hold at least one item in any state (a draft
 * too: it was filed there by someone).
 */
export function editCatalogue(
  catalogue: Catalogue,
  edit: CatalogueEdit,
  columnsWithItems: ReadonlySet<string>,
): CatalogueEditResult {
  const next = copy(catalogue);
  const entries = walkCatalogue(next);
  const fail = (errors: Record<string, string>): CatalogueEditResult => ({ ok: false, errors });
  const siblingsOf = (e: CatalogueEntry) => (e.parent ? (e.parent.children ?? []) : next.columns);

  if (edit.op === 'add') {
    const parent = entries.find((e) => e.node.code === edit.parent);
    const errors: Record<string, string> = {};
    if (!parent) errors['parent'] = '请选择上级栏目';
    else if (parent.node.fixed && parent.node.fixed !== 'statutory')
      errors['parent'] = `“${parent.node.name}”是固定栏目，不能添加子栏目`;
    else if (parent.depth >= MAX_CATALOGUE_DEPTH)
      errors['parent'] = `目录最多 ${MAX_CATALOGUE_DEPTH} 级，不能再添加下级`;
    else if (!parent.node.children?.length && columnsWithItems.has(parent.node.code))
      errors['parent'] = `栏目“${parent.node.name}”已有信息，信息只能放在末级栏目中，不能再添加子栏目`;
    else if (parent.node.normativeKind)
      errors['parent'] =
        `栏目“${parent.node.name}”标记为${parent.node.normativeKind === 'regulation' ? '规章' : '行政规范性文件'}栏目，不能添加子栏目`;
    const name = nameProblem(edit.name, parent?.node.children ?? []);
    if (name) errors['name'] = name;
    const code = edit.code === '' ? freeCode(entries) : edit.code;
    if (!CATALOGUE_CODE.test(code))
      errors['code'] = '代码只能使用小写英文字母、数字和连字符，以字母开头，不超过 40 个字符';
    else if (entries.some((e) => e.node.code === code))
      errors['code'] = `代码“${code}”已被使用，代码在整个目录中必须唯一`;
    if (Object.keys(errors).length > 0 || !parent) return fail(errors);
    const node: CatalogueNode = {
      code,
      name: edit.name,
      ...(edit.normativeKind ? { normativeKind: edit.normativeKind } : {}),
    };
    (parent.node.children ??= []).push(node);
    return checked(next);
  }

  const entry = entries.find((e) => e.node.code === edit.code);
  if (!entry) return fail({ code: '该栏目不存在（可能已被他人删除），请刷新页面' });
  if (entry.node.fixed) return fail({ code: `“${entry.node.name}”是固定栏目，不能修改` });
  const siblings = siblingsOf(entry);
  const at = siblings.indexOf(entry.node);

  switch (edit.op) {
    case 'rename': {
      const problem = nameProblem(edit.name, siblings, entry.node);
      if (problem) return fail({ name: problem });
      entry.node.name = edit.name;
      return checked(next);
    }
    case 'move': {
      const to = edit.direction === 'up' ? at - 1 : at + 1;
      if (to < 0 || to >= siblings.length || siblings[to]?.fixed)
        return fail({ code: edit.direction === 'up' ? '已经是同级第一个栏目' : '已经是同级最后一个栏目' });
      siblings.splice(at, 1);
      siblings.splice(to, 0, entry.node);
      return checked(next);
    }
    case 'retire': {
      if (edit.retired) entry.node.retired = true;
      else delete entry.node.retired;
      return checked(next);
    }
    case 'delete': {
      const below = walkCatalogue({ columns: [entry.node] }).map((e) => e.node);
      const used = below.find((n) => columnsWithItems.has(n.code));
      if (used)
        return fail({
          code:
            used === entry.node
              ? `栏目“${entry.node.name}”中已有信息，不能删除，只能停用`
              : `下级栏目“${used.name}”中已有信息，不能删除，只能停用`,
        });
      siblings.splice(at, 1);
      return checked(next);
    }
  }
}

/** The edited tree if it is still sound (validate-catalogue.ts), else its problems. */
function checked(catalogue: Catalogue): CatalogueEditResult {
  const problems = validateCatalogue(catalogue);
  if (problems.length === 0) return { ok: true, catalogue };
  return { ok: false, errors: { code: problems.map((p) => p.message).join('；') } };
}
