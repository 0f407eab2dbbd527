import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { PublicationTables } from './repositories/publication/publication-tables.ts';

/**
 * Table types of the one schema shared by SQLite and PostgreSQL (migrations in ./migrations).
 *
 * Timestamps are ISO-8601 UTC strings ("2026-11-22T07:15:59.123Z") on both databases: they sort as text,
 * and the audit hash chain hashes exactly the stored bytes, which a PostgreSQL timestamptz round-trip
 * would not preserve. Booleans are 0/1 integers, JSON is text.
 */
export interface AgencyTable {
  id: string;
  parent_id: string | null;
  /** Materialised path "/<root>/…/<id>/": subtree queries are a prefix match. */
  path: string;
  name: string;
  /** 统一社会信用代码 or 组织机构代码; used in 索引号. */
  code: string;
  kind: string;
  address: string;
  postcode: string;
  office_hours: string;
  phone: string;
  fax: string;
  online_channel: string;
  email: string;
  /** Annual report deadline as "MM-DD" (条例第四十九条: 每年1月31日前). */
  report_deadline: string;
  settings: string;
  sort_order: number;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  login: string;
  display_name: string;
  /** The person's own address for reminders; '' when none (migration 023). */
  email: Generated<string>;
  password_hash: string;
  agency_id: string;
  /** JSON array of role names (src/core/platform/roles.ts). */
  roles: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  must_change_password: number;
  last_login_at: string | null;
  password_changed_at: string;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a leaked database does not yield usable sessions. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  prev_hash: string;
  /** HMAC-SHA256 with key `key_id` (migration 003); for legacy entries (key_id NULL) plain SHA-256. */
  hash: string;
  /** Id of the audit key (kept outside the database) that signed the entry; NULL before migration 003. */
  key_id: string | null;
}

/** One row: the head of the audit chain. Appending locks it, so the chain never forks. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** Key that signed the last entry and `mac` (migration 003); a trigger keeps seq from moving backwards. */
  key_id: string | null;
  mac: string | null;
}

