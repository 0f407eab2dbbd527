import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import { insertReport, insertReportComment } from '../../db/repositories/reports/report-repository.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { composeDraft } from './draft-annual-report.ts';
import { deadlineDate, previousReport, runChecks } from './report-checks.ts';
import { beijingDate } from './report-figures.ts';

type DemoState = 'draft-findings' | 'draft' | 'submitted' | 'returned' | 'cleared' | 'published' | 'late';
const LATEST_STATES: DemoState[] = [
  'published',
  'draft-findings',
  'submitted',
  'returned',
  'cleared',
  'late',
  'draft',
  'submitted',
];

/**
 * The demo district's annual reports for the last two years (issue 9 item 8), drafted from its records: the earlier
 * year published for every agency, the latest in every state — a draft with findings, submitted, returned with a
 * comment, cleared, published on time and published late — so the 年报 column, the dashboard and its charts are alive.
 */
export async function seedDemoReports(ctx: UseCaseContext): Promise<number> {
  const latest = Number(beijingDate(ctx.clock()).slice(0, 4)) - 1;
  const roots = (await listAgencies(ctx.db)).filter((a) => a.kind === 'district');
  const agencies = roots.length
    ? (await listAgencies(ctx.db, { kind: 'subtree', path: roots[0]!.path })).filter((a) => a.kind !== 'district')
    : [];
  const at = nowIso(ctx);
  let count = 0;
  for (const year of [latest - 1, latest]) {
    for (const [i, agency] of agencies.entries()) {
      const state: DemoState = year === latest ? LATEST_STATES[i % LATEST_STATES.length]! : 'published';
      const { report } = await composeDraft(ctx, agency, year);
      const deadline = deadlineDate(agency, year);
      const publishedOn = state === 'late' ? `${year + 1}-02-15` : `${year + 1}-01-20`;
      report.dated = publishedOn;
      if (state === 'published' || state === 'late') report.publishedAt = `${publishedOn}T10:00:00+08:00`;
      if (state === 'draft-findings') report.sections['1'] = '';
      const parent = agency.parent_id ? await findAgency(ctx.db, agency.parent_id) : undefined;
      const prev = year === latest ? await previousReport(ctx.db, agency.id, year) : undefined;
      const checked = runChecks(report, agency, prev);
      await ctx.db.transaction().execute(async (trx) => {
        const id = newId();
        const dbState = state === 'late' ? 'published' : state === 'draft-findings' ? 'draft' : state;
        await insertReport(trx, {
          id,
          agency_id: agency.id,
          year,
          state: dbState,
          origin: 'drafted',
          report_json: JSON.stringify(report),
          findings_json: JSON.stringify(checked.findings),
          error_count: checked.errors,
          warning_count: checked.warnings,
          deadline,
          late: state === 'late' ? 1 : 0,
          content_hash: null,
          source_name: null,
          source_sha256: null,
          submitted_at: ['submitted', 'returned', 'cleared', 'published', 'late'].includes(state) ? at : null,
          cleared_at: ['cleared', 'published', 'late'].includes(state) ? at : null,
          published_at: dbState === 'published' ? `${publishedOn}T02:00:00.000Z` : null,
          version: 1,
          created_at: at,
          updated_at: at,
        });
        if (state === 'returned')
          await insertReportComment(trx, {
            id: newId(),
            report_id: id,
            author_id: null,
            author_label: parent?.name ?? '上级机关',
            kind: 'returned',
            body: '第五部分请写明上年度问题的整改情况，并核对表三数据与正文是否一致。',
            created_at: at,
          });
      });
      count++;
    }
  }
  await recordAudit(ctx.db, ctx, {
    action: 'report.seedDemo',
    entity: 'annual_report',
    entityId: null,
    actorLabel: '系统（演示数据）',
    after: { reports: count, years: [latest - 1, latest] },
  });
  return count;
}
