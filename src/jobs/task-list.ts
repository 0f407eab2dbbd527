/** What a handler learns about the job it runs. */
export interface JobInfo {
  id: string;
  task: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
}

/**
 * A task handler: validates its own payload, does the work, throws to have the job retried later. Handlers must be
 * idempotent — after a crash a job may run again.
 */
export type TaskHandler = (payload: Record<string, unknown>, job: JobInfo) => Promise<void>;

export type TaskList = Readonly<Record<string, TaskHandler>>;

/** Work started once per period by whichever app server gets there first (reminders, sweeps). */
export interface PeriodicTask {
  task: string;
  everyMs: number;
  payload?: Record<string, unknown>;
}

/** The little of a logger the job runner needs (the server's logger fits). */
export interface JobLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Seconds before retry n (n ≥ 1): e^min(n,10), as graphile-worker does — 3 s, 7 s, 20 s … about 6 h at most. */
export function retryDelayMs(attempt: number): number {
  return Math.round(Math.exp(Math.min(attempt, 10)) * 1000);
}
