import { chinaDate } from '../../core/calendar/iso-date.ts';
import { blocksPublication } from '../../core/publication/check-publication-text.ts';
import { wordingChecker, type WordingChecker } from '../../core/publication/check-wording.ts';
import { checkDocumentNumber } from '../../core/publication/document-number.ts';
import type { TextFinding } from '../../core/publication/text-finding.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import type { Executor } from '../../db/schema.ts';
import { checkBody, type BodyFinding } from '../../readers/body/check-body.ts';
import type { PublicationSettings } from './publication-settings.ts';

export interface ItemChecks {
  title: TextFinding[];
  body: BodyFinding[];
  docNumber: TextFinding[];
  /** Error-level findings exist: publication is blocked unless a reviewer overrides with a reason. */
  blocking: boolean;
}

const checkers = new Map<string, WordingChecker>();

/** The agency's compiled 错敏词 checker (shipped dictionary + its own entries), compiled once per settings version. */
function checkerFor(settings: PublicationSettings): WordingChecker {
  const key = `${settings.agencyId}:${settings.version}`;
  let c = checkers.get(key);
  if (!c) {
    c = wordingChecker(settings.wording);
    if (checkers.size > 200) checkers.clear();
    checkers.set(key, c);
  }
  return c;
}

/** Portal paths a body may link to without being broken (besides items and attachments, looked up). */
const knownPaths = [
  /^\/$/,
  /^\/search$/,
  /^\/feedback(\/lookup)?$/,
  /^\/agencies\/[A-Za-z0-9_-]+\/[a-z-]+(\/[a-z0-9-]+)?$/,
];

/**
 * 发布前检查 (issue 8 item 5): 错敏词 with the agency's dictionary, personal data, 文号, and links in the body —
 * a link to an item or attachment of this portal that does not exist (or is not published) is broken.
 */
export async function checkItem(
  ex: Executor,
  item: Pick<PublicationItemRow, 'title' | 'body_html' | 'doc_number' | 'written_on'>,
  settings: PublicationSettings,
  now: Date,
): Promise<ItemChecks> {
  const itemIds = [...item.body_html.matchAll(/\/items\/([A-Za-z0-9_-]{1,64})/g)].map((m) => m[1] ?? '');
  const attachmentIds = [...item.body_html.matchAll(/\/attachments\/([A-Za-z0-9_-]{1,64})/g)].map((m) => m[1] ?? '');
  const published = new Set(
    itemIds.length === 0
      ? []
      : (
          await ex
            .selectFrom('publication_items')
            .select('id')
            .where('id', 'in', itemIds)
            .where('status', '=', 'published')
            .execute()
        ).map((r) => r.id),
  );
  const attachments = new Set(
    attachmentIds.length === 0
      ? []
      : (await ex.selectFrom('publication_attachments').select('id').where('id', 'in', attachmentIds).execute()).map(
          (r) => r.id,
        ),
  );
  const linkExists = (path: string): boolean => {
    const p = path.split(/[?#]/)[0] ?? '';
    const item = /^\/items\/([A-Za-z0-9_-]+)$/.exec(p);
    if (item) return published.has(item[1] ?? '');
    const att = /^\/attachments\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(p);
    if (att) return attachments.has(att[1] ?? '');
    return knownPaths.some((r) => r.test(p));
  };
  const today = chinaDate(now);
  const { title, body } = checkBody(
    { title: item.title, html: item.body_html },
    { wording: checkerFor(settings), today, site: { hosts: [] }, linkExists },
  );
  const docNumber = item.doc_number
    ? checkDocumentNumber(item.doc_number, {
        currentYear: Number(today.slice(0, 4)),
        ...(item.written_on ? { writtenOn: item.written_on } : {}),
      }).findings
    : [];
  return { title, body, docNumber, blocking: blocksPublication([...title, ...body, ...docNumber]) };
}
