import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { createApp } from '../../src/server/app.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';

/**
 * Rate limits count per client address, and the count is shared by every app server on the database. Each
 * client here has its own address: with one shared address (as every in-process request had before) a global
 * counter would pass the same test, and the "per client" half would never have been checked.
 */
for (const dialect of testDialects()) {
  describe(`rate limits per client address (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_PUBLIC_PER_MINUTE: '2' });
    });
    after(() => t.close());

    test('login: one count per address across app servers, other addresses unaffected, a new minute resets', async () => {
      const second = createApp({ ...t.deps, config: t.config });
      const a = [new TestClient(t.app, { ip: '198.51.100.1' }), new TestClient(second, { ip: '198.51.100.1' })];
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await a[i % 2]!.login('nobody', 'x')).status);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      // Another address, on either server, still has its own three attempts.
      for (const app of [t.app, second, t.app]) {
        assert.equal((await new TestClient(app, { ip: '198.51.100.2' }).login('nobody', 'x')).status, 401);
      }
      assert.equal((await new TestClient(second, { ip: '198.51.100.2' }).login('nobody', 'x')).status, 429);
      assert.equal((await new TestClient(t.app, { ip: '2001:db8::7' }).login('nobody', 'x')).status, 401);
      t.clock.advance(60_000);
      assert.equal((await a[1]!.login('nobody', 'x')).status, 401, 'a new minute starts a new count');
    });

    test('public submissions: one count per address, the API and the form share it', async () => {
      const agencyId = (await listAgencies(t.database.open.db))[2]!.id;
      const submit = (ip: string, n: number) =>
        new TestClient(t.app, { ip: ip }).request('POST', '/api/v1/submissions', {
          json: { agencyId, kind: 'message', content: '请公开本街道的财政预算。' },
          headers: { 'idempotency-key': `rate-limit-test-${ip.replace(/\W/g, '')}-${n}-0000` },
        });
      assert.equal((await submit('203.0.113.5', 1)).status, 201);
      assert.equal((await submit('203.0.113.5', 2)).status, 201);
      assert.equal((await submit('203.0.113.5', 3)).status, 429);
      const form = new TestClient(t.app, { ip: '203.0.113.5' });
      await form.page('/feedback');
      assert.equal(
        (await form.postForm('/feedback', { agencyId, kind: 'message', content: '内容内容内容' })).status,
        429,
      );
      assert.equal((await submit('203.0.113.6', 1)).status, 201, 'another address is not limited');
    });

    test('behind a proxy the address is X-Real-IP; without TRUST_PROXY the header cannot dodge the limit', async () => {
      const proxied = createApp({ ...t.deps, config: { ...t.config, trustProxy: true } });
      const viaProxy = (real: string) =>
        new TestClient(proxied, { ip: '127.0.0.1' }).request('POST', '/api/v1/session', {
          json: { login: 'nobody', password: 'x' },
          headers: { 'x-real-ip': real },
        });
      for (let i = 0; i < 3; i++) assert.equal((await viaProxy('192.0.2.10')).status, 401);
      assert.equal((await viaProxy('192.0.2.10')).status, 429);
      assert.equal((await viaProxy('192.0.2.11')).status, 401, 'each real client counted on its own');
      const direct = (spoofed: string) =>
        new TestClient(t.app, { ip: '192.0.2.99' }).request('POST', '/api/v1/session', {
          json: { login: 'nobody', password: 'x' },
          headers: { 'x-real-ip': spoofed },
        });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await direct(`10.9.9.${i}`)).status);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
    });
  });
}
