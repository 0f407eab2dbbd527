import type { Actor } from '../core/platform/actor.ts';
import type { OpenDatabase } from '../db/open-database.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { RateLimiter } from './middleware/rate-limiter.ts';
import type { TtlCache } from './http/ttl-cache.ts';
import type { PageCache } from './http/page-cache.ts';
import type { AgencyRow } from '../db/schema.ts';
import type { AuditKeyring } from '../use-cases/platform/audit-keyring.ts';
import type { DataKeyring } from '../security/field-cipher.ts';

/** What the app is built from; tests pass their own clock and database. */
export interface AppDeps {
  database: OpenDatabase;
  config: Config;
  logger: Logger;
  clock: () => Date;
  /** Signs audit entries; from the configuration, never from the database. */
  auditKeys: AuditKeyring;
  /** Seals applicants' personal data; from the configuration, never from the database (issue 7 item 10). */
  dataKeys?: DataKeyring;
  /** Demo data is loaded: every page carries the demo banner. Decided once at start (prepareDatabase). */
  demoData: boolean;
}

export type SessionVar =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'active'; actor: Actor; csrfToken: string; mustChangePassword: boolean; token: string };

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    session: SessionVar;
    requestId: string;
    ip: string;
    limiter: RateLimiter;
    /** Public agency list, shared by portal pages (see TtlCache). */
    publicAgencies: TtlCache<AgencyRow[]>;
    /** The page cache of the public portal; `invalidate(scope)` after changing what its pages show. */
    pageCache: PageCache;
    /** The double-submit CSRF token issued during this request, once. */
    anonCsrf: string | undefined;
    /** True when the handler's response already carries the security headers. */
    secured: boolean;
    /** Set by the body limit on a large-body (upload) route: its body is left unread for the upload mechanism. */
    largeBody: { maxBytes: number } | undefined;
    /**
     * On an upload route without the X-CSRF-Token header: the token the form's `_csrf` field must carry, checked
     * by the upload mechanism while it streams (the CSRF middleware does not read upload bodies).
     */
    csrfPending: string | undefined;
    /** Staff pages: the signed-in person's unread notifications (the bell in the layout). */
    unreadNotifications: number | undefined;
  };
}
