import { deleteExpiredSessions } from '../../db/repositories/platform/session-repository.ts';
import type { Db } from '../../db/schema.ts';

/**
 * Removes sessions past their idle expiry. Expired sessions are already refused on use (resolveSession);
 * the sweep only keeps the table small. A periodic background task (platform-work.ts).
 */
export async function sweepExpiredSessions(db: Db, clock: () => Date): Promise<number> {
  return deleteExpiredSessions(db, clock().toISOString());
}
