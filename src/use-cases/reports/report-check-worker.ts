/**
 * A child process of the report check pool (report-check-pool.ts): reads and checks one published report per
 * job, off the server's event loop.
 */
import { servePoolJobs } from '../../jobs/serve-pool-jobs.ts';
import type { CheckedReport } from '../../core/check/check-document.ts';
import { checkInput } from './load-report.ts';
import type { ReportCheckJob } from './report-check-pool.ts';

servePoolJobs<ReportCheckJob, CheckedReport>(async ({ bytes, deadline }) => {
  const { report, findings } = await checkInput(bytes, deadline ? { deadline } : {});
  return { report, findings };
});
