import { deleteLoginFailuresBefore } from '../../db/repositories/platform/login-failure-repository.ts';
import type { Db } from '../../db/schema.ts';

/**
 * Forgets failed sign-in records older than a day. The throttle looks back 15 minutes; the audit trail keeps
 * every failure for good. Runs with the session sweep (platform-work.ts).
 */
export async function sweepLoginFailures(db: Db, clock: () => Date): Promise<number> {
  return deleteLoginFailuresBefore(db, new Date(clock().getTime() - 24 * 3_600_000).toISOString());
}
