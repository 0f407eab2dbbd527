import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { PoolJobError, ProcessPool } from '../../src/jobs/process-pool.ts';
import { READER_CHILD_FLAGS } from '../../src/use-cases/reports/report-check-pool.ts';
import type { PoolTestJob, PoolTestReply } from './fixtures/pool-child.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function pool(options: { size?: number; timeoutMs?: number; idleMs?: number; flags?: readonly string[] } = {}) {
  return new ProcessPool<PoolTestJob, PoolTestReply>({
    module: new URL('./fixtures/pool-child.ts', import.meta.url),
    size: options.size ?? 2,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxHeapMb: 128,
    idleMs: options.idleMs ?? 30_000,
    ...(options.flags ? { flags: options.flags } : {}),
  });
}

describe('ProcessPool', () => {
  const pools: ProcessPool<PoolTestJob, PoolTestReply>[] = [];
  const make = (options?: Parameters<typeof pool>[0]) => {
    const p = pool(options);
    pools.push(p);
    return p;
  };
  after(() => Promise.all(pools.map((p) => p.close())));

  it('runs jobs in at most `size` child processes and brings typed arrays back intact', async () => {
    const p = make({ size: 2 });
    const jobs = Array.from({ length: 6 }, (_, i) => new Uint8Array([i, 200, 7]));
    const replies = await Promise.all(jobs.map((bytes) => p.run({ do: 'echo', bytes, wait: 50 })));
    assert.deepEqual(
      replies.map((r) => r.sum),
      jobs.map((b) => b[0]! + 207),
    );
    assert.ok(replies.every((r) => r.type === 'Uint8Array'));
    const pids = new Set(replies.map((r) => r.pid));
    assert.equal(pids.size, 2, 'both children worked, no third was started');
    assert.ok(!pids.has(process.pid));
  });

  it('children run with the V8 flags the report check pool gives its readers', async () => {
    const p = make({ size: 1, flags: READER_CHILD_FLAGS });
    const reply = await p.run({ do: 'echo', bytes: new Uint8Array([1]) });
    for (const flag of READER_CHILD_FLAGS) assert.ok(reply.execArgv.includes(flag), `${flag} in ${reply.execArgv}`);
    assert.ok(!process.execArgv.includes('--single-threaded'), 'the test process itself runs without them');
  });

  it("a job's own error comes back as its message; the child keeps serving", async () => {
    const p = make({ size: 1 });
    const first = await p.run({ do: 'echo', bytes: new Uint8Array([1]) });
    await assert.rejects(p.run({ do: 'throw' }), { message: '报告无法读取：测试' });
    const second = await p.run({ do: 'echo', bytes: new Uint8Array([2]) });
    assert.equal(second.pid, first.pid);
  });

  it('a crashing child fails only its job and is replaced', async () => {
    const p = make({ size: 1 });
    const before = await p.run({ do: 'echo', bytes: new Uint8Array([1]) });
    const crash = p.run({ do: 'crash' });
    const queued = p.run({ do: 'echo', bytes: new Uint8Array([5]) });
    await assert.rejects(crash, (e: unknown) => e instanceof PoolJobError && e.reason === 'crashed');
    const afterCrash = await queued;
    assert.equal(afterCrash.sum, 5);
    assert.notEqual(afterCrash.pid, before.pid);
  });

  it('a job past the time limit fails with a Chinese message and its child is killed', async () => {
    const p = make({ size: 1, timeoutMs: 3000 });
    const { pid } = await p.run({ do: 'echo', bytes: new Uint8Array([1]) });
    await assert.rejects(
      p.run({ do: 'hang' }),
      (e: unknown) => e instanceof PoolJobError && e.reason === 'timeout' && /已停止/.test(e.message),
    );
    await until(() => !alive(pid));
    assert.equal((await p.run({ do: 'echo', bytes: new Uint8Array([9]) })).sum, 9);
  });

  it('idle children exit after idleMs; the next job starts a new one', async () => {
    const p = make({ size: 1, idleMs: 200 });
    const { pid } = await p.run({ do: 'echo', bytes: new Uint8Array([1]) });
    await until(() => !alive(pid));
    const next = await p.run({ do: 'echo', bytes: new Uint8Array([1]) });
    assert.notEqual(next.pid, pid);
  });

  it('a job that arrives while an idle child is being stopped goes to a live child', async () => {
    // idleMs 1: the child is stopped right after each job, so the next job lands in the window between the kill
    // and the child's exit — it must not be given to the dying child.
    const p = make({ size: 1, idleMs: 1 });
    for (let i = 0; i < 15; i++) {
      await p.run({ do: 'echo', bytes: new Uint8Array([i]) });
      await new Promise((r) => setTimeout(r, 2));
      assert.equal((await p.run({ do: 'echo', bytes: new Uint8Array([i, 1]) })).sum, i + 1, `round ${i}`);
    }
  });

  it('an idle pool does not keep its process alive, and a killed parent leaves no child behind', async () => {
    const run = (env: Record<string, string>) =>
      spawn(process.execPath, ['--import', 'tsx', 'test/jobs/fixtures/pool-parent.ts'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
    const firstLine = (child: ReturnType<typeof run>) =>
      new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));

    const ends = run({});
    const childPid = await firstLine(ends);
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => ends.once('exit', resolve));
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 20_000, 'the parent ended although its pool child was idle (idleMs 60 s)');
    await until(() => !alive(childPid));

    const killed = run({ KILL_ME: '1' });
    const orphan = await firstLine(killed);
    assert.ok(alive(orphan));
    killed.kill('SIGKILL');
    await until(() => !alive(orphan));
  });
});
