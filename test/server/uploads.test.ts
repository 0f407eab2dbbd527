import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/app-env.ts';
import { createApp } from '../../src/server/app.ts';
import { readBlobBytes } from '../../src/db/repositories/files/blob-store.ts';
import { DatabaseBlobStore } from '../../src/db/repositories/files/database-blob-store.ts';
import type { UploadRoute } from '../../src/server/http/uploads/upload-route.ts';
import { maxRequestBytes, type UploadPolicy } from '../../src/server/http/uploads/upload-policy.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from './test-app.ts';

const KB = 1024;
const MB = 1024 * KB;
const fixture = (p: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${p}`, import.meta.url)));
const pdf = fixture('pdf/scanned.pdf');
const docx = fixture('docx/rongxiang-2025.docx');
const png = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const exe = new Uint8Array(
  Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(58),
    Buffer.from([0x80, 0, 0, 0]),
    Buffer.alloc(64),
    Buffer.from('PE\0\0'),
    Buffer.alloc(200),
  ]),
);
const html = new TextEncoder().encode('<!doctype html><html><body><script>alert(1)</script></body></html>');

/** The policy of the test route (the app itself has no upload route yet). */
const policy: UploadPolicy = {
  files: {
    attachment: { label: '申请材料', maxFiles: 2, maxFileBytes: 1 * MB, kinds: ['pdf', 'docx', 'png', 'jpeg'] },
    report: { label: '年度报告', maxFiles: 1, maxFileBytes: 2 * MB, kinds: ['pdf', 'docx', 'xlsx', 'html', 'text'] },
  },
  maxTotalFileBytes: 2.5 * MB,
  maxFields: 5,
  maxFieldBytes: 4 * KB,
};

function route(path: string): UploadRoute {
  return {
    method: 'POST',
    path,
    policy,
    handle: (c, upload) =>
      c.json({
        fields: upload.fields,
        files: upload.files.map((f) => ({
          field: f.field,
          filename: f.filename,
          sha256: f.blob.sha256,
          size: f.blob.size,
          kind: f.blob.kind,
          deduplicated: f.blob.deduplicated,
        })),
      }),
  };
}

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Uint8Array | string;
}

const boundary = '----gongkai-test-boundary';
const enc = new TextEncoder();

function partHead(p: Part): Uint8Array {
  const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
  const type = p.filename !== undefined ? `\r\nContent-Type: ${p.type ?? 'application/octet-stream'}` : '';
  return enc.encode(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`);
}

function multipart(parts: Part[]): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (const p of parts)
    pieces.push(partHead(p), typeof p.data === 'string' ? enc.encode(p.data) : p.data, enc.encode('\r\n'));
  pieces.push(enc.encode(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

/** A multipart body whose last file never ends (up to `total` bytes); `pulled()` says what the server read. */
function endlessFile(before: Part[], name: string, head: Uint8Array, total: number) {
  const prefix = Buffer.concat([
    ...before.map((p) => multipart([p]).subarray(0, -(boundary.length + 6))),
    partHead({ name, filename: 'big.pdf', type: 'application/pdf', data: '' }),
    head,
  ]);
  const filler = new Uint8Array(64 * KB).fill(0x20);
  let sent = 0;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (first) {
        first = false;
        sent += prefix.length;
        return controller.enqueue(prefix);
      }
      if (sent >= total) return controller.close();
      sent += filler.length;
      controller.enqueue(filler);
    },
  });
  return { stream, pulled: () => sent };
}

const multipartType = `multipart/form-data; boundary=${boundary}`;

