import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from './spawn-server.ts';

/**
 * SIGTERM while requests are in flight: each of 20 requests has sent its headers and half of its body when
 * the signal arrives (so it is provably in flight); the rest of the body follows after the signal. Every one
 * must be answered and stored, then the process exits 0 and accepts nothing more.
 */
test('SIGTERM finishes in-flight requests, then stops and exits 0', { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-shutdown-'));
  try {
    const s = await startServer({
      DATABASE_URL: `sqlite:${join(dir, 's.db')}`,
      RATE_LIMIT_PUBLIC_PER_MINUTE: '1000',
      LOG_LEVEL: 'info',
    });
    const agencies = (await (await fetch(`${s.base}/api/v1/agencies`)).json()) as { items: { id: string }[] };
    const agencyId = agencies.items[0]!.id;
    const encoder = new TextEncoder();
    const finishers: (() => void)[] = [];
    const inflight = Array.from({ length: 20 }, (_, i) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(`{"agencyId":"${agencyId}","kind":"message",`));
          finishers.push(() => {
            controller.enqueue(
              encoder.encode(
                `"content":"停机测试留言 ${i}","idempotencyKey":"shutdown-key-${String(i).padStart(8, '0')}"}`,
              ),
            );
            controller.close();
          });
        },
      });
      return fetch(`${s.base}/api/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit).then(async (r) => ({ status: r.status, body: await r.text() }));
    });
    await new Promise((r) => setTimeout(r, 1000));
    const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    for (const finish of finishers) finish();
    const results = await Promise.all(inflight);
    assert.deepEqual(
      results.map((r) => r.status),
      results.map(() => 201),
      results.map((r) => r.body).join('\n'),
    );
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`${s.base}/healthz`));
    assert.match(s.output(), /"msg":"stopped"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
