import { z } from 'zod';
import { draftReport } from '../../core/drafting/draft-report.ts';
import { AppError } from '../../core/platform/app-error.ts';
import type { Report2021 } from '../../core/report/report-schema.ts';
import { findReportOf, insertReport, updateReportVersioned } from '../../db/repositories/reports/report-repository.ts';
import type { AgencyRow, AnnualReportRow } from '../../db/schema.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { agencyFor } from './report-access.ts';
import { deadlineDate, previousReport, runChecks } from './report-checks.ts';
import { beijingDate, businessTotals } from './report-figures.ts';
import { recordFigures, type RecordFigures } from './record-figures.ts';

export const draftReportInput = z.object({
  agencyId: z.string().min(1).max(64),
  year: z.number().int().min(2021).max(2100),
  /** Also rewrite sections 一–六 from the figures (otherwise edited text is kept and only the tables refresh). */
  resetText: z.boolean().default(false),
});

const GOVERNMENT_KINDS = new Set(['city', 'district', 'town']);

/** The drafted report of an agency and year from its records (issue 9 item 1), without storing it. */
export async function composeDraft(
  ctx: Pick<UseCaseContext, 'db' | 'clock'>,
  agency: AgencyRow,
  year: number,
  figures: RecordFigures = recordFigures,
): Promise<{ report: Report2021; notes: string[] }> {
  const ids = [agency.id];
  const [cases, publication, business, previous] = await Promise.all([
    figures.caseTables(ctx.db, ids, year),
    figures.publicationFigures(ctx.db, ids, year),
    businessTotals(ctx.db, agency.id, year),
    previousReport(ctx.db, agency.id, year),
  ]);
  const draft = draftReport({
    agency: agency.name,
    year,
    dated: beijingDate(ctx.clock()),
    t2: {
      regulations: publication.normative.regulations,
      normativeDocs: publication.normative.normativeDocs,
      licensing: business.licensing,
      punishment: business.punishment,
      enforcement: business.enforcement,
      fees10kYuan: business.fees10kYuan,
    },
    t3: cases.t3,
    t4: cases.t4,
    published: publication.published,
    fees: cases.fees,
    previous: previous ?? null,
    isGovernment: GOVERNMENT_KINDS.has(agency.kind),
  });
  const notes = [...draft.notes];
  if (!figures.fromRecords.cases) notes.unshift('表三、表四尚未与办件记录关联，目前为0，请核实。');
  if (!figures.fromRecords.publication)
    notes.unshift('表二“规章”“行政规范性文件”行和第一部分的主动公开条数尚未与主动公开记录关联，目前为0，请核实。');
  if (business.months === 0)
    notes.unshift('尚未录入本年度行政许可、行政处罚、行政强制和行政事业性收费数据（“业务数据”页），表二相应栏目为0。');
  return { report: draft.report, notes };
}

/**
 * Drafts (or re-drafts) the report of an agency and year: creates it as a draft, or refreshes a draft / returned
 * report's tables from the records, keeping the edited text unless `resetText`. Checked and audited.
 */
export async function draftAnnualReport(
  ctx: UseCaseContext,
  input: z.infer<typeof draftReportInput>,
  figures: RecordFigures = recordFigures,
): Promise<{ row: AnnualReportRow; notes: string[] }> {
  const agency = await agencyFor(ctx.db, ctx.actor, input.agencyId, 'report.edit');
  const { report, notes } = await composeDraft(ctx, agency, input.year, figures);
  const previous = await previousReport(ctx.db, agency.id, input.year);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findReportOf(trx, agency.id, input.year);
    if (existing && existing.state !== 'draft' && existing.state !== 'returned')
      throw new AppError('CONFLICT', '该年度报告已提交或发布，不能重新起草');
    if (existing && !input.resetText) report.sections = (JSON.parse(existing.report_json) as Report2021).sections;
    const checked = runChecks(report, agency, previous);
    const at = nowIso(ctx);
    const common = {
      report_json: JSON.stringify(report),
      findings_json: JSON.stringify(checked.findings),
      error_count: checked.errors,
      warning_count: checked.warnings,
      updated_at: at,
    };
    const row = existing
      ? await updateReportVersioned(trx, existing.id, existing.version, common)
      : await insertReport(trx, {
          id: newId(),
          agency_id: agency.id,
          year: input.year,
          state: 'draft',
          origin: 'drafted',
          ...common,
          deadline: deadlineDate(agency, input.year),
          late: 0,
          content_hash: null,
          source_name: null,
          source_sha256: null,
          submitted_at: null,
          cleared_at: null,
          published_at: null,
          version: 1,
          created_at: at,
        });
    if (!row) throw new AppError('CONFLICT');
    await recordAudit(trx, ctx, {
      action: existing ? 'report.redraft' : 'report.draft',
      entity: 'annual_report',
      entityId: row.id,
      after: { agencyId: agency.id, year: input.year, errors: checked.errors, warnings: checked.warnings },
    });
    return { row, notes };
  });
}
