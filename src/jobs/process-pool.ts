/**
 * A pool of child processes for CPU-heavy work that must not run on the server's event loop (reading thousands of
 * published reports in an import). Each child runs one job at a time; jobs queue in order. A child that crashes,
 * runs out of heap or passes the time limit fails its job only — it is replaced for the next one. Idle children
 * exit after `idleMs`, and an idle pool never keeps the process alive.
 *
 * Why processes and not worker threads: on these machines a process gets its own CPU share, and a hostile document
 * that exhausts memory takes down only its child. The child side is `servePoolJobs` (process-pool-child.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface ProcessPoolOptions {
  /**
   * The child's module as a URL made from `import.meta.url` in the caller, so the compiled build
   * (scripts/build.mjs) points it at the bundled file in dist/; a `.ts` module runs through tsx.
   */
  module: URL;
  size: number;
  /** A job running longer fails with `PoolJobError('timeout')` and its child is killed. */
  timeoutMs: number;
  /** Heap limit of each child. */
  maxHeapMb: number;
  /** Children without work for this long exit; the next job starts them again. */
  idleMs: number;
  /** More Node/V8 flags for each child. */
  flags?: readonly string[];
}

/** The job did not come back: its child timed out or died (the job's own errors come back as replies). */
export class PoolJobError extends Error {
  constructor(
    readonly reason: 'timeout' | 'crashed',
    message: string,
  ) {
    super(message);
  }
}

/** What travels over the IPC channel (structured clone: typed arrays and plain objects pass as they are). */
export type PoolMessage<T> = { id: number; ok: true; reply: T } | { id: number; ok: false; message: string };

interface Waiting<J, R> {
  job: J;
  resolve: (reply: R) => void;
  reject: (error: Error) => void;
}

interface Child<J, R> {
  process: ChildProcess;
  current: (Waiting<J, R> & { id: number; timer: NodeJS.Timeout }) | null;
  idleTimer: NodeJS.Timeout | null;
}

export class ProcessPool<J, R> {
  private readonly children = new Set<Child<J, R>>();
  private readonly queue: Waiting<J, R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ProcessPoolOptions) {}

  get size(): number {
    return this.options.size;
  }

  /** Runs one job in a child; resolves with its reply, rejects with the child's error message or PoolJobError. */
  run(job: J): Promise<R> {
    if (this.closed) return Promise.reject(new Error('process pool closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every child; queued jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.reject(new Error('process pool closed'));
    await Promise.all([...this.children].map((c) => this.stop(c, 'closed')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let child = [...this.children].find((c) => c.current === null);
      if (!child) {
        if (this.children.size >= this.options.size) return;
        child = this.spawn();
      }
      this.assign(child, this.queue.shift()!);
    }
  }

  private spawn(): Child<J, R> {
    const ts = this.options.module.pathname.endsWith('.ts');
    const proc = fork(this.options.module, [], {
      execArgv: [
        ...(ts ? ['--import', 'tsx'] : []),
        `--max-old-space-size=${this.options.maxHeapMb}`,
        ...(this.options.flags ?? []),
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child: Child<J, R> = { process: proc, current: null, idleTimer: null };
    this.children.add(child);
    proc.on('message', (message: PoolMessage<R>) => {
      const current = child.current;
      if (!current || message.id !== current.id) return;
      clearTimeout(current.timer);
      child.current = null;
      if (message.ok) current.resolve(message.reply);
      else current.reject(new Error(message.message));
      this.rest(child);
      this.dispatch();
    });
    proc.on('exit', () => {
      this.children.delete(child);
      if (child.idleTimer) clearTimeout(child.idleTimer);
      const current = child.current;
      child.current = null;
      if (current) {
        clearTimeout(current.timer);
        current.reject(new PoolJobError('crashed', '处理进程意外退出（可能超出内存上限）'));
      }
      if (!this.closed) this.dispatch();
    });
    // A child that fails to start reports through 'exit' as well; 'error' alone must not throw.
    proc.on('error', () => {});
    return child;
  }

  private assign(child: Child<J, R>, waiting: Waiting<J, R>): void {
    if (child.idleTimer) clearTimeout(child.idleTimer);
    child.idleTimer = null;
    const id = this.nextId++;
    const timer = setTimeout(() => {
      if (child.current?.id !== id) return;
      child.current = null;
      waiting.reject(
        new PoolJobError('timeout', `处理超过 ${Math.max(1, Math.round(this.options.timeoutMs / 1000))} 秒，已停止`),
      );
      void this.stop(child, 'timeout');
    }, this.options.timeoutMs);
    child.current = { ...waiting, id, timer };
    // While a job runs the channel keeps the parent alive (its caller awaits the reply); idle, it does not.
    child.process.ref();
    child.process.channel?.ref();
    child.process.send({ id, job: waiting.job });
  }

  private rest(child: Child<J, R>): void {
    child.process.unref();
    child.process.channel?.unref();
    child.idleTimer = setTimeout(() => void this.stop(child, 'idle'), this.options.idleMs);
    child.idleTimer.unref();
  }

  private stop(child: Child<J, R>, _why: string): Promise<void> {
    // Out of the pool at once: between the kill and the exit event a new job must not be given to this child.
    this.children.delete(child);
    if (child.idleTimer) clearTimeout(child.idleTimer);
    return new Promise((resolve) => {
      if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
      child.process.once('exit', () => resolve());
      child.process.ref(); // whoever awaits the stop waits for the exit
      child.process.kill('SIGKILL');
    });
  }
}
