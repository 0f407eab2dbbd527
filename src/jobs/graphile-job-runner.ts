import { EventEmitter } from 'node:events';
import { Logger as GraphileLogger, run, runMigrations, type Runner, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import type { JobLogger, TaskList } from './task-list.ts';

/** Creates or upgrades graphile-worker's schema (it keeps its own migrations). Safe to run from several servers. */
export async function prepareGraphileQueue(pgPool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool, logger: quietLogger() });
}

/**
 * The PostgreSQL queue's worker: graphile-worker (LISTEN/NOTIFY, SKIP LOCKED, retries with backoff). Reports the
 * ids of the workers it creates, so the liveness loop can beat for them.
 */
export async function startGraphileJobRunner(options: {
  pgPool: pg.Pool;
  tasks: TaskList;
  logger: JobLogger;
  concurrency: number;
  pollMs: number;
  onWorker: (workerId: string) => void;
}): Promise<Runner> {
  const taskList = Object.fromEntries(
    Object.entries(options.tasks).map(([name, handler]) => [
      name,
      async (payload: unknown, helpers: { job: { id: string; attempts: number; max_attempts: number } }) =>
        handler((payload ?? {}) as Record<string, unknown>, {
          id: String(helpers.job.id),
          task: name,
          attempt: helpers.job.attempts,
          maxAttempts: helpers.job.max_attempts,
        }),
    ]),
  );
  // Given to run() so that no worker is created before we listen.
  const events = new EventEmitter() as WorkerEvents;
  events.on('worker:create', ({ worker }) => options.onWorker(worker.workerId));
  return run({
    pgPool: options.pgPool,
    taskList,
    concurrency: options.concurrency,
    pollInterval: options.pollMs,
    noHandleSignals: true,
    logger: forwardingLogger(options.logger),
    events,
  });
}

function forwardingLogger(logger: JobLogger): GraphileLogger {
  return new GraphileLogger(() => (level, message, meta) => {
    if (level === 'error') logger.error('job queue', { message, ...meta });
    else if (level === 'warning') logger.warn('job queue', { message, ...meta });
  });
}

function quietLogger(): GraphileLogger {
  return new GraphileLogger(() => () => {});
}