for (const dialect of testDialects()) {
  describe(`uploads: streamed, limited, typed by content, stored as blobs (${dialect})`, () => {
    let t: TestApp;
    let app: Hono<AppEnv>;
    let client: TestClient;
    before(async () => {
      t = await createTestApp(dialect);
      app = createApp(t.deps, { uploadRoutes: [route('/api/test/upload'), route('/staff/test/upload')] });
      client = new TestClient(app);
      await client.page('/feedback'); // the anonymous CSRF cookie and token
    });
    after(() => t.close());

    async function chunkCount(): Promise<number> {
      const r = await t.database.open.db
        .selectFrom('blob_chunks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    }

    const post = (parts: Part[], c: TestClient = client, path = '/api/test/upload') =>
      c.request('POST', path, { body: multipart(parts), headers: { 'content-type': multipartType } });

    async function refused(res: Response, status: number, pattern: RegExp, field?: string) {
      const text = await res.text();
      assert.equal(res.status, status, text);
      assert.match(text, pattern);
      if (field)
        assert.ok((JSON.parse(text) as { error: { fields?: Record<string, string> } }).error.fields?.[field], text);
    }

    test('files and fields arrive; kinds come from the bytes; blobs are stored and deduplicated', async () => {
      const res = await post([
        { name: '_csrf', data: client.csrf },
        { name: 'name', data: '张三' },
        { name: 'attachment', filename: 'C:\\fakepath\\申请书.pdf', type: 'application/pdf', data: pdf },
        { name: 'attachment', filename: 'scan.jpg', type: 'image/jpeg', data: png },
        { name: 'report', filename: '年报.docx', data: docx },
      ]);
      const body = (await res.json()) as {
        fields: Record<string, string>;
        files: { field: string; filename: string; sha256: string; kind: string; size: number; deduplicated: boolean }[];
      };
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.deepEqual(body.fields, { name: '张三' });
      assert.deepEqual(
        body.files.map((f) => [f.field, f.filename, f.kind, f.size]),
        [
          ['attachment', '申请书.pdf', 'pdf', pdf.length],
          // Named .jpg, sent as image/jpeg: it is a PNG, and PNG is allowed — recorded as what it is.
          ['attachment', 'scan.jpg', 'png', png.length],
          ['report', '年报.docx', 'docx', docx.length],
        ],
      );
      const store = new DatabaseBlobStore(t.database.open.db);
      assert.deepEqual(await readBlobBytes(store, body.files[0]!.sha256, MB), pdf);
      const again = (await (
        await post([
          { name: '_csrf', data: client.csrf },
          { name: 'attachment', filename: 'copy.pdf', data: pdf },
        ])
      ).json()) as typeof body;
      assert.equal(again.files[0]!.sha256, body.files[0]!.sha256);
      assert.equal(again.files[0]!.deduplicated, true);
    });

    test('a wrong type disguised by its name and Content-Type is refused with 422 naming the field', async () => {
      const zip = new JSZip();
      zip.file('a.txt', '不是文档');
      const plainZip = await zip.generateAsync({ type: 'uint8array' });
      const chunks = await chunkCount();
      for (const [name, type, data, field] of [
        ['证明.pdf', 'application/pdf', png, 'report'],
        [
          '申请书.docx',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          plainZip,
          'attachment',
        ],
        ['说明.txt', 'text/plain', exe, 'report'],
        ['scan.pdf', 'application/pdf', html, 'attachment'],
        ['empty.pdf', 'application/pdf', new Uint8Array(), 'attachment'],
      ] as const) {
        const res = await post([
          { name: '_csrf', data: client.csrf },
          { name: field, filename: name, type, data },
        ]);
        await refused(res, 422, /[\u4e00-\u9fff]/, field);
      }
      const res = await post([
        { name: '_csrf', data: client.csrf },
        { name: 'photo', filename: 'a.png', data: png },
      ]);
      await refused(res, 422, /此处不接受上传文件/, 'photo');
      assert.equal(await chunkCount(), chunks, 'nothing of a refused upload is left in the store');
    });

    test('a file over its limit is cut off at the limit (413), without reading the rest', async () => {
      const chunks = await chunkCount();
      const body = endlessFile([{ name: '_csrf', data: client.csrf }], 'attachment', pdf, 200 * MB);
      const res = await client.request('POST', '/api/test/upload', {
        body: body.stream,
        headers: { 'content-type': multipartType },
      });
      await refused(res, 413, /申请材料的每个文件不能超过 1 MB/);
      assert.ok(body.pulled() < 1 * MB + 512 * KB, `read ${body.pulled()} bytes`);
      assert.equal(await chunkCount(), chunks, 'the chunks written before the refusal are removed');
    });

    test('too many files, too much together, a too long field, a declared length over the route limit: 413', async () => {
      const csrf = { name: '_csrf', data: client.csrf };
      const three = await post([
        csrf,
        ...[1, 2, 3].map((i) => ({ name: 'attachment', filename: `${i}.pdf`, data: pdf })),
      ]);
      await refused(three, 413, /申请材料最多上传 2 个文件/);
      const big = (n: number) => Buffer.concat([Buffer.from(pdf), Buffer.alloc(n - pdf.length, 0x20)]);
      const parts = [
        csrf,
        { name: 'attachment', filename: 'a.pdf', data: big(900 * KB) },
        { name: 'attachment', filename: 'b.pdf', data: big(900 * KB) },
        { name: 'report', filename: 'c.pdf', data: big(900 * KB) },
      ];
      // Declared, the whole body is over the route's limit at once; sent chunked, the files' total trips first.
      await refused(await post(parts), 413, /提交的内容过大/);
      const bytes = multipart(parts);
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 4 * KB) controller.enqueue(bytes.subarray(i, i + 4 * KB));
          controller.close();
        },
      });
      const total = await client.request('POST', '/api/test/upload', {
        body: chunked,
        headers: { 'content-type': multipartType },
      });
      await refused(total, 413, /上传的文件合计不能超过 2.5 MB/);
      await refused(await post([csrf, { name: 'note', data: 'x'.repeat(5 * KB) }]), 413, /字段 note 过长/);
      const declared = lazyLength(maxRequestBytes(policy) + 1);
      const res = await client.request('POST', '/api/test/upload', {
        body: declared.stream,
        headers: { 'content-type': multipartType, 'content-length': String(maxRequestBytes(policy) + 1) },
      });
      await refused(res, 413, /提交的内容过大/);
      assert.ok(declared.pulled() <= 64 * KB, `read ${declared.pulled()} bytes`);
    });

    test('CSRF: the token must come first (or in the header); signed-in staff routes need a session', async () => {
      const file = { name: 'attachment', filename: 'a.pdf', data: pdf };
      await refused(await post([file]), 403, /页面已过期/);
      await refused(await post([file, { name: '_csrf', data: client.csrf }]), 403, /页面已过期/);
      await refused(await post([{ name: '_csrf', data: 'forged-token-forged-token' }, file]), 403, /页面已过期/);
      const stranger = new TestClient(app);
      await refused(await post([{ name: '_csrf', data: client.csrf }, file], stranger), 403, /页面已过期/);
      assert.equal((await post([{ name: '_csrf', data: client.csrf }, file])).status, 200);

      const anon = await post([{ name: '_csrf', data: client.csrf }, file], client, '/staff/test/upload');
      assert.equal(anon.status, 303, 'anonymous: to the login page, nothing read');
      assert.match(anon.headers.get('location') ?? '', /^\/staff\/login/);
      const staff = new TestClient(app);
      await staff.login('bgs.chengban');
      const viaHeader = await staff.request('POST', '/staff/test/upload', {
        body: multipart([file]),
        headers: { 'content-type': multipartType, 'x-csrf-token': staff.csrf },
      });
      assert.equal(viaHeader.status, 200, await viaHeader.text());
      assert.equal((await post([{ name: '_csrf', data: staff.csrf }, file], staff, '/staff/test/upload')).status, 200);
    });

    test('only multipart is accepted; malformed multipart is a 422', async () => {
      const json = await client.request('POST', '/api/test/upload', {
        body: '{}',
        headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
      });
      await refused(json, 422, /multipart\/form-data/);
      const broken = await client.request('POST', '/api/test/upload', {
        body: `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="a.pdf"\r\n\r\n%PDF-1.4 truncated`,
        headers: { 'content-type': multipartType },
      });
      assert.ok([400, 422].includes(broken.status), `${broken.status}`);
    });

    test('the app registers no upload route: elsewhere the small limit still applies to multipart', async () => {
      const res = await t.app.request('/api/test/upload', {
        method: 'POST',
        headers: { 'content-type': multipartType },
        body: multipart([{ name: 'attachment', filename: 'a.pdf', data: Buffer.alloc(200 * KB) }]),
      });
      assert.equal(res.status, 413);
    });
  });
}

