/**
 * Start-up of the compiled programs (issue 10 item 7; scripts/build.mjs), each beside its reference in the same run:
 *
 * - CLI cold start: `gongkai check <seed text report>` through bin/gongkai.mjs with a fresh dist/ (what users run
 *   after `npm ci`), as a ratio to a bare `node -e 0`, and the same from the sources (GONGKAI_FROM_SOURCE=1, tsx)
 *   — median wall time of `runs` starts of each, interleaved so that a load spike hits all three alike.
 *   Target ≤ 3× `node -e 0`.
 * - Server start to the first home page (dist/server.js, what `npm start` runs) on a fresh database (migrations +
 *   demo data) and on an existing one, beside the same from the sources; median of `rounds`. Target ≤ 5 s.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, stopServer } from '../test/server/spawn-server.ts';
import type { BenchRow } from './bench-row.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const SEED = 'test/fixtures/seeds/000_634df97904522664.txt';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Builds dist/ unless it is fresh, so the figures are those of the current sources. */
export function ensureBuilt(): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`编译失败：${r.stderr}`);
}

function wallMs(args: string[], env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'ignore' });
  const ms = performance.now() - t;
  if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')} 退出码 ${r.status}`);
  return ms;
}

export function cliStartupRows(runs = 15): BenchRow[] {
  ensureBuilt();
  const compiledEnv = { ...process.env };
  delete compiledEnv['GONGKAI_FROM_SOURCE'];
  const sourceEnv = { ...process.env, GONGKAI_FROM_SOURCE: '1' };
  const check = ['bin/gongkai.mjs', 'check', SEED];
  const times = { bare: [] as number[], compiled: [] as number[], source: [] as number[] };
  wallMs(check, compiledEnv); // the first start after a build reads the files from disk
  for (let i = 0; i < runs; i++) {
    times.bare.push(wallMs(['-e', '0'], process.env));
    times.compiled.push(wallMs(check, compiledEnv));
    times.source.push(wallMs(check, sourceEnv));
  }
  const bare = median(times.bare);
  const compiled = median(times.compiled);
  const source = median(times.source);
  return [
    { name: `参考：node -e 0 冷启动（${runs} 次中位数）`, value: bare, unit: 'ms' },
    {
      name: `命令行冷启动 gongkai check 种子文本报告（编译后 dist/，${runs} 次中位数）`,
      value: compiled,
      unit: 'ms',
      target: '≤ 3× node -e 0',
      reference: `${(compiled / bare).toFixed(2)}× node -e 0；源代码（tsx）${source.toFixed(0)} ms = ${(source / bare).toFixed(2)}×；测量时负载 ${loadavg()[0]!.toFixed(0)}`,
      ok: compiled <= 3 * bare,
    },
  ];
}

export async function serverStartupRows(dir: string, rounds = 3): Promise<BenchRow[]> {
  ensureBuilt();
  const compiled = join(root, 'dist', 'server.js');
  const starts = {
    compiled: { fresh: [] as number[], existing: [] as number[] },
    source: { fresh: [] as number[], existing: [] as number[] },
  };
  for (let i = 0; i < rounds; i++) {
    for (const kind of ['compiled', 'source'] as const) {
      const env = { DATABASE_URL: `sqlite:${join(dir, `startup-${kind}-${i}.db`)}`, LOG_LEVEL: 'info' };
      const options = kind === 'compiled' ? { quiet: true, compiled } : { quiet: true };
      const fresh = await startServer(env, 300_000, options);
      await stopServer(fresh);
      const existing = await startServer(env, 300_000, options);
      await stopServer(existing);
      starts[kind].fresh.push(fresh.startMs);
      starts[kind].existing.push(existing.startMs);
    }
  }
  const row = (name: string, ms: number[], sourceMs: number[]): BenchRow => ({
    name: `${name}（编译后 dist/server.js，${rounds} 次中位数）`,
    value: median(ms) / 1000,
    unit: 's',
    target: '≤ 5 s',
    reference: `源代码（tsx）${(median(sourceMs) / 1000).toFixed(2)} s；测量后负载 ${loadavg()[0]!.toFixed(0)}`,
    ok: median(ms) <= 5000,
  });
  return [
    row('启动到首页（新库：迁移+演示数据）', starts.compiled.fresh, starts.source.fresh),
    row('启动到首页（已有数据库）', starts.compiled.existing, starts.source.existing),
  ];
}
