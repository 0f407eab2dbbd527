/**
 * The compiled server (scripts/build.mjs → dist/server.js, what `npm start` runs) brings up the platform with the
 * demo on SQLite, serves the portal, renders a published report in the formats whose libraries load on first use
 * (pdfkit, exceljs, docx), imports a published report through its compiled check worker, and stops cleanly on
 * SIGTERM. Every other server test runs the sources.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildTemporaryDist } from '../build-temporary-dist.ts';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/app-env.ts';
import { startServer, stopServer, type RunningServer } from './spawn-server.ts';
import { TestClient } from './test-app.ts';

describe('the compiled server (dist/server.js)', () => {
  let dist: { dir: string; remove: () => void };
  let server: RunningServer;
  before(async () => {
    dist = buildTemporaryDist();
    server = await startServer({ DATABASE_URL: `sqlite:${join(dist.dir, '..', 'demo.db')}` }, 120_000, {
      compiled: join(dist.dir, 'server.js'),
    });
  });
  after(async () => {
    if (server) await stopServer(server);
    dist?.remove();
  });

  it('starts with the demo data and serves the portal', async () => {
    assert.match(server.output(), /已载入演示数据（无锡市滨湖区）/);
    const home = await (await fetch(`${server.base}/`)).text();
    assert.match(home, /演示环境/);
    assert.match(home, /滨湖区/);
    const login = await fetch(`${server.base}/staff/login`);
    assert.equal(login.status, 200);
    await login.arrayBuffer();
  });

  it('renders a published report as PDF, Excel and Word', async () => {
    const list = await (await fetch(`${server.base}/reports`)).text();
    const id = /href="\/reports\/([0-9a-f-]{36})"/.exec(list)?.[1];
    assert.ok(id, 'the demo publishes annual reports');
    const magic = { pdf: '%PDF', xlsx: 'PK', docx: 'PK' };
    for (const [format, start] of Object.entries(magic)) {
      const r = await fetch(`${server.base}/reports/${id}/download/${format}`);
      assert.equal(r.status, 200, format);
      const bytes = Buffer.from(await r.arrayBuffer());
      assert.equal(bytes.subarray(0, start.length).toString('latin1'), start, format);
    }
  });

  it('an uploaded report is read in the compiled check worker (dist/report-check-worker.js) by the import job', async () => {
    // TestClient speaks to the spawned server over HTTP instead of calling an app in this process.
    const overHttp = { request: (path: string, init: RequestInit) => fetch(new URL(path, server.base), init) };
    const supervisor = new TestClient(overHttp as unknown as Hono<AppEnv>);
    assert.equal((await supervisor.login('jiandu')).status, 303);
    const list = await (await fetch(`${server.base}/reports`)).text();
    const id = /href="\/reports\/([0-9a-f-]{36})"/.exec(list)![1]!;
    const pdf = new Uint8Array(await (await fetch(`${server.base}/reports/${id}/download/pdf`)).arrayBuffer());
    await supervisor.page('/staff/supervision/imports');
    const form = new FormData();
    form.append('_csrf', supervisor.csrf);
    form.append('year', '');
    form.append('agencyId', '');
    form.append('files', new Blob([pdf], { type: 'application/pdf' }), '已发布年报.pdf');
    const res = await supervisor.request('POST', '/staff/supervision/imports', { body: form });
    assert.equal(res.status, 303, await res.text());
    const progress = new URL(res.headers.get('location')!, server.base).pathname;
    let page = '';
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      page = (await supervisor.page(progress)).html;
      if (/已完成/.test(page)) break;
    }
    assert.match(page, /已完成/, page);
    // The report was read (its agency and year found in the PDF) and, being one drafted in Gongkai, not replaced.
    assert.match(page, /年度已有在本系统起草的报告，未导入/);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    assert.equal(await stopServer(server), 0);
  });
});
