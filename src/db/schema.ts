import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

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
  hash: string;
}

/** One row: the head of the audit chain. Appending locks it, so the chain never forks. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
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

export interface Database {
  agencies: AgencyTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  public_submissions: PublicSubmissionTable;
  app_settings: AppSettingTable;
  rate_limit_windows: RateLimitWindowTable;
  blobs: BlobTable;
  blob_chunks: BlobChunkTable;
  cache_generations: CacheGenerationTable;
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
export type PublicSubmissionRow = Selectable<PublicSubmissionTable>;
export type BlobRow = Selectable<BlobTable>;
export type { Generated };
