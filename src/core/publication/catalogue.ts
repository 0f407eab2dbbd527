/**
 * The agency's 公开目录 (条例第十二条: the agency compiles and keeps up to date a catalogue of its information): a
 * tree of columns (栏目) in which published items are filed. Four columns exist on every portal and cannot be
 * removed or renamed (`fixed`); everything under 法定主动公开内容 is the agency's own configuration, starting from
 * default-catalogue.ts.
 *
 * Items are filed in leaf columns. A leaf marked `normativeKind` holds 规章 or 行政规范性文件: its items feed the
 * 制发 / 废止 / 现行有效 counts of table 2 (normative-counts.ts).
 */
import { z } from 'zod';

/** The four columns of every 政府信息公开 section; the value is also the column's code. */
export const fixedColumns = ['guide', 'rules', 'statutory', 'annual-reports'] as const;
export type FixedColumn = (typeof fixedColumns)[number];

export const fixedColumnNames: Readonly<Record<FixedColumn, string>> = {
  guide: '政府信息公开指南',
  rules: '政府信息公开制度',
  statutory: '法定主动公开内容',
  'annual-reports': '政府信息公开年报',
};

/** 规章 / 行政规范性文件: the two kinds table 2 counts (第二十条第（一）项). */
export const normativeKinds = ['regulation', 'normative'] as const;
export type NormativeKind = (typeof normativeKinds)[number];

export const normativeKindLabels: Readonly<Record<NormativeKind, string>> = {
  regulation: '规章',
  normative: '行政规范性文件',
};

export interface CatalogueNode {
  /** URL-safe, unique in the whole tree: lower-case letters, digits and hyphens, starting with a letter. */
  code: string;
  /** What the portal shows. */
  name: string;
  fixed?: FixedColumn;
  normativeKind?: NormativeKind;
  /**
   * No longer used for new items (the administrator retired it): hidden from the portal's catalogue and from the
   * drafting form, while its published items keep their column page and their links. A column that holds items
   * is retired rather than deleted, so no item loses the column it was published in.
   */
  retired?: boolean;
  children?: CatalogueNode[];
}

export interface Catalogue {
  columns: CatalogueNode[];
}

/** Deepest nesting: a top-level column is depth 1 (法定主动公开内容 › 政策文件 › 规章 is depth 3). */
export const MAX_CATALOGUE_DEPTH = 4;
export const MAX_CATALOGUE_NODES = 300;
export const MAX_COLUMN_NAME_LENGTH = 20;
export const CATALOGUE_CODE = /^[a-z][a-z0-9-]{0,39}$/;

/** A bound on any one list while parsing, so hostile input stops early; the real limit is MAX_CATALOGUE_NODES. */
const SHAPE_LIMIT = 1000;

/**
 * The shape of a stored or submitted catalogue. Only the shape: the rules that look at the whole tree (unique
 * codes, depth, fixed columns) are in validate-catalogue.ts, with messages that name the column.
 */
export const catalogueNodeSchema: z.ZodType<CatalogueNode> = z.lazy(() =>
  z.object({
    code: z.string().max(40),
    name: z.string().max(100),
    fixed: z.enum(fixedColumns).optional(),
    normativeKind: z.enum(normativeKinds).optional(),
    retired: z.boolean().optional(),
    children: z.array(catalogueNodeSchema).max(SHAPE_LIMIT).optional(),
  }),
);

export const catalogueSchema = z.object({
  columns: z.array(catalogueNodeSchema).max(SHAPE_LIMIT),
});

export interface CatalogueEntry {
  node: CatalogueNode;
  /** Names from the top-level column down to this node. */
  path: string[];
  depth: number;
  parent: CatalogueNode | null;
}

/** Every node in display order (depth first), with its path. */
export function walkCatalogue(catalogue: Catalogue): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  const visit = (nodes: CatalogueNode[], path: string[], parent: CatalogueNode | null) => {
    for (const node of nodes) {
      const here = [...path, node.name];
      out.push({ node, path: here, depth: here.length, parent });
      if (node.children) visit(node.children, here, node);
    }
  };
  visit(catalogue.columns, [], null);
  return out;
}

export function findColumn(catalogue: Catalogue, code: string): CatalogueEntry | undefined {
  return walkCatalogue(catalogue).find((entry) => entry.node.code === code);
}

export function isLeaf(node: CatalogueNode): boolean {
  return !node.children || node.children.length === 0;
}

/** The columns items can be filed in: leaves, except the guide (its text comes from the agency's settings). */
export function fileableColumns(catalogue: Catalogue): CatalogueEntry[] {
  return walkCatalogue(catalogue).filter((entry) => isLeaf(entry.node) && entry.node.fixed !== 'guide');
}

/** The columns retired themselves or below a retired column (walkCatalogue visits parents first). */
export function retiredColumns(catalogue: Catalogue): Set<CatalogueNode> {
  const retired = new Set<CatalogueNode>();
  for (const e of walkCatalogue(catalogue))
    if (e.node.retired || (e.parent && retired.has(e.parent))) retired.add(e.node);
  return retired;
}

/** The columns new items may be filed in: fileable and not retired (nor under a retired column). */
export function openColumns(catalogue: Catalogue): CatalogueEntry[] {
  const retired = retiredColumns(catalogue);
  return fileableColumns(catalogue).filter((entry) => !retired.has(entry.node));
}

/** “法定主动公开内容 › 政策文件 › 规章” — how messages and breadcrumbs name a column. */
export function formatColumnPath(path: readonly string[]): string {
  return path.join(' › ');
}

/** The normative kind of items filed in column `code`, if its items count in table 2. */
export function normativeKindOf(catalogue: Catalogue, code: string): NormativeKind | undefined {
  return findColumn(catalogue, code)?.node.normativeKind;
}
