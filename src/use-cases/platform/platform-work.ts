import { DatabaseBlobStore } from '../../db/repositories/files/database-blob-store.ts';
import type { DomainWork, WorkDeps } from '../../jobs/background-work.ts';
import { sweepExpiredSessions } from './sweep-expired-sessions.ts';
import { sweepLoginFailures } from './sweep-login-failures.ts';

/** The platform's background work: removing expired sessions, old failed sign-in records and abandoned upload chunks every ten minutes (one server does it per period). */
export function platformWork(deps: WorkDeps): DomainWork {
  return {
    tasks: {
      'platform.sweepSessions': async () => {
        const n = await sweepExpiredSessions(deps.db, deps.clock);
        if (n > 0) deps.logger.info('expired sessions removed', { count: n });
        await sweepLoginFailures(deps.db, deps.clock);
        // Chunks of uploads that a crashed server never committed nor aborted (a day is longer than any upload).
        const chunks = await new DatabaseBlobStore(deps.db).sweepAbandoned(
          new Date(deps.clock().getTime() - 24 * 3600_000),
        );
        if (chunks > 0) deps.logger.info('abandoned upload chunks removed', { count: chunks });
      },
    },
    periodic: [{ task: 'platform.sweepSessions', everyMs: 10 * 60_000 }],
  };
}
