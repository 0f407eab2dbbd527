/**
 * The item page of the portal (issue 8): requests/s beside nginx serving the same bytes, same run, on the demo
 * database (a published demo item). Run with BENCH_ONLY=publication.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stopServer } from '../test/server/spawn-server.ts';
import type { BenchRow } from './bench-row.ts';
import { pageVsNginx } from './platform.ts';

export async function runItemPageBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-item-bench-'));
  try {
    const server = await startServer({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, LOG_LEVEL: 'info' }, 60_000, {
      quiet: true,
    });
    try {
      const home = await (await fetch(`${server.base}/`)).text();
      const path = /href="(\/items\/[A-Za-z0-9-]+)"/.exec(home)?.[1];
      if (!path) throw new Error('演示数据中没有已发布的信息');
      return [await pageVsNginx(server, dir, path, '信息页')];
    } finally {
      await stopServer(server);
    }
  } catch (error) {
    return [{ name: `信息页压测未运行：${(error as Error).message}`, value: NaN, unit: '' }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
