import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { enqueueJob, queueCounts } from '../../src/db/repositories/jobs/job-repository.ts';
import { beatJobWorker } from '../../src/db/repositories/jobs/job-worker-repository.ts';
import { migrateToLatest } from '../../src/db/migrate-to-latest.ts';
import { prepareGraphileQueue } from '../../src/jobs/graphile-job-runner.ts';
import { startJobRunner, type JobRunnerOptions } from '../../src/jobs/start-job-runner.ts';
import type { TaskList } from '../../src/jobs/task-list.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../db/test-databases.ts';

const quiet = { info() {}, warn() {}, error() {} };

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const dialect of testDialects()) {
  describe(`job queue (${dialect})`, () => {
    let t: TestDatabase;
    const run = (tasks: TaskList, extra: Partial<JobRunnerOptions> = {}) =>
      startJobRunner({ database: t.open, tasks, logger: quiet, pollMs: 30, heartbeatMs: 100, ...extra });

    before(async () => {
      t = await createTestDatabase(dialect);
      await migrateToLatest(t.open.db, dialect);
      if (t.open.pgPool) await prepareGraphileQueue(t.open.pgPool);
    });
    after(() => t.dispose());

    it('a job exists only if its transaction commits (transactional outbox), and runs once with its payload', async () => {
      const seen: unknown[] = [];
      await t.open.db
        .transaction()
        .execute(async (trx) => {
          await enqueueJob(trx, { task: 'outbox', payload: { n: 'rolled back' } });
          throw new Error('rollback');
        })
        .catch(() => {});
      await t.open.db.transaction().execute((trx) => enqueueJob(trx, { task: 'outbox', payload: { n: 'committed' } }));
      const runner = await run({ outbox: async (p) => void seen.push(p) });
      await until(() => seen.length >= 1);
      await new Promise((r) => setTimeout(r, 200));
      await runner.stop();
      assert.deepEqual(seen, [{ n: 'committed' }]);
      assert.deepEqual(await queueCounts(t.open.db), { waiting: 0, running: 0, failed: 0 });
    });

    it('a failing job is retried and its attempt number grows', async () => {
      const attempts: number[] = [];
      await enqueueJob(t.open.db, { task: 'flaky', payload: {}, maxAttempts: 3 });
      const runner = await run({
        flaky: async (_p, job) => {
          attempts.push(job.attempt);
          if (job.attempt === 1) throw new Error('temporary');
        },
      });
      await until(() => attempts.length >= 2);
      await runner.stop();
      assert.deepEqual(attempts, [1, 2]);
    });

    it('a job that keeps failing stops after maxAttempts and is counted as failed', async () => {
      let calls = 0;
      await enqueueJob(t.open.db, { task: 'broken', payload: {}, maxAttempts: 1 });
      const runner = await run({
        broken: async () => {
          calls++;
          throw new Error('always');
        },
      });
      await until(async () => (await queueCounts(t.open.db)).failed === 1);
      await runner.stop();
      assert.equal(calls, 1);
    });

    it('enqueueing again with the same key replaces the job that has not started', async () => {
      const seen: unknown[] = [];
      await enqueueJob(t.open.db, { task: 'keyed', payload: { v: 1 }, key: 'k1' });
      await enqueueJob(t.open.db, { task: 'keyed', payload: { v: 2 }, key: 'k1' });
      const runner = await run({ keyed: async (p) => void seen.push(p) });
      await until(() => seen.length >= 1);
      await new Promise((r) => setTimeout(r, 200));
      await runner.stop();
      assert.deepEqual(seen, [{ v: 2 }]);
    });

    it('two runners on one database run each of 40 jobs exactly once', async () => {
      const counts = new Map<number, number>();
      const tasks: TaskList = {
        many: async (p) => {
          const n = Number(p['n']);
          counts.set(n, (counts.get(n) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 5));
        },
      };
      const a = await run(tasks);
      const b = await run(tasks);
      await t.open.db.transaction().execute(async (trx) => {
        for (let n = 0; n < 40; n++) await enqueueJob(trx, { task: 'many', payload: { n } });
      });
      await until(() => counts.size === 40);
      await new Promise((r) => setTimeout(r, 200));
      await Promise.all([a.stop(), b.stop()]);
      assert.equal([...counts.values()].filter((c) => c !== 1).length, 0);
    });

    it('a job locked by a worker that stopped beating (a killed server) is released and runs', async () => {
      await enqueueJob(t.open.db, { task: 'orphan', payload: { x: 1 } });
      const old = new Date(Date.now() - 10 * 60_000);
      await beatJobWorker(t.open.db, 'dead-worker', 'gone', old);
      if (dialect === 'postgres') {
        await sql`update graphile_worker._private_jobs set locked_by = 'dead-worker', locked_at = now() - interval '10 minutes',
          attempts = 1 where task_id = (select id from graphile_worker._private_tasks where identifier = 'orphan')`.execute(
          t.open.db,
        );
      } else {
        await sql`update jobs set locked_by = 'dead-worker', locked_at = ${old.toISOString()}, attempts = 1 where task = 'orphan'`.execute(
          t.open.db,
        );
      }
      const seen: unknown[] = [];
      const runner = await run({ orphan: async (p) => void seen.push(p) }, { staleAfterMs: 60_000 });
      await until(() => seen.length === 1);
      await runner.stop();
      assert.deepEqual(seen, [{ x: 1 }]);
    });

    it('a periodic task is started once per period however many servers run', async () => {
      let runs = 0;
      const tasks: TaskList = { tick: async () => void runs++ };
      const periodic = [{ task: 'tick', everyMs: 3_600_000 }];
      const a = await run(tasks, { periodic });
      const b = await run(tasks, { periodic });
      await until(() => runs >= 1);
      await new Promise((r) => setTimeout(r, 400));
      await Promise.all([a.stop(), b.stop()]);
      assert.equal(runs, 1);
    });
  });
}
