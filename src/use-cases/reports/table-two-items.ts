/**
 * The items behind a table-2 cell of a drafted report (issue 9 item 1: "every figure links to the records behind
 * it"): the 规章 / 行政规范性文件 published by the agency that the cell 本年制发 / 本年废止 / 现行有效 counts
 * (条例第二十条第（一）项, 第五十条). Each item is classified by the publication module's own rule
 * (normativeItemOf + normativeCounts), so the list is what drafting counted.
 */
import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { normativeCounts } from '../../core/publication/normative-counts.ts';
import { t2Cells } from '../../core/report/layout.ts';
import type { Report } from '../../core/report/report-schema.ts';
import { normativeItemsOf } from '../../db/repositories/publication/publication-repository.ts';
import type { AgencyRow, AnnualReportRow } from '../../db/schema.ts';
import { normativeItemOf } from '../publication/publication-figures-for.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { reportFor } from './report-access.ts';

export const TABLE_TWO_ITEM_CELLS = [
  'regulations.issued',
  'regulations.repealed',
  'regulations.inForce',
  'normativeDocs.issued',
  'normativeDocs.repealed',
  'normativeDocs.inForce',
] as const;
export type TableTwoItemCell = (typeof TABLE_TWO_ITEM_CELLS)[number];

export const tableTwoCellQuery = z.object({ cell: z.enum(TABLE_TWO_ITEM_CELLS) });

export interface TableTwoItems {
  row: AnnualReportRow;
  agency: AgencyRow;
  cell: TableTwoItemCell;
  /** 规章 · 本年制发件数, as the template labels it. */
  label: string;
  /** The figure the stored report shows (it may predate later changes to the records). */
  reported: number | null;
  items: { id: string; title: string; docNumber: string; issuedOn: string; validity: string }[];
}

export async function tableTwoItems(
  ctx: Pick<UseCaseContext, 'db' | 'actor'>,
  reportId: string,
  cell: TableTwoItemCell,
): Promise<TableTwoItems> {
  const { row, agency } = await reportFor(ctx.db, ctx.actor, reportId, 'report.read');
  const report = JSON.parse(row.report_json) as Report;
  // An imported report has no records behind it in Gongkai; a 2019-format report has other table-2 rows.
  if (row.origin !== 'drafted' || report.format !== '2021')
    throw new AppError('NOT_FOUND', '该报告的表二没有对应的记录');
  const [rowKey, field] = cell.split('.') as ['regulations' | 'normativeDocs', 'issued' | 'repealed' | 'inForce'];
  const kind = rowKey === 'regulations' ? 'regulation' : 'normative';
  const items: TableTwoItems['items'] = [];
  for (const r of await normativeItemsOf(ctx.db, [agency.id])) {
    const item = normativeItemOf(r);
    if (item?.kind !== kind || normativeCounts([item], row.year)[kind][field] !== 1) continue;
    items.push({
      id: r.id,
      title: r.title,
      docNumber: r.doc_number,
      issuedOn: item.issuedOn,
      validity: r.validity_status,
    });
  }
  items.sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || a.title.localeCompare(b.title, 'zh-CN'));
  const spec = t2Cells('2021').find((c) => c.path === `t2.${cell}`);
  return {
    row,
    agency,
    cell,
    label: spec ? `${spec.row} · ${spec.column}` : cell,
    reported: report.t2[rowKey][field],
    items,
  };
}
