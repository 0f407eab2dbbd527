/**
 * The notice templates an agency uses: the defaults of src/core/notices, each replaced by the agency's own edited
 * copy when it has one in force (docs/notice-templates.md). Ids, kinds and table-3 rows always come from the
 * default, so an edited answer is still counted in its row.
 */
import { DEFAULT_NOTICE_TEMPLATES } from '../../core/notices/default-notice-templates.ts';
import type { NoticeTemplate } from '../../core/notices/notice-template.ts';
import { currentAgencyTemplates } from '../../db/repositories/notice-templates/notice-template-repository.ts';
import type { Executor, NoticeTemplateRow } from '../../db/schema.ts';

export type AgencyNoticeTemplate = NoticeTemplate & {
  /** The agency's revision in force, or null when the default is used. */
  revision: number | null;
};

export function overlay(defaults: readonly NoticeTemplate[], rows: NoticeTemplateRow[]): AgencyNoticeTemplate[] {
  const own = new Map(rows.filter((r) => r.reverted === 0).map((r) => [r.template_id, r]));
  return defaults.map((d) => {
    const r = own.get(d.id);
    return r
      ? { ...d, title: r.title, addressee: r.addressee, body: r.body, attachments: r.attachments, revision: r.revision }
      : { ...d, revision: null };
  });
}

export async function noticeTemplatesFor(db: Executor, agencyId: string): Promise<AgencyNoticeTemplate[]> {
  return overlay(DEFAULT_NOTICE_TEMPLATES, await currentAgencyTemplates(db, agencyId));
}

/** One template as the agency uses it, or undefined for an unknown id. */
export async function noticeTemplateFor(
  db: Executor,
  agencyId: string,
  templateId: string,
): Promise<AgencyNoticeTemplate | undefined> {
  return (await noticeTemplatesFor(db, agencyId)).find((t) => t.id === templateId);
}
