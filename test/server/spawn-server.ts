import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  base: string;
  output: () => string;
  /** Milliseconds from spawn to the first successful page. */
  startMs: number;
}

/**
 * Starts the real server (`node --import tsx src/server/main.ts`) on a loopback port and waits for the home page.
 * Tests give their own DATABASE_URL, which would turn the demo off: GONGKAI_DEMO=1 unless the test says otherwise.
 * `compiled`: the path of a compiled server (dist/server.js, what `npm start` runs) to start instead of the sources.
 */
export async function startServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
  options: { quiet?: boolean; compiled?: string } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const t0 = performance.now();
  const args = options.compiled ? [options.compiled] : ['--import', 'tsx', 'src/server/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', GONGKAI_DEMO: '1', ...env },
    // quiet: logs go to /dev/null (benchmarks; a pipe nobody drains would stall the server).
    stdio: ['ignore', options.quiet ? 'ignore' : 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    try {
      const r = await fetch(`${base}/`);
      if (r.ok) {
        await r.arrayBuffer();
        break;
      }
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in ${timeoutMs} ms: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port, base, output: () => out, startMs: performance.now() - t0 };
}

export async function stopServer(s: RunningServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  return new Promise((resolve) => {
    s.child.once('exit', (code) => resolve(code));
    s.child.kill(signal);
  });
}
