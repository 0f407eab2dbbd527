import type { DomainWork, WorkDeps } from '../../jobs/background-work.ts';
import { remindReportDeadlines } from './remind-report-deadlines.ts';
import { runReportImport } from './run-report-import.ts';
import { IMPORT_TASK } from './start-report-import.ts';

/** Background work of the annual reports: imports of published reports, and the daily deadline reminders. */
export function reportsWork(deps: WorkDeps): DomainWork {
  return {
    tasks: {
      [IMPORT_TASK]: async (payload) => {
        const taskId = payload['taskId'];
        if (typeof taskId !== 'string') throw new Error('reports.import: taskId missing');
        await runReportImport(deps, taskId);
      },
      'reports.remind': async () => {
        const n = await remindReportDeadlines(deps);
        if (n > 0) deps.logger.info('annual report reminders written', { count: n });
      },
    },
    periodic: [{ task: 'reports.remind', everyMs: 6 * 3600_000 }],
  };
}
