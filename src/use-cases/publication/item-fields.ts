import { chinaDate } from '../../core/calendar/iso-date.ts';
import { findColumn, openColumns } from '../../core/publication/catalogue.ts';
import { validityProblems } from '../../core/publication/validity.ts';
import { AppError, type FieldErrors } from '../../core/platform/app-error.ts';
import type { PublicationItemTable } from '../../db/repositories/publication/publication-tables.ts';
import type { AgencyRow } from '../../db/schema.ts';
import { bodyText } from '../../readers/body/body-text.ts';
import { sanitizeBody } from '../../readers/body/sanitize-body.ts';
import type { ItemInput } from './item-input.ts';
import type { PublicationSettings } from './publication-settings.ts';

/** The path under which an item's attachments (and the body's images) are served. */
export const attachmentPathPrefix = '/attachments/';

/**
 * The stored fields of an item from what staff entered: the column must be one the agency files items in; the
 * body is sanitized (allow-list, src/readers/body/sanitize-body.ts) before anything stores or shows it; the
 * 有效性 dates are checked against the 成文日期. Throws VALIDATION with Chinese messages per field.
 */
export function itemFields(
  input: ItemInput,
  agency: AgencyRow,
  settings: PublicationSettings,
  now: Date,
  /** The column the item is filed in now: it may stay there after the column was retired. */
  currentColumn?: string,
): Omit<
  PublicationItemTable,
  | 'id'
  | 'agency_id'
  | 'index_number'
  | 'published_on'
  | 'published_at'
  | 'publish_at'
  | 'document_id'
  | 'status'
  | 'review_round'
  | 'review_step'
  | 'review_chain'
  | 'secrecy_confirmed_by'
  | 'secrecy_confirmed_at'
  | 'check_override'
  | 'check_override_by'
  | 'withdrawn_reason'
  | 'withdrawn_at'
  | 'views'
  | 'revision'
  | 'created_by'
  | 'created_at'
  | 'updated_at'
  | 'version'
> {
  const errors: FieldErrors = {};
  // A retired column takes no new items; an item already in it may stay (its editing or revision moves nothing).
  const column =
    openColumns(settings.catalogue).some((c) => c.node.code === input.catalogue) ||
    (currentColumn === input.catalogue && findColumn(settings.catalogue, input.catalogue) !== undefined);
  if (!column) errors['catalogue'] = '所选栏目不存在、已停用或不能直接发布信息';
  const today = chinaDate(now);
  if (input.writtenOn && input.writtenOn > today) errors['writtenOn'] = '成文日期不能晚于今天';
  if (input.changedOn && input.writtenOn && input.changedOn < input.writtenOn)
    errors['changedOn'] = '变更日期不能早于成文日期';
  const validity = {
    status: input.validityStatus,
    effectiveFrom: input.effectiveFrom,
    validUntil: input.validUntil,
    endedOn: input.endedOn,
  };
  const problems = validityProblems(validity, input.writtenOn ?? today);
  if (problems.length > 0) errors['validityStatus'] = problems.join('；');
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION', undefined, errors);
  const bodyHtml = sanitizeBody(input.bodyHtml, { imagePathPrefix: attachmentPathPrefix });
  return {
    catalogue: input.catalogue,
    normative_kind: findColumn(settings.catalogue, input.catalogue)?.node.normativeKind ?? null,
    title: input.title,
    doc_number: input.docNumber,
    written_on: input.writtenOn ?? null,
    changed_on: input.changedOn ?? null,
    topic: input.topic,
    publisher: input.publisher || agency.name,
    source: input.source || agency.name,
    validity_status: input.validityStatus,
    effective_from: input.effectiveFrom ?? null,
    valid_until: input.validUntil ?? null,
    ended_on: input.endedOn ?? null,
    body_html: bodyHtml,
    body_text: bodyText(bodyHtml).text,
    interprets_id: input.interpretsId ?? null,
    replaces_id: input.replacesId ?? null,
  };
}

/** What the audit trail and the revision history keep of an item (the body by its length and text). */
export function itemSnapshot(item: {
  title: string;
  catalogue: string;
  doc_number: string;
  index_number: string | null;
  written_on: string | null;
  validity_status: string;
  ended_on: string | null;
  body_html: string;
  status: string;
}): Record<string, unknown> {
  return {
    title: item.title,
    catalogue: item.catalogue,
    doc_number: item.doc_number,
    index_number: item.index_number,
    written_on: item.written_on,
    validity_status: item.validity_status,
    ended_on: item.ended_on,
    status: item.status,
    body_html: item.body_html,
  };
}

/** The audit form: the same without the body's HTML (its size instead). */
export function auditView(item: Parameters<typeof itemSnapshot>[0] & { id: string }): Record<string, unknown> {
  const { body_html, ...rest } = itemSnapshot(item);
  return { id: item.id, ...rest, body_chars: String(body_html).length };
}
