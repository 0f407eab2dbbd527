/**
 * A child process of `gongkai check DIR` (through ProcessPool): receives batches of file paths, checks each, and sends back only
 * what the summary needs (counts by code), so the parent's memory stays flat however many files there are.
 */
import { checkInput } from '../use-cases/reports/load-report.ts';
import type { Deadline } from '../core/check/check-front-matter.ts';
import { readInputBytes } from './read-input.ts';
import { messageOf } from './commands/check.ts';
import { servePoolJobs } from '../jobs/serve-pool-jobs.ts';

export interface WorkerJob {
  paths: string[];
  deadline?: Deadline;
  json: boolean;
}

export interface FileOutcome {
  path: string;
  read: boolean;
  failure?: string;
  errors: number;
  codes: Record<string, number>;
  /** `{report, findings}` as JSON, only with --json. */
  json?: string;
}

export interface WorkerReply {
  outcomes: FileOutcome[];
  /** Resident memory after the batch, so a caller can see memory stays flat. */
  rss: number;
}

servePoolJobs<WorkerJob, WorkerReply>(async (job) => {
  const outcomes: FileOutcome[] = [];
  for (const path of job.paths) {
    try {
      const checked = await checkInput(await readInputBytes(path), { deadline: job.deadline });
      const codes: Record<string, number> = {};
      for (const f of checked.findings) codes[f.code] = (codes[f.code] ?? 0) + 1;
      outcomes.push({
        path,
        read: true,
        errors: checked.findings.filter((f) => f.level === 'error').length,
        codes,
        json: job.json ? JSON.stringify({ file: path, report: checked.report, findings: checked.findings }) : undefined,
      });
    } catch (error) {
      outcomes.push({ path, read: false, failure: messageOf(error), errors: 0, codes: {} });
    }
  }
  return { outcomes, rss: process.memoryUsage().rss };
});
