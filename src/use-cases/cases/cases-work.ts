import type { DomainWork, WorkDeps } from '../../jobs/background-work.ts';
import { remindCaseDeadlines } from './remind-case-deadlines.ts';

export const REMIND_TASK = 'cases.remind';

/**
 * Background work of the applications: the deadline reminders, hourly (each is sent once per case, kind and due
 * date, so the period only decides how soon after midnight a new day's reminders go out).
 */
export function casesWork(deps: WorkDeps): DomainWork {
  return {
    tasks: {
      [REMIND_TASK]: async () => {
        const n = await remindCaseDeadlines(deps.db, { clock: deps.clock, delivery: deps.delivery });
        if (n > 0) deps.logger.info('case deadline reminders written', { count: n });
      },
    },
    periodic: [{ task: REMIND_TASK, everyMs: 3600_000 }],
  };
}
