import { deleteExpiredSessions } from '../../db/repositories/platform/session-repository.ts';
import type { Db } from '../../db/schema.ts';

/**
 * Removes sessions past their idle expiry. Expired sessions are already refused on use (resolveSession);
 * the sweep only keeps the table small. Runs on a timer in every app server — harmless when several do.
 */
export async function sweepExpiredSessions(db: Db, clock: () => Date): Promise<number> {
  return deleteExpiredSessions(db, clock().toISOString());
}
