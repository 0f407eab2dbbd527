import type { Generated, Selectable } from 'kysely';

/** Table types of 主动公开 (migration 015), merged into `Database` in src/db/schema.ts. */

/** Per agency: 公开目录, review chain, own 错敏词, 索引号 period, outbound webhook. JSON is text. */
export interface PublicationSettingsTable {
  agency_id: string;
  /** JSON `Catalogue` (src/core/publication/catalogue.ts). */
  catalogue: string;
  /** JSON `ReviewStep[]` (src/core/publication/review-chain.ts). */
  review_steps: string;
  /** JSON `AgencyWording` (src/core/publication/wording-dictionary.ts). */
  wording: string;
  /** 'year' | 'month' (index-number.ts). */
  index_granularity: string;
  /** https URL the signed webhook posts to; '' = none. */
  webhook_url: string;
  /** HMAC-SHA256 key of the webhook signature. */
  webhook_secret: string;
  /** 1 = deliver, 0 = switched off (URL and secret kept); migration 019. */
  webhook_enabled: Generated<number>;
  version: number;
  updated_at: string;
}

/**
 * One 主动公开 item. `status`: draft | review | approved | scheduled | published | withdrawn. `review_step` is the
 * next step of the chain to decide in round `review_round` (each return for changes starts a new round).
 */
export interface PublicationItemTable {
  id: string;
  agency_id: string;
  catalogue: string;
  /** 'regulation' | 'normative' when filed in a 规章 / 行政规范性文件 column (table 2). */
  normative_kind: string | null;
  title: string;
  doc_number: string;
  /** Allocated when first published; never changes or is reused afterwards. */
  index_number: string | null;
  /** 成文日期. */
  written_on: string | null;
  /** The date the information changed (第二十六条), when later than the 成文日期. */
  changed_on: string | null;
  /** 发布日期 (China date). */
  published_on: string | null;
  published_at: string | null;
  /** Scheduled publication moment (ISO) while `status = scheduled`. */
  publish_at: string | null;
  topic: string;
  /** 发布机构. */
  publisher: string;
  /** 来源. */
  source: string;
  validity_status: string;
  effective_from: string | null;
  valid_until: string | null;
  ended_on: string | null;
  /** Sanitized HTML (src/readers/body/sanitize-body.ts) — never stored unsanitized. */
  body_html: string;
  body_text: string;
  /** A 政策解读 → the policy it explains. */
  interprets_id: string | null;
  /** A revision → the item it replaces. */
  replaces_id: string | null;
  /** The registered document (公开属性) it comes from. */
  document_id: string | null;
  status: string;
  review_round: number;
  review_step: number;
  /** JSON `ReviewStep[]`: the chain of the current round, fixed when it was submitted (migration 019). */
  review_chain: string | null;
  secrecy_confirmed_by: string | null;
  secrecy_confirmed_at: string | null;
  /** A reviewer's reason to publish despite error-level findings. */
  check_override: string | null;
  check_override_by: string | null;
  withdrawn_reason: string | null;
  withdrawn_at: string | null;
  views: number;
  revision: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PublicationRevisionTable {
  item_id: string;
  revision: number;
  /** JSON of the item's content and metadata as it was. */
  snapshot: string;
  reason: string;
  actor_id: string | null;
  at: string;
}

export interface PublicationAttachmentTable {
  id: string;
  item_id: string;
  /** The file name people see. */
  name: string;
  blob_sha256: string;
  kind: string;
  media_type: string;
  size: number;
  /** Extracted text for search (empty for images). */
  text: string;
  sort_order: number;
  created_at: string;
}

export interface PublicationReviewTable {
  id: string;
  item_id: string;
  round: number;
  step: number;
  step_name: string;
  /** 'approve' | 'return'. */
  decision: string;
  comment: string;
  override_reason: string | null;
  actor_id: string;
  actor_label: string;
  at: string;
}

export interface PublicationIndexCounterTable {
  /** `indexCounterKey(agencyCode, period)`. */
  counter_key: string;
  last_serial: number;
}

/** 信息公开属性源头认定: a document the agency registers, with its 公开属性 decided when drafted. */
export interface PublicationDocumentTable {
  id: string;
  agency_id: string;
  title: string;
  doc_number: string;
  written_on: string;
  /** JSON `DisclosureAttribute`. */
  attribute: string;
  /** The 主动公开 item it entered the queue as. */
  item_id: string | null;
  created_by: string;
  created_at: string;
}

/** A staff reply to a 留言/纠错 (the status is public_submissions.status). */
export interface SubmissionReplyTable {
  submission_id: string;
  reply: string;
  replied_by: string;
  replied_at: string;
}

export interface PublicationTables {
  publication_settings: PublicationSettingsTable;
  publication_items: PublicationItemTable;
  publication_revisions: PublicationRevisionTable;
  publication_attachments: PublicationAttachmentTable;
  publication_reviews: PublicationReviewTable;
  publication_index_counters: PublicationIndexCounterTable;
  publication_documents: PublicationDocumentTable;
  submission_replies: SubmissionReplyTable;
}

export type PublicationItemRow = Selectable<PublicationItemTable>;
export type PublicationSettingsRow = Selectable<PublicationSettingsTable>;
export type PublicationAttachmentRow = Selectable<PublicationAttachmentTable>;
export type PublicationReviewRow = Selectable<PublicationReviewTable>;
export type PublicationRevisionRow = Selectable<PublicationRevisionTable>;
export type PublicationDocumentRow = Selectable<PublicationDocumentTable>;
