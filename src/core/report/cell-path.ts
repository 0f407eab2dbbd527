import type { Report } from './report-schema.ts';

/** Reads a cell by its path (`t3.denied4.natural`, `t2.licensing`); undefined when the path does not exist. */
export function getCell(report: Report, path: string): number | string | null | undefined {
  let node: unknown = report;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (node === null || typeof node === 'number' || typeof node === 'string') return node;
  return undefined;
}

const splitPaths = new Map<string, string[]>();

/** Writes a cell by its path; the path must already exist in the report. */
export function setCell(report: Report, path: string, value: number | string | null): void {
  let split = splitPaths.get(path);
  if (!split) {
    split = path.split('.');
    // Cell paths form a small fixed set (about 250), so remembering their split is bounded.
    if (splitPaths.size < 5000) splitPaths.set(path, split);
  }
  const parts = split.slice();
  const last = parts.pop();
  let node: unknown = report;
  for (const part of parts) node = (node as Record<string, unknown>)[part];
  if (last === undefined || node === null || typeof node !== 'object' || !(last in node)) {
    throw new Error(`单元格路径不存在：${path}`);
  }
  (node as Record<string, unknown>)[last] = value;
}
