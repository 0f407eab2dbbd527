/**
 * Whether a configured 公开目录 is sound, with one Chinese message per problem naming the column. The shape is
 * checked first (catalogueSchema); then the rules the portal relies on: the four fixed columns present, once, at
 * the top, unchanged; codes unique in the tree (they are the columns' URLs); names unique among siblings;
 * depth and size bounded; 规章 / 行政规范性文件 marks on leaves only (items are filed in leaves).
 */
import {
  CATALOGUE_CODE,
  MAX_CATALOGUE_DEPTH,
  MAX_CATALOGUE_NODES,
  MAX_COLUMN_NAME_LENGTH,
  catalogueSchema,
  fixedColumnNames,
  fixedColumns,
  formatColumnPath,
  isLeaf,
  walkCatalogue,
  type Catalogue,
} from './catalogue.ts';

export interface CatalogueProblem {
  /** The code of the column concerned, when there is one. */
  code?: string;
  message: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/;

/** Why a fixed column must exist, where a single article says so. */
const fixedColumnBasis: Record<(typeof fixedColumns)[number], string> = {
  guide: '（条例第十二条）',
  rules: '',
  statutory: '（条例第十九、二十条）',
  'annual-reports': '（条例第四十九条）',
};

/** How deeply `children` nest in untrusted input, measured without recursion (a hostile tree may be very deep). */
function nesting(input: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [];
  const columns = (input as { columns?: unknown } | null)?.columns;
  if (Array.isArray(columns)) for (const c of columns) stack.push([c, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_CATALOGUE_DEPTH + 1) return deepest;
    const children = (node as { children?: unknown } | null)?.children;
    if (Array.isArray(children)) for (const c of children) stack.push([c, depth + 1]);
  }
  return deepest;
}

export function validateCatalogue(input: unknown): CatalogueProblem[] {
  if (nesting(input) > MAX_CATALOGUE_DEPTH + 1) {
    return [{ message: `目录层级过深，最多 ${MAX_CATALOGUE_DEPTH} 级` }];
  }
  const parsed = catalogueSchema.safeParse(input);
  if (!parsed.success) {
    return [{ message: '目录格式不正确：每个栏目须有代码（code）和名称（name），子栏目放在 children 中' }];
  }
  const catalogue: Catalogue = parsed.data;
  const problems: CatalogueProblem[] = [];
  const entries = walkCatalogue(catalogue);
  if (entries.length > MAX_CATALOGUE_NODES) {
    return [{ message: `目录共有 ${entries.length} 个栏目，超过 ${MAX_CATALOGUE_NODES} 个的上限` }];
  }

  const seenCodes = new Map<string, string>();
  for (const { node, path, depth, parent } of entries) {
    const where = `栏目“${formatColumnPath(path)}”`;
    const add = (message: string) => problems.push({ code: node.code, message: `${where}：${message}` });
    const name = node.name;
    if (name.trim() === '') add('名称不能为空');
    else if (name !== name.trim()) add('名称首尾不能有空格');
    else if ([...name].length > MAX_COLUMN_NAME_LENGTH) add(`名称不能超过 ${MAX_COLUMN_NAME_LENGTH} 个字`);
    if (CONTROL.test(name)) add('名称含有不可见的控制字符');

    if (!CATALOGUE_CODE.test(node.code)) {
      add(`代码“${node.code}”无效：只能使用小写英文字母、数字和连字符，以字母开头，不超过 40 个字符`);
    } else if (seenCodes.has(node.code)) {
      add(`代码“${node.code}”与栏目“${seenCodes.get(node.code)}”重复，代码在整个目录中必须唯一`);
    } else {
      seenCodes.set(node.code, formatColumnPath(path));
    }

    if (depth > MAX_CATALOGUE_DEPTH) add(`层级过深，目录最多 ${MAX_CATALOGUE_DEPTH} 级`);

    const siblings = parent ? (parent.children ?? []) : catalogue.columns;
    if (siblings.filter((s) => s.name === name).length > 1 && siblings.find((s) => s.name === name) === node) {
      add('同一级下有重名栏目');
    }

    if (node.fixed) {
      if (parent) add(`“${fixedColumnNames[node.fixed]}”是固定栏目，只能位于第一级`);
      if (node.code !== node.fixed) add(`固定栏目的代码必须为“${node.fixed}”`);
      if (name !== fixedColumnNames[node.fixed]) add(`固定栏目不可改名，应为“${fixedColumnNames[node.fixed]}”`);
      if (node.fixed === 'statutory') {
        if (isLeaf(node)) add('须至少包含一个子栏目');
      } else if (!isLeaf(node)) {
        add('固定栏目不能包含子栏目');
      }
      if (node.normativeKind) add('固定栏目不能标记为规章或行政规范性文件');
    }
    if (node.normativeKind && !isLeaf(node)) add('只有末级栏目可以标记为规章或行政规范性文件');
  }

  for (const column of fixedColumns) {
    const count = catalogue.columns.filter((c) => c.fixed === column).length;
    const name = fixedColumnNames[column];
    if (count === 0) problems.push({ code: column, message: `缺少固定栏目“${name}”${fixedColumnBasis[column]}` });
    if (count > 1) problems.push({ code: column, message: `固定栏目“${name}”出现了 ${count} 次` });
  }
  return problems;
}
