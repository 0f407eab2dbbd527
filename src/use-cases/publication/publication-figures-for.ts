import { findColumn } from '../../core/publication/catalogue.ts';
import { normativeCounts, type NormativeItem } from '../../core/publication/normative-counts.ts';
import { isValidityStatus } from '../../core/publication/validity.ts';
import {
  normativeItemsOf,
  publishedCountsByCatalogue,
} from '../../db/repositories/publication/publication-repository.ts';
import type { Executor } from '../../db/schema.ts';
import { loadPublicationSettings } from './publication-settings.ts';

type NormativeRow = Awaited<ReturnType<typeof normativeItemsOf>>[number];

/**
 * A 规章 / 行政规范性文件 item as table 2 counts it: issued on its 成文日期 (else its publication date), in force per
 * its 有效性. Null when it cannot be counted (no date, not a normative kind). Shared with the report's drill-down
 * from a table-2 cell to its items (src/use-cases/reports/table-two-items.ts), so that both count the same.
 */
export function normativeItemOf(r: Omit<NormativeRow, 'id' | 'title' | 'doc_number'>): NormativeItem | null {
  const issuedOn = r.written_on ?? r.published_on;
  if (!issuedOn || (r.normative_kind !== 'regulation' && r.normative_kind !== 'normative')) return null;
  return {
    kind: r.normative_kind,
    issuedOn,
    validity: {
      status: isValidityStatus(r.validity_status) ? r.validity_status : 'in_force',
      effectiveFrom: r.effective_from ?? undefined,
      validUntil: r.valid_until ?? undefined,
      endedOn: r.ended_on ?? undefined,
    },
  };
}

/**
 * What the annual report (条例第五十条) takes from 主动公开 for these agencies and year:
 *  - `normative`: table 2's 规章 / 行政规范性文件 counts (本年制发 / 本年废止 / 现行有效), computed from the published
 *    items filed in 规章 / 行政规范性文件 columns with their 成文日期 and 有效性 (core normativeCounts: X2 holds);
 *  - `published`: the number of items published in the year per catalogue column, named as the agency's
 *    catalogue names it (columns of the same name in several agencies are added up), most first.
 * Withdrawn items count in neither. No policy check: the caller (the report use-case) has already decided that
 * its actor may read these agencies' figures.
 */
export async function publicationFiguresFor(
  db: Executor,
  agencyIds: string[],
  year: number,
): Promise<{ normative: ReturnType<typeof normativeCounts>; published: { catalogue: string; count: number }[] }> {
  const items = (await normativeItemsOf(db, agencyIds)).flatMap((r) => normativeItemOf(r) ?? []);
  const counts = await publishedCountsByCatalogue(db, agencyIds, year);
  const agencies =
    counts.length === 0
      ? []
      : await db
          .selectFrom('agencies')
          .select(['id', 'kind'])
          .where('id', 'in', [...new Set(counts.map((c) => c.agency_id))])
          .execute();
  const names = new Map<string, (code: string) => string>();
  for (const a of agencies) {
    const settings = await loadPublicationSettings(db, a);
    names.set(a.id, (code) => findColumn(settings.catalogue, code)?.node.name ?? code);
  }
  const byName = new Map<string, number>();
  for (const c of counts) {
    const name = names.get(c.agency_id)?.(c.catalogue) ?? c.catalogue;
    byName.set(name, (byName.get(name) ?? 0) + c.n);
  }
  const published = [...byName.entries()]
    .map(([catalogue, count]) => ({ catalogue, count }))
    .sort((a, b) => b.count - a.count || a.catalogue.localeCompare(b.catalogue, 'zh-CN'));
  return { normative: normativeCounts(items, year), published };
}
