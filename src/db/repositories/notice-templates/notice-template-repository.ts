import type { Executor, NoticeTemplateRow } from '../../schema.ts';

export type NoticeTemplateWithAuthor = NoticeTemplateRow & { created_by_name: string | null };

/** The versions in force of an agency's templates: the highest revision per template (reverted ones included). */
export async function currentAgencyTemplates(ex: Executor, agencyId: string): Promise<NoticeTemplateRow[]> {
  return ex
    .selectFrom('notice_templates as t')
    .selectAll('t')
    .where('t.agency_id', '=', agencyId)
    .where(({ eb, selectFrom }) =>
      eb(
        't.revision',
        '=',
        selectFrom('notice_templates as m')
          .select((m) => m.fn.max('m.revision').as('r'))
          .whereRef('m.agency_id', '=', 't.agency_id')
          .whereRef('m.template_id', '=', 't.template_id'),
      ),
    )
    .execute();
}

/** Every version of one template of an agency, newest first, with who saved it. */
export async function agencyTemplateHistory(
  ex: Executor,
  agencyId: string,
  templateId: string,
): Promise<NoticeTemplateWithAuthor[]> {
  return ex
    .selectFrom('notice_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .selectAll('t')
    .select('u.display_name as created_by_name')
    .where('t.agency_id', '=', agencyId)
    .where('t.template_id', '=', templateId)
    .orderBy('t.revision', 'desc')
    .execute();
}

export async function insertAgencyTemplate(ex: Executor, row: NoticeTemplateRow): Promise<void> {
  await ex.insertInto('notice_templates').values(row).execute();
}
