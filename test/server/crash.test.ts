import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../src/db/open-database.ts';
import { loadAuditKeyring } from '../../src/use-cases/platform/load-audit-keyring.ts';
import { verifyAuditChain } from '../../src/use-cases/platform/verify-audit-chain.ts';
import { startServer, stopServer } from './spawn-server.ts';

/**
 * kill -9 while 500 public submissions are in flight (bounded concurrency, loopback only). After restart,
 * every submission that got a success answer is stored exactly once; clients retrying all 500 with their
 * idempotency keys never create a duplicate; the audit chain is intact.
 */
test(
  'kill -9 during 500 concurrent public submissions loses and duplicates nothing',
  { timeout: 180_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-crash-'));
    const file = join(dir, 'crash.db');
    const env = { DATABASE_URL: `sqlite:${file}`, RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000' };
    try {
      const server = await startServer(env);
      const page = await fetch(`${server.base}/feedback`);
      const html = await page.text();
      const cookie = (page.headers.getSetCookie().find((c) => c.startsWith('gk_csrf=')) ?? '').split(';')[0]!;
      const csrf = /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? '';
      const agencyId = /<option value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? '';
      assert.ok(cookie && csrf && agencyId);

      const keys = Array.from(
        { length: 500 },
        (_, i) => `crash-${i.toString().padStart(3, '0')}-${randomBytes(8).toString('hex')}`,
      );
      const submit = (base: string, key: string) =>
        fetch(`${base}/feedback`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: new URLSearchParams({
            _csrf: csrf,
            idempotencyKey: key,
            agencyId,
            kind: 'message',
            content: `崩溃测试留言 ${key}`,
          }).toString(),
        });

      const succeeded = new Set<string>();
      let failed = 0;
      let answered = 0;
      let killed = false;
      let next = 0;
      const worker = async () => {
        while (next < keys.length) {
          const key = keys[next++]!;
          try {
            const r = await submit(server.base, key);
            await r.arrayBuffer();
            if (r.status === 303 && (r.headers.get('location') ?? '').startsWith('/feedback/done')) succeeded.add(key);
            else failed++;
          } catch {
            failed++;
          }
          answered++;
          if (!killed && answered >= 150) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: 50 }, worker));
      await new Promise((r) =>
        server.child.exitCode !== null || server.child.signalCode !== null ? r(null) : server.child.once('exit', r),
      );
      assert.ok(killed);
      assert.ok(succeeded.size >= 100, `only ${succeeded.size} succeeded before the kill`);
      assert.ok(failed > 0, 'the kill interrupted nothing — the test proves nothing');

      // Restart on the same file; clients retry every submission with its key.
      const again = await startServer(env);
      let created = 0;
      for (let i = 0; i < keys.length; i += 50) {
        const batch = await Promise.all(keys.slice(i, i + 50).map((k) => submit(again.base, k)));
        for (const r of batch) {
          await r.arrayBuffer();
          assert.equal(r.status, 303);
          if ((r.headers.get('location') ?? '').endsWith('new=1')) created++;
        }
      }
      assert.equal(await stopServer(again), 0, 'graceful shutdown exits 0');

      const db = new SQLite(file, { readonly: true });
      const rows = db
        .prepare(
          "SELECT idempotency_key AS k, count(*) AS n FROM public_submissions WHERE idempotency_key LIKE 'crash-%' GROUP BY idempotency_key",
        )
        .all() as { k: string; n: number }[];
      db.close();
      const stored = new Map(rows.map((r) => [r.k, r.n]));
      for (const k of succeeded)
        assert.equal(stored.get(k), 1, `acknowledged submission ${k} stored ${stored.get(k) ?? 0} times`);
      assert.equal(stored.size, 500);
      assert.ok([...stored.values()].every((n) => n === 1));
      t.diagnostic(
        `acknowledged before kill -9: ${succeeded.size}; failed/cut off: ${failed}; newly stored on retry: ${created}; stored: ${stored.size}`,
      );
      // Retries of acknowledged submissions were recognised, not stored again.
      assert.ok(created <= 500 - succeeded.size, `${created} created on retry, ${succeeded.size} acknowledged before`);

      const o = openDatabase(`sqlite:${file}`);
      try {
        // The server generated its audit key beside the database on first start.
        const keys = loadAuditKeyring(
          { key: undefined, keyFile: undefined, databaseUrl: `sqlite:${file}` },
          { create: false },
        );
        assert.ok(keys.ok, keys.ok ? '' : keys.problem);
        const v = await verifyAuditChain({ db: o.db, auditKeys: keys.keyring });
        assert.equal(v.ok, true, JSON.stringify(v));
      } finally {
        await o.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
