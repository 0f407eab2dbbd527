import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { defaultBodyLimitBytes } from '../../src/server/middleware/body-limit.ts';
import { largeBodyRouteOf } from '../../src/server/http/uploads/upload-route.ts';
import { appUploadRoutes } from '../../src/server/routes/upload-routes.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';
import { startServer, stopServer, type RunningServer } from './spawn-server.ts';

const MB = 1024 * 1024;
const chunk = new Uint8Array(64 * 1024).fill(0x61);

/** A body of `total` bytes made on demand; `pulled()` says how much the server actually read. */
function lazyBody(total: number) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      controller.enqueue(chunk.subarray(0, n));
    },
  });
  return { stream, pulled: () => sent };
}

const contentTypes = ['application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x', ''];

/**
 * Upload routes have their own explicit, streamed limit (issue 6 item 2), larger than the form limit: each is
 * tested here against its own limit, and in uploads.test.ts for what it accepts.
 */
const uploadLimits = new Map(
  appUploadRoutes().map((r) => [`${r.method} ${r.path.replace(/:\w+/g, 'x')}`, largeBodyRouteOf(r).maxBytes]),
);
const limitOf = (method: string, path: string) => uploadLimits.get(`${method} ${path}`) ?? defaultBodyLimitBytes;

describe('one body limit in front of every route', () => {
  let t: TestApp;
  let targets: { method: string; path: string }[];
  before(async () => {
    t = await createTestApp('sqlite');
    const writes = t.app.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    targets = [
      ...new Map(
        writes.map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path.replace(/:\w+/g, 'x') }]),
      ).values(),
      { method: 'POST', path: '/no/such/page' },
      { method: 'POST', path: '/api/v1/no-such-endpoint' },
      { method: 'PUT', path: '/staff/nothing-here' },
      { method: 'DELETE', path: '/static/site.css' },
      { method: 'PATCH', path: '/' },
    ];
    // Every public write route is among them (the routes a stranger can reach without signing in).
    for (const r of ['POST /feedback', 'POST /staff/login', 'POST /api/v1/session', 'POST /api/v1/submissions'])
      assert.ok(
        targets.some((x) => `${x.method} ${x.path}` === r),
        r,
      );
  });
  after(() => t.close());

  async function assert413(res: Response, label: string) {
    const text = await res.text();
    assert.equal(res.status, 413, `${label}: ${res.status} ${text.slice(0, 200)}`);
    assert.match(text, /提交的内容过大/, label);
  }

  test('a declared Content-Length over the limit is refused before a byte of the body is read', async () => {
    for (const { method, path } of targets) {
      for (const type of contentTypes) {
        const size = Math.max(50 * MB, limitOf(method, path) + MB);
        const body = lazyBody(size);
        const res = await t.app.request(path, {
          method,
          headers: { 'content-length': String(size), ...(type ? { 'content-type': type } : {}) },
          body: body.stream,
          duplex: 'half',
        } as RequestInit);
        await assert413(res, `${method} ${path} ${type}`);
        // The stream may have been asked for its first chunk by the runtime (read-ahead), never for more.
        assert.ok(body.pulled() <= chunk.length, `${method} ${path}: read ${body.pulled()} bytes`);
      }
    }
  });

  test('a chunked body without Content-Length is cut off as soon as it passes the limit', async () => {
    for (const { method, path } of targets) {
      for (const type of contentTypes) {
        const limit = limitOf(method, path);
        const body = lazyBody(limit + 50 * MB);
        const res = await t.app.request(path, {
          method,
          headers: type ? { 'content-type': type } : {},
          body: body.stream,
          duplex: 'half',
        } as RequestInit);
        if (uploadLimits.has(`${method} ${path}`) && res.status !== 413) {
          // An upload route refuses before reading: a signed-out person is sent to the login page, a body that is
          // not a multipart form is a 422 (uploads.test.ts covers what it accepts).
          const refused =
            (res.status === 303 && (res.headers.get('location') ?? '').startsWith('/staff/login')) ||
            (res.status === 422 && !type.startsWith('multipart/form-data'));
          assert.ok(refused, `${method} ${path} ${type} (chunked): ${res.status}`);
        } else await assert413(res, `${method} ${path} ${type} (chunked)`);
        assert.ok(
          body.pulled() <= limit + 3 * chunk.length,
          `${method} ${path}: read ${body.pulled()} bytes of a chunked body`,
        );
      }
    }
  });

  test('the API answers 413 as JSON with a stable code', async () => {
    const res = await t.app.request('/api/v1/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'x'.repeat(defaultBodyLimitBytes + 1) }),
    });
    assert.equal(res.status, 413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(body.error.message, /提交的内容过大/);
  });

  test('bodies within the limit still work, signed in or not', async () => {
    const c = new TestClient(t.app);
    await c.page('/staff/login');
    const padded = {
      login: 'admin',
      password: 'Gongkai@2026',
      next: '/staff',
      pad: 'x'.repeat(defaultBodyLimitBytes - 200),
    };
    const res = await c.postForm('/staff/login', padded);
    assert.equal(res.status, 303);
    await c.page('/staff');
    const over = await c.postForm('/staff/logout', { pad: 'x'.repeat(defaultBodyLimitBytes) });
    assert.equal(over.status, 413);
    assert.equal((await c.get('/staff')).status, 200, 'the refused logout did not happen');
  });
});

describe('body limit on a real server (HTTP/1.1 over a socket)', () => {
  let dir: string;
  let server: RunningServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-body-'));
    server = await startServer({ DATABASE_URL: `sqlite:${join(dir, 'b.db')}` });
  });
  after(async () => {
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends headers, then writes the body slowly; resolves with the status as soon as an answer arrives. */
  function post(
    path: string,
    headers: Record<string, string>,
    total: number,
  ): Promise<{ status: number; sent: number }> {
    return new Promise((resolve, reject) => {
      let sent = 0;
      let done = false;
      const req = httpRequest(`${server.base}${path}`, { method: 'POST', headers }, (res) => {
        done = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
      });
      req.on('error', (e) => (done ? undefined : reject(e)));
      const write = () => {
        if (done || sent >= total) return void req.end();
        sent += chunk.length;
        if (req.write(chunk)) setImmediate(write);
        else req.once('drain', write);
      };
      write();
    });
  }

  test('Content-Length of 50 MB: 413 long before the body is sent; chunked: 413 after the limit', async () => {
    const declared = await post(
      '/api/v1/submissions',
      { 'content-type': 'application/json', 'content-length': String(50 * MB) },
      50 * MB,
    );
    assert.equal(declared.status, 413);
    assert.ok(declared.sent < 50 * MB, `client had sent ${declared.sent} bytes`);
    const chunked = await post('/feedback', { 'content-type': 'application/x-www-form-urlencoded' }, 50 * MB);
    assert.equal(chunked.status, 413);
    assert.ok(chunked.sent < 50 * MB, `client had sent ${chunked.sent} bytes`);
    const unknown = await post('/no/such/page', { 'content-type': 'application/x-www-form-urlencoded' }, 50 * MB);
    assert.equal(unknown.status, 413);
    // The server is still there and well.
    assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
  });
});
