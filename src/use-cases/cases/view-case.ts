import { notableDays, type DayExplanation } from '../../core/calendar/day-explanation.ts';
import { evaluateDeadline, type DeadlineEvaluation } from '../../core/cases/deadline-status.ts';
import { findRepeatRequest, publicationCandidates, type RepeatMatch } from '../../core/cases/repeat-requests.ts';
import type { OutcomeRow } from '../../core/cases/outcome-row.ts';
import { can } from '../../core/platform/policy.ts';
import { casesOfApplicant, casesWithRequest } from '../../db/repositories/cases/case-repository.ts';
import { staffOfAgency, type CaseStaffRow } from '../../db/repositories/cases/case-staff-repository.ts';
import type { CaseRow } from '../../db/schema.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { maskedApplicant, openApplicant, requireDataKeys, type ApplicantData } from './applicant-data.ts';
import type { AnswerKind } from '../../core/cases/answer-types.ts';
import type { NoticeTemplate } from '../../core/notices/notice-template.ts';
import { noticeTemplatesFor } from '../notice-templates/notice-templates-for.ts';
import { parseApproval, templateForAnswer, type Approval } from './answer-approval.ts';
import { loadCaseFor, today, type LoadedCase } from './case-record.ts';
import { suggestPublishedItems, type PublishedItemSuggestion } from './suggest-published-items.ts';

/** 第四十四条: how many different applicants must ask for the same information before staff are prompted. */
export const PUBLICATION_PROMPT_THRESHOLD = 3;

export interface CaseView extends LoadedCase {
  today: string;
  deadline: DeadlineEvaluation;
  /** The days of the current period worth showing: each skipped day and why, make-up working days. */
  skippedDays: DayExplanation[];
  applicant: ApplicantData;
  applicantMasked: boolean;
  approval: Approval | null;
  staff: CaseStaffRow[];
  /** Earlier answered requests of the same applicant for the same information (重复申请, row （五）2). */
  repeats: RepeatMatch[];
  /** Applicants who asked this agency for the same information (第四十四条), when at the threshold. */
  publicationPrompt: { applicants: number; requests: number } | null;
  suggestions: PublishedItemSuggestion[];
  can: { handle: boolean; review: boolean; sign: boolean };
  /** The template the agency answers each kind with (its edited copy, or the shipped one). */
  templateFor: (kind: AnswerKind) => NoticeTemplate;
}

const record = (c: CaseRow) => ({
  id: c.id,
  applicantKey: c.id_index,
  description: c.description,
  receivedOn: c.received_on,
  outcome: c.outcome_row && c.finished_on ? { row: c.outcome_row as OutcomeRow, date: c.finished_on } : null,
});

/** Everything the staff case page shows; NOT_FOUND for a case of an agency the actor does not see. */
export async function viewCase(ctx: UseCaseContext, caseId: string): Promise<CaseView> {
  const loaded = await loadCaseFor(ctx, caseId, 'case.read');
  const day = today(ctx);
  const resource = { agencyId: loaded.row.agency_id, agencyPath: loaded.row.agency_path };
  const handle = can(ctx.actor, 'case.handle', resource);
  const full = openApplicant(requireDataKeys(ctx), loaded.row.applicant_sealed);
  const due = loaded.snapshot.clock.due;
  const earlier = await casesOfApplicant(ctx.db, loaded.row.id_index, loaded.row.id);
  const repeats = findRepeatRequest(
    { applicantKey: loaded.row.id_index, description: loaded.row.description },
    earlier.filter((c) => c.received_on <= loaded.row.received_on).map(record),
  );
  const same = await casesWithRequest(ctx.db, loaded.row.agency_id, loaded.row.request_norm);
  const candidates = publicationCandidates(same.map(record), { threshold: PUBLICATION_PROMPT_THRESHOLD });
  const agencyTemplates = new Map((await noticeTemplatesFor(ctx.db, loaded.row.agency_id)).map((t) => [t.id, t]));
  return {
    ...loaded,
    templateFor: (kind) => {
      const shipped = templateForAnswer(kind);
      return agencyTemplates.get(shipped.id) ?? shipped;
    },
    today: day,
    deadline: evaluateDeadline(loaded.snapshot, loaded.calendar, day),
    skippedDays: due.kind === 'due' ? notableDays(due.explanation) : [],
    // Supervisors read the case, not the applicant's identity in full.
    applicant: handle ? full : maskedApplicant(full),
    applicantMasked: !handle,
    approval: parseApproval(loaded.row.approval_json),
    staff: await staffOfAgency(ctx.db, loaded.row.agency_id),
    repeats,
    publicationPrompt: candidates[0]
      ? { applicants: candidates[0].applicantCount, requests: candidates[0].requestCount }
      : null,
    suggestions: await suggestPublishedItems(ctx.db, { agencyId: loaded.row.agency_id, text: loaded.row.description }),
    can: {
      handle,
      review: can(ctx.actor, 'case.review', resource),
      sign: can(ctx.actor, 'case.sign', resource),
    },
  };
}
