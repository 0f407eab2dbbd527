/**
 * The child side of ProcessPool (process-pool.ts): answers each job with `handle`'s reply, or with the message
 * of the error it threw. Exits when the parent goes away, so a killed server leaves no children behind.
 */
import type { PoolMessage } from './process-pool.ts';

export function servePoolJobs<J, R>(handle: (job: J) => Promise<R>): void {
  process.on('message', async ({ id, job }: { id: number; job: J }) => {
    let message: PoolMessage<R>;
    try {
      message = { id, ok: true, reply: await handle(job) };
    } catch (error) {
      message = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    process.send?.(message);
  });
  process.on('disconnect', () => process.exit(0));
}
