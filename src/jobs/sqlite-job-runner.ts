import { claimSqliteJob, completeSqliteJob, failSqliteJob } from '../db/repositories/jobs/job-repository.ts';
import type { Db } from '../db/schema.ts';
import { retryDelayMs, type JobLogger, type TaskList } from './task-list.ts';

export interface PollingRunner {
  stop(): Promise<void>;
}

/**
 * The SQLite queue's worker: claims due jobs one statement at a time (atomic under SQLite's single writer, so
 * several processes on one file never take the same job), runs up to `concurrency` at once, polls every `pollMs`.
 */
export function startSqliteJobRunner(options: {
  db: Db;
  workerId: string;
  tasks: TaskList;
  logger: JobLogger;
  concurrency: number;
  pollMs: number;
}): PollingRunner {
  const { db, workerId, tasks, logger } = options;
  const names = Object.keys(tasks);
  const running = new Set<Promise<void>>();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const runOne = async (): Promise<boolean> => {
    const job = await claimSqliteJob(db, workerId, names, new Date());
    if (!job) return false;
    const handler = tasks[job.task];
    const work = (async () => {
      try {
        if (!handler) throw new Error(`没有名为 ${job.task} 的任务处理程序`);
        await handler(JSON.parse(job.payload) as Record<string, unknown>, {
          id: String(job.id),
          task: job.task,
          attempt: job.attempts,
          maxAttempts: job.max_attempts,
        });
        await completeSqliteJob(db, job.id);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        logger.warn('job failed', { task: job.task, job: job.id, attempt: job.attempts, error: message });
        await failSqliteJob(db, job.id, message, new Date(Date.now() + retryDelayMs(job.attempts))).catch(
          (err: unknown) => logger.error('job failure not recorded', { job: job.id, error: String(err) }),
        );
      }
    })();
    running.add(work);
    void work.finally(() => {
      running.delete(work);
      schedule(0);
    });
    return true;
  };

  const tick = async () => {
    timer = undefined;
    try {
      while (!stopping && running.size < options.concurrency && (await runOne()));
    } catch (e) {
      logger.error('job poll failed', { error: String(e) });
    }
    schedule(options.pollMs);
  };
  const schedule = (ms: number) => {
    if (stopping) return;
    if (timer !== undefined) {
      if (ms > 0) return;
      clearTimeout(timer);
    }
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };
  schedule(0);

  return {
    async stop() {
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
