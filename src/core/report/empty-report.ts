import { T2_BLOCKS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, type FormatVersion } from './layout.ts';
import { REPORT_SCHEMA_ID } from './report-schema-id.ts';
import type { Report } from './report-schema.ts';

/** A report of the given format with every cell null and every text empty — the reader fills it in. */
const templates = new Map<FormatVersion, string>();

export function emptyReport(format: FormatVersion): Report {
  let json = templates.get(format);
  if (json === undefined) {
    json = JSON.stringify(buildEmptyReport(format));
    templates.set(format, json);
  }
  // A fresh deep copy each time; JSON.parse of the small template is faster than rebuilding it.
  return JSON.parse(json) as Report;
}

function buildEmptyReport(format: FormatVersion): Report {
  const t3: Record<string, Record<string, null>> = {};
  for (const row of T3_ROWS[format]) t3[row.key] = Object.fromEntries(T3_COLUMNS.map((c) => [c, null]));
  const t4: Record<string, Record<string, null>> = {};
  for (const group of T4_GROUPS) t4[group] = Object.fromEntries(T4_COLUMNS.map((c) => [c, null]));
  const t2: Record<string, unknown> = {};
  for (const block of T2_BLOCKS[format]) {
    for (const row of block.rows) {
      t2[row.key] = row.fields.length === 0 ? null : Object.fromEntries(row.fields.map((f) => [f, null]));
    }
  }
  return {
    schema: REPORT_SCHEMA_ID,
    format,
    year: null,
    agency: null,
    title: null,
    dated: null,
    publishedAt: null,
    t2,
    t3,
    t4,
    sections: { '1': '', '2': '', '3': '', '4': '', '5': '', '6': '' },
  } as Report;
}
