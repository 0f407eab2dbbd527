import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  beatJobWorker,
  claimSchedulePeriod,
  forgetSchedulePeriodsBefore,
  releaseDeadJobWorkers,
  removeJobWorker,
} from '../db/repositories/jobs/job-worker-repository.ts';
import { enqueueJob } from '../db/repositories/jobs/job-repository.ts';
import type { OpenDatabase } from '../db/open-database.ts';
import { startSqliteJobRunner } from './sqlite-job-runner.ts';
import type { JobLogger, PeriodicTask, TaskList } from './task-list.ts';

export interface JobRunnerOptions {
  database: OpenDatabase;
  tasks: TaskList;
  periodic?: readonly PeriodicTask[];
  logger: JobLogger;
  concurrency?: number;
  /** How often an idle worker looks for due jobs (SQLite; graphile-worker is woken by NOTIFY as well). */
  pollMs?: number;
  /** Heartbeat and liveness sweep period. */
  heartbeatMs?: number;
  /** A worker silent for this long is dead: its locked jobs are released for another worker. */
  staleAfterMs?: number;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Starts this process's share of the background work: the queue's worker (graphile-worker on PostgreSQL, the
 * `jobs` table on SQLite), a heartbeat so other processes can tell it is alive, the release of jobs held by dead
 * workers (a killed server's jobs run again elsewhere or after restart), and the periodic tasks.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { database, logger } = options;
  const db = database.db;
  const concurrency = options.concurrency ?? 2;
  const pollMs = options.pollMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const host = hostname();
  const workerIds = new Set<string>();
  const beat = (id: string) =>
    beatJobWorker(db, id, host, new Date()).catch((e: unknown) =>
      logger.warn('job worker heartbeat failed', { error: String(e) }),
    );

  let stopQueue: () => Promise<void>;
  if (database.pgPool) {
    const { startGraphileJobRunner } = await import('./graphile-job-runner.ts');
    const runner = await startGraphileJobRunner({
      pgPool: database.pgPool,
      tasks: options.tasks,
      logger,
      concurrency,
      pollMs,
      onWorker: (id) => {
        workerIds.add(id);
        void beat(id);
      },
    });
    stopQueue = () => runner.stop();
  } else {
    const workerId = `${host}-${process.pid}-${randomBytes(4).toString('hex')}`;
    workerIds.add(workerId);
    await beat(workerId);
    const runner = startSqliteJobRunner({ db, workerId, tasks: options.tasks, logger, concurrency, pollMs });
    stopQueue = () => runner.stop();
  }

  const periodic = options.periodic ?? [];
  const sweep = async () => {
    const now = new Date();
    await Promise.all([...workerIds].map(beat));
    try {
      const released = await releaseDeadJobWorkers(db, new Date(now.getTime() - staleAfterMs));
      if (released.length > 0) logger.info('released jobs of stopped workers', { workers: released });
      for (const p of periodic) {
        const period = Math.floor(now.getTime() / p.everyMs);
        const mine = await db.transaction().execute(async (trx) => {
          if (!(await claimSchedulePeriod(trx, p.task, period, now))) return false;
          await enqueueJob(trx, { task: p.task, payload: p.payload ?? {}, key: `periodic:${p.task}` });
          await forgetSchedulePeriodsBefore(trx, p.task, period - 10);
          return true;
        });
        if (mine) logger.info('periodic task queued', { task: p.task, period });
      }
    } catch (e) {
      logger.warn('job liveness sweep failed', { error: String(e) });
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), heartbeatMs);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await stopQueue();
      await Promise.all([...workerIds].map((id) => removeJobWorker(db, id).catch(() => {})));
    },
  };
}
