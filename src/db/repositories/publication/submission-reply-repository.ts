import type { Executor, PublicSubmissionRow } from '../../schema.ts';
import type { SubmissionReplyTable } from './publication-tables.ts';

/** The submission a public reference (`LY<yyyymmdd>-<first 8 hex of the id>`) names, if exactly one does. */
export async function findSubmissionByReference(
  ex: Executor,
  date: string,
  idPrefix: string,
): Promise<(PublicSubmissionRow & { reply: string | null; replied_at: string | null }) | undefined> {
  const rows = await ex
    .selectFrom('public_submissions')
    .leftJoin('submission_replies', 'submission_replies.submission_id', 'public_submissions.id')
    .selectAll('public_submissions')
    .select(['submission_replies.reply', 'submission_replies.replied_at'])
    .where('public_submissions.id', 'like', `${idPrefix}%`)
    .where('public_submissions.created_at', '>=', `${date}T00:00:00`)
    .where('public_submissions.created_at', '<', `${date}T99`)
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0] : undefined;
}

export async function findSubmission(
  ex: Executor,
  id: string,
): Promise<(PublicSubmissionRow & { reply: string | null; replied_at: string | null }) | undefined> {
  return ex
    .selectFrom('public_submissions')
    .leftJoin('submission_replies', 'submission_replies.submission_id', 'public_submissions.id')
    .selectAll('public_submissions')
    .select(['submission_replies.reply', 'submission_replies.replied_at'])
    .where('public_submissions.id', '=', id)
    .executeTakeFirst();
}

/** Stores (or replaces) the reply and sets the submission's status, in the caller's transaction. */
export async function saveReply(ex: Executor, row: SubmissionReplyTable, status: string): Promise<void> {
  await ex
    .insertInto('submission_replies')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('submission_id')
        .doUpdateSet({ reply: row.reply, replied_by: row.replied_by, replied_at: row.replied_at }),
    )
    .execute();
  await ex.updateTable('public_submissions').set({ status }).where('id', '=', row.submission_id).execute();
}
