/**
 * The compiled server (scripts/build.mjs → dist/server.js, what `npm start` runs) brings up the platform with the
 * demo on SQLite, serves the portal, renders a published report in the formats whose libraries load on first use
 * (pdfkit, exceljs, docx), and stops cleanly on SIGTERM. Every other server test runs the sources.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildTemporaryDist } from '../build-temporary-dist.ts';
import { startServer, stopServer, type RunningServer } from './spawn-server.ts';

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

  it('stops on SIGTERM with exit code 0', async () => {
    assert.equal(await stopServer(server), 0);
  });
});