export interface PublicSubmissionTable {
  id: string;
  idempotency_key: string;
  agency_id: string;
  kind: string;
  page_url: string;
  content: string;
  contact_name: string;
  contact: string;
  status: string;
  ip: string;
  created_at: string;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

export interface RateLimitWindowTable {
  key: string;
  window_no: number;
  hits: number;
}

/** The job queue on SQLite (on PostgreSQL graphile-worker keeps its own tables). See src/jobs. */
export interface JobTable {
  id: Generated<number>;
  task: string;
  /** JSON. */
  payload: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  /** Deduplication key: enqueueing again with the same key replaces the pending job. */
  key: string | null;
  locked_at: string | null;
  locked_by: string | null;
  created_at: string;
}

export interface JobWorkerTable {
  worker_id: string;
  host: string;
  started_at: string;
  last_seen_at: string;
}

export interface JobScheduleRunTable {
  task: string;
  period: number;
  started_at: string;
}

export interface BackgroundTaskTable {
  id: string;
  kind: string;
  agency_id: string | null;
  created_by: string | null;
  title: string;
  /** queued | running | done | failed */
  status: string;
  total: number;
  done: number;
  failed: number;
  message: string;
  input_json: string;
  result_json: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A change that gives someone access, waiting for (or decided by) a second administrator of the other kind;
 * with the two hashed halves of its one-time activation code when it ends in a credential.
 */
export interface AccountRequestTable {
  id: string;
  /** 'create' (new account) | 'grant' (roles or agency) | 'reset' (new credential for an existing account). */
  kind: string;
  user_id: string;
  /** JSON role set requested (create, grant). */
  roles: string | null;
  /** Agency requested (create, grant). */
  agency_id: string | null;
  /** Null: the system itself (first start). */
  requested_by: string | null;
  requester_role: string | null;
  requested_at: string;
  /** 'pending' | 'approved' | 'rejected' | 'superseded'. */
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  /** SHA-256 of the first half of the activation code (shown to the requester). */
  code1_hash: string | null;
  /** SHA-256 of the second half (shown to the approver). */
  code2_hash: string | null;
  code_expires_at: string | null;
  code_used_at: string | null;
}

/** A failed — or still running — sign-in attempt; counted per client address (and login) over a window. */
export interface LoginFailureTable {
  id: string;
  ip: string;
  login: string;
  at: string;
}

/**
 * One indexed published item (migration 008, docs/search.md): what a search result shows. The index proper is
 * dialect-specific — SQLite's FTS5 table `search_fts` (rowid = sort_key) or PostgreSQL's `search_vectors` — and
 * only src/db/repositories/search touches it.
 */
export interface SearchDocumentTable {
  doc_id: string;
  /** Order within a relevance tier: days since 1970 × 2^20 + slot (src/search/sort-key.ts). */
  sort_key: number;
  agency_id: string;
  agency_path: string;
  catalogue: string;
  year: number;
  doc_number: string;
  index_number: string;
  title: string;
  body: string;
  /** JSON array of {name, text}. */
  attachments: string;
  published_date: string;
  url: string;
}

/** PostgreSQL only: the app-built tsvectors of one indexed item (head: title/文号/索引号/words/filters; body). */
export interface SearchVectorTable {
  sort_key: number;
  head: string;
  body: string;
  /** The filters as plain columns (migration 019): b-trees on (value, sort_key) for filtered newest-first walks. */
  agency_id: string;
  catalogue: string;
  year: number;
}

/** A stored file, by the SHA-256 of its bytes (migration 005). Its bytes are the chunks of `content_id`. */
export interface BlobTable {
  sha256: string;
  content_id: string;
  size: number;
  /** What the bytes are (sniffed, never the file name): pdf, docx, xlsx, html, text, png, jpeg, … */
  kind: string;
  media_type: string;
  chunk_count: number;
  created_at: string;
}

export interface BlobChunkTable {
  content_id: string;
  seq: number;
  data: Uint8Array;
  created_at: string;
}

/** Page-cache generation per scope, shared by the app servers (migration 005). */
export interface CacheGenerationTable {
  scope: string;
  generation: number;
}

/** An application (依申请公开, migration 011). Lists and tables read these columns; the events are the truth. */
export interface CaseTable {
  id: string;
  agency_id: string;
  /** Printed on the 回执; with the secret it lets the applicant follow the case without an account. */
  tracking_code: string;
  /** SHA-256 of the applicant's secret (never stored in clear). */
  secret_hash: string;
  /** The intake form's one-time token: a replayed submit finds the case instead of creating a second one. */
  idempotency_key: string | null;
  /** Table 3's column: natural | commercial | research | social | legal | other. */
  applicant_type: string;
  /** For lists: the name with all but the first character masked (张**). */
  applicant_masked: string;
  /** AES-256-GCM sealed JSON of the applicant's personal data (src/security/field-cipher.ts). */
  applicant_sealed: string;
  id_type: string;
  /** HMAC blind index of the identity number: the same applicant without decrypting. */
  id_index: string;
  phone_index: string | null;
  data_key_id: string;
  channel: string;
  description: string;
  /** normaliseRequest(description), for 重复申请 and 第四十四条 detection. */
  request_norm: string;
  form_wanted: string;
  delivery_wanted: string;
  received_on: string;
  status: string;
  due_on: string | null;
  /** 0 open, 1 closed: the list's first sort key. */
  open_rank: number;
  /** due_on, or '9999-12-31' when there is none: the list's second sort key. */
  due_sort: string;
  assignee_id: string | null;
  outcome_kind: string | null;
  outcome_row: string | null;
  finished_on: string | null;
  last_appeal_on: string | null;
  /** JSON AppealSummary[] (table 4). */
  appeals_json: string;
  /** JSON of the answer being prepared and its approvals (拟办 → 审核 → 签发), null when none. */
  approval_json: string | null;
  event_count: number;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The append-only history of a case: core events (kind `state`), notes, messages, files, approvals. */
export interface CaseEventTable {
  case_id: string;
  seq: number;
  kind: string;
  /** The core CaseEvent as JSON (kind `state`), else null. */
  event_json: string | null;
  /** The legal basis cited, as text (第三十条 …). */
  basis: string;
  body: string;
  to_applicant: number;
  from_applicant: number;
  blob_sha256: string | null;
  filename: string | null;
  actor_id: string | null;
  actor_label: string;
  created_at: string;
}

/** One version of a State Council notice entered by an administrator (migration 012, docs/calendar.md). */
export interface CalendarNoticeTable {
  id: string;
  year: number;
  /** 1, 2, … per year; the highest is in force. */
  revision: number;
  source: string;
  /** JSON object date → holiday name. */
  days_off: string;
  /** JSON object date → holiday it makes up for. */
  make_up_days: string;
  /** 1: this revision takes the year back to the shipped data. */
  withdrawn: number;
  entered_by: string | null;
  entered_at: string;
}

/** A local closure (本机关停止办公) of an agency's subtree, or of the whole site when `agency_id` is null. */
export interface CalendarClosureTable {
  id: string;
  agency_id: string | null;
  date_from: string;
  date_to: string;
  reason: string;
  created_by: string | null;
  created_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

/** An in-app notification of one user (migration 013, docs/notifications.md). */
export interface NotificationTable {
  id: string;
  user_id: string;
  agency_id: string | null;
  subject: string;
  body: string;
  /** A path inside this site ("/staff/…"), or null. */
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** A message to send through a channel (e-mail, SMS), delivered by the job `notifications.deliver`. */
export interface NotificationOutboxTable {
  id: string;
  notification_id: string | null;
  /** 'email' | 'sms' */
  channel: string;
  /** The address; masked once the message was delivered. */
  recipient: string;
  subject: string;
  body: string;
  link: string | null;
  /** 'pending' | 'sent' | 'failed' */
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** One saved version of an agency's copy of a notice template (migration 014, docs/notice-templates.md). */
export interface NoticeTemplateTable {
  id: string;
  agency_id: string;
  /** The template's id in src/core/notices (receipt, correction, granted, …). */
  template_id: string;
  revision: number;
  title: string;
  addressee: string;
  body: string;
  attachments: string;
  /** 1: this revision takes the agency back to the default template. */
  reverted: number;
  created_by: string | null;
  created_at: string;
}

/** One agency's annual report of one year (migration 017, docs/reports.md). */
export interface AnnualReportTable {
  id: string;
  agency_id: string;
  year: number;
  /** draft | submitted | returned | cleared | published */
  state: string;
  /** drafted (in Gongkai) | imported (a published report uploaded by the supervising office) */
  origin: string;
  /** The `gongkai.report/1` JSON. */
  report_json: string;
  /** The core checker's findings at the last save (JSON array). */
  findings_json: string;
  error_count: number;
  warning_count: number;
  /** ISO date by which the report must be published (agencies.report_deadline of year + 1). */
  deadline: string;
  /** 1 when published after the deadline (条例第四十九条). */
  late: number;
  /** Imports: SHA-256 of the imported file's bytes — the same file is stored once. */
  content_hash: string | null;
  source_name: string | null;
  source_sha256: string | null;
  submitted_at: string | null;
  cleared_at: string | null;
  published_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ReportCommentTable {
  id: string;
  report_id: string;
  author_id: string | null;
  author_label: string;
  /** comment | returned | cleared | submitted | published */
  kind: string;
  body: string;
  created_at: string;
}

/** A warning a person has looked at, with the reason it stands (issue 9 item 2). */
export interface ReportAcknowledgementTable {
  report_id: string;
  finding_key: string;
  code: string;
  reason: string;
  user_id: string | null;
  created_at: string;
}

/** Table 2's counts kept in other business systems, entered or imported per month. 收费 in 分. */
export interface BusinessCountTable {
  agency_id: string;
  year: number;
  month: number;
  licensing: number;
  punishment: number;
  enforcement: number;
  fees_fen: number;
  updated_by: string | null;
  updated_at: string;
}

export interface ReportReminderTable {
  agency_id: string;
  year: number;
  kind: string;
  message: string;
  created_at: string;
}

/** A file (or ZIP entry) of a report import and what became of it (migration 018). */
export interface ReportImportFileTable {
  task_id: string;
  seq: number;
  name: string;
  blob_sha256: string;
  zip_entry: string | null;
  /** pending | stored | duplicate | failed */
  status: string;
  message: string;
  report_id: string | null;
  error_count: number;
  warning_count: number;
  updated_at: string;
}

/** A deadline reminder of a case already sent (migration 019): once per case, due date and kind. */
export interface CaseReminderTable {
  case_id: string;
  /** 'dueSoon' | 'overdue' */
  kind: string;
  due_on: string;
  created_at: string;
}

export interface Database {
  agencies: AgencyTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  public_submissions: PublicSubmissionTable;
  app_settings: AppSettingTable;
  rate_limit_windows: RateLimitWindowTable;
  jobs: JobTable;
  job_workers: JobWorkerTable;
  job_schedule_runs: JobScheduleRunTable;
  background_tasks: BackgroundTaskTable;
  account_requests: AccountRequestTable;
  login_failures: LoginFailureTable;
  search_documents: SearchDocumentTable;
  search_vectors: SearchVectorTable;
  blobs: BlobTable;
  blob_chunks: BlobChunkTable;
  cache_generations: CacheGenerationTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  case_reminders: CaseReminderTable;
  calendar_notices: CalendarNoticeTable;
  calendar_closures: CalendarClosureTable;
  notifications: NotificationTable;
  notification_outbox: NotificationOutboxTable;
  notice_templates: NoticeTemplateTable;
  annual_reports: AnnualReportTable;
  report_comments: ReportCommentTable;
  report_acknowledgements: ReportAcknowledgementTable;
  business_counts: BusinessCountTable;
  report_reminders: ReportReminderTable;
  report_import_files: ReportImportFileTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type AgencyRow = Selectable<AgencyTable>;
export type NewAgencyRow = Insertable<AgencyTable>;
export type AgencyUpdate = Updateable<AgencyTable>;
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type AccountRequestRow = Selectable<AccountRequestTable>;
export type PublicSubmissionRow = Selectable<PublicSubmissionTable>;
export type JobRow = Selectable<JobTable>;
export type BackgroundTaskRow = Selectable<BackgroundTaskTable>;
export type SearchDocumentRow = Selectable<SearchDocumentTable>;
export type BlobRow = Selectable<BlobTable>;
export type CaseRow = Selectable<CaseTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
export type CalendarNoticeRow = Selectable<CalendarNoticeTable>;
export type CalendarClosureRow = Selectable<CalendarClosureTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type NotificationOutboxRow = Selectable<NotificationOutboxTable>;
export type NoticeTemplateRow = Selectable<NoticeTemplateTable>;
export type { Generated };

/** 主动公开 (migration 015): the publication tables, declared in their domain's folder. */
export interface Database extends PublicationTables {
  publication_items: PublicationTables['publication_items'];
}
export type AnnualReportRow = Selectable<AnnualReportTable>;
export type ReportCommentRow = Selectable<ReportCommentTable>;
export type BusinessCountRow = Selectable<BusinessCountTable>;
export type ReportImportFileRow = Selectable<ReportImportFileTable>;
