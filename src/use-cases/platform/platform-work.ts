import type { DomainWork, WorkDeps } from '../../jobs/background-work.ts';
import { sweepExpiredSessions } from './sweep-expired-sessions.ts';
import { sweepLoginFailures } from './sweep-login-failures.ts';

/** The platform's background work: removing expired sessions and old failed sign-in records every ten minutes (one server does it per period). */
export function platformWork(deps: WorkDeps): DomainWork {
  return {
    tasks: {
      'platform.sweepSessions': async () => {
        const n = await sweepExpiredSessions(deps.db, deps.clock);
        if (n > 0) deps.logger.info('expired sessions removed', { count: n });
        await sweepLoginFailures(deps.db, deps.clock);
      },
    },
    periodic: [{ task: 'platform.sweepSessions', everyMs: 10 * 60_000 }],
  };
}