function lazyLength(total: number) {
  let sent = 0;
  const piece = new Uint8Array(64 * KB);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
  return { stream, pulled: () => sent };
}

describe('uploads over a real socket', () => {
  let t: TestApp;
  let server: ServerType;
  let base: string;
  before(async () => {
    t = await createTestApp('sqlite');
    const app = createApp(t.deps, { uploadRoutes: [route('/api/test/upload')] });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  test('a 50 MB file to a 1 MB field: the client gets 413 long before it has sent it all', async () => {
    const page = await fetch(`${base}/feedback`);
    const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    const token = cookie.split('=')[1]!;
    const head = Buffer.concat([
      Buffer.from(multipart([{ name: '_csrf', data: token }]).subarray(0, -(boundary.length + 6))),
      Buffer.from(partHead({ name: 'attachment', filename: 'big.pdf', type: 'application/pdf', data: '' })),
      Buffer.from(pdf),
    ]);
    const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      let done = false;
      const req = httpRequest(
        `${base}/api/test/upload`,
        { method: 'POST', headers: { 'content-type': multipartType, cookie } },
        (res) => {
          done = true;
          res.resume();
          resolve({ status: res.statusCode ?? 0, sent });
        },
      );
      req.on('error', (e) => (done ? undefined : reject(e)));
      req.write(head);
      const filler = Buffer.alloc(64 * KB, 0x20);
      const write = () => {
        if (done || sent >= 50 * MB) return void req.end();
        sent += filler.length;
        if (req.write(filler)) setImmediate(write);
        else req.once('drain', write);
      };
      write();
    });
    assert.equal(status, 413);
    assert.ok(sent < 50 * MB, `client had sent ${sent} bytes`);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });
});
