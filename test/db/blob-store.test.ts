import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.ts';
import { readBlobBytes, type BlobStore } from '../../src/db/repositories/files/blob-store.ts';
import { blobChunkBytes, DatabaseBlobStore } from '../../src/db/repositories/files/database-blob-store.ts';
import { migrateToLatest } from '../../src/db/migrate-to-latest.ts';
import { createTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pdf = { kind: 'pdf', mediaType: 'application/pdf' };

async function put(store: BlobStore, bytes: Uint8Array, piece = 10_000) {
  const w = store.begin();
  for (let i = 0; i < bytes.length; i += piece) await w.write(bytes.subarray(i, i + piece));
  return w.commit(pdf);
}

async function count(t: TestDatabase, table: 'blobs' | 'blob_chunks'): Promise<number> {
  const r = await t.open.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

for (const dialect of testDialects()) {
  describe(`blob store in the database (${dialect})`, () => {
    let t: TestDatabase;
    let store: DatabaseBlobStore;
    let second: OpenDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      await migrateToLatest(t.open.db, dialect);
      store = new DatabaseBlobStore(t.open.db);
      // A second connection pool on the same database: another app server.
      second = openDatabase(t.url, { poolSize: 2 });
    });
    after(async () => {
      await second.close();
      await t.dispose();
    });

    test('bytes come back identical under their SHA-256, chunk by chunk, also on another app server', async () => {
      const bytes = randomBytes(blobChunkBytes * 2 + 12_345);
      const stored = await put(store, bytes);
      assert.equal(stored.sha256, sha(bytes));
      assert.equal(stored.size, bytes.length);
      assert.equal(stored.deduplicated, false);
      const chunks: number[] = [];
      for await (const ch of store.read(stored.sha256)) chunks.push(ch.byteLength);
      assert.deepEqual(chunks, [blobChunkBytes, blobChunkBytes, 12_345]);
      const other = new DatabaseBlobStore(second.db);
      assert.deepEqual(Buffer.from(await readBlobBytes(other, stored.sha256, 10 * 1024 * 1024)), bytes);
      assert.equal((await other.stat(stored.sha256))?.kind, 'pdf');
      assert.equal(await store.stat('0'.repeat(64)), undefined);
    });

    test('identical content is stored once (dedupe), also when two servers commit it at the same moment', async () => {
      const bytes = randomBytes(300_000);
      const blobs0 = await count(t, 'blobs');
      const chunks0 = await count(t, 'blob_chunks');
      const first = await put(store, bytes);
      const again = await put(store, bytes, 7_777);
      assert.equal(again.sha256, first.sha256);
      assert.equal(again.deduplicated, true);
      const other = new DatabaseBlobStore(second.db);
      const racing = randomBytes(200_000);
      const [a, b] = await Promise.all([put(store, racing), put(other, racing)]);
      assert.equal(a.sha256, b.sha256);
      assert.deepEqual([a.deduplicated, b.deduplicated].sort(), [false, true]);
      assert.equal(await count(t, 'blobs'), blobs0 + 2);
      // One copy of the chunks of each: 300 000 → 2 chunks, 200 000 → 1 chunk.
      assert.equal(await count(t, 'blob_chunks'), chunks0 + 3);
    });

    test('a large file (24 MB) streams in and out without ever being one piece', async () => {
      const w = store.begin();
      const hash = createHash('sha256');
      for (let i = 0; i < 96; i++) {
        const piece = randomBytes(256 * 1024);
        hash.update(piece);
        await w.write(piece);
      }
      const stored = await w.commit(pdf);
      assert.equal(stored.size, 24 * 1024 * 1024);
      assert.equal(stored.sha256, hash.digest('hex'));
      const back = createHash('sha256');
      let largest = 0;
      for await (const ch of store.read(stored.sha256)) {
        back.update(ch);
        largest = Math.max(largest, ch.byteLength);
      }
      assert.equal(back.digest('hex'), stored.sha256);
      assert.equal(largest, blobChunkBytes);
      await assert.rejects(() => readBlobBytes(store, stored.sha256, 1024 * 1024), /more than/);
    });

    test('abort leaves nothing; abandoned chunks of a crashed upload are swept, committed ones never', async () => {
      const chunks0 = await count(t, 'blob_chunks');
      const aborted = store.begin();
      await aborted.write(randomBytes(blobChunkBytes * 3));
      assert.equal(await count(t, 'blob_chunks'), chunks0 + 3, 'written while streaming');
      await aborted.abort();
      await aborted.abort();
      assert.equal(await count(t, 'blob_chunks'), chunks0);
      await assert.rejects(() => aborted.write(new Uint8Array(1)));

      const past = new Date('2026-01-01T00:00:00Z');
      const crashed = new DatabaseBlobStore(t.open.db, () => past).begin();
      await crashed.write(randomBytes(blobChunkBytes * 2));
      // never committed nor aborted: the server died
      assert.equal(await store.sweepAbandoned(new Date('2026-01-02T00:00:00Z')), 2);
      assert.equal(await count(t, 'blob_chunks'), chunks0);
      const kept = new DatabaseBlobStore(t.open.db, () => past).begin();
      await kept.write(randomBytes(blobChunkBytes));
      const stored = await kept.commit(pdf);
      assert.equal(await store.sweepAbandoned(new Date('2027-01-01T00:00:00Z')), 0);
      assert.equal((await readBlobBytes(store, stored.sha256, blobChunkBytes)).length, blobChunkBytes);
    });

    test('an empty file is a blob too', async () => {
      const stored = await store.begin().commit({ kind: 'text', mediaType: 'text/plain' });
      assert.equal(stored.sha256, sha(new Uint8Array()));
      assert.equal((await readBlobBytes(store, stored.sha256, 10)).length, 0);
    });
  });
}
