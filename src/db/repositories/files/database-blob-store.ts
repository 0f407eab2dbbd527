import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../schema.ts';
import type { BlobInfo, BlobStore, BlobWriter, StoredBlob } from './blob-store.ts';

/** 256 KiB: a row small enough for either database, few enough rows for a 20 MB file (80). */
export const blobChunkBytes = 256 * 1024;

/**
 * Blobs in the database (tables `blobs` and `blob_chunks`, migration 005), the same on SQLite and PostgreSQL,
 * so several app servers on one PostgreSQL share the files and a database backup includes them.
 *
 * A writer stores each full chunk at once under a fresh `content_id` — no transaction stays open during an
 * upload (on SQLite that would block every other writer for as long as a slow client takes) — and `commit()`
 * publishes in one short transaction: `INSERT … ON CONFLICT (sha256) DO NOTHING`. If the content was already
 * there (or another server committed it a moment earlier), the loser deletes its own chunks and gets the
 * existing blob. Chunks of uploads that died before commit or abort are found by `sweepAbandoned()`.
 */
export class DatabaseBlobStore implements BlobStore {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
    private readonly chunkBytes = blobChunkBytes,
  ) {}

  begin(): BlobWriter {
    return new DatabaseBlobWriter(this.db, this.clock, this.chunkBytes);
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    const r = await this.db.selectFrom('blobs').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    return r
      ? { sha256: r.sha256, size: Number(r.size), kind: r.kind, mediaType: r.media_type, createdAt: r.created_at }
      : undefined;
  }

  async *read(sha256: string): AsyncIterable<Uint8Array> {
    const blob = await this.db
      .selectFrom('blobs')
      .select(['content_id', 'chunk_count'])
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!blob) throw new Error(`blob ${sha256} not found`);
    // One chunk per query: memory stays at one chunk whatever the size of the blob.
    for (let seq = 0; seq < Number(blob.chunk_count); seq++) {
      const row = await this.db
        .selectFrom('blob_chunks')
        .select('data')
        .where('content_id', '=', blob.content_id)
        .where('seq', '=', seq)
        .executeTakeFirst();
      if (!row) throw new Error(`blob ${sha256}: chunk ${seq} missing`);
      yield row.data instanceof Uint8Array ? row.data : new Uint8Array(row.data as ArrayBuffer);
    }
  }

  async sweepAbandoned(before: Date): Promise<number> {
    const r = await this.db
      .deleteFrom('blob_chunks')
      .where('created_at', '<', before.toISOString())
      .where('content_id', 'not in', (eb) => eb.selectFrom('blobs').select('content_id'))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

class DatabaseBlobWriter implements BlobWriter {
  private readonly contentId = randomUUID();
  private readonly hash = createHash('sha256');
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private chunks = 0;
  private written = 0;
  private finished = false;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    private readonly chunkBytes: number,
  ) {}

  get size(): number {
    return this.written;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.finished) throw new Error('blob writer already finished');
    this.hash.update(bytes);
    this.written += bytes.byteLength;
    let rest = bytes;
    while (rest.byteLength > 0) {
      const take = Math.min(rest.byteLength, this.chunkBytes - this.pendingBytes);
      this.pending.push(rest.subarray(0, take));
      this.pendingBytes += take;
      rest = rest.subarray(take);
      if (this.pendingBytes === this.chunkBytes) await this.flush();
    }
  }

  async commit(meta: { kind: string; mediaType: string }): Promise<StoredBlob> {
    if (this.finished) throw new Error('blob writer already finished');
    if (this.pendingBytes > 0) await this.flush();
    this.finished = true;
    const sha256 = this.hash.digest('hex');
    const createdAt = this.clock().toISOString();
    const row = {
      sha256,
      content_id: this.contentId,
      size: this.written,
      kind: meta.kind,
      media_type: meta.mediaType,
      chunk_count: this.chunks,
      created_at: createdAt,
    };
    const inserted = await this.db
      .insertInto('blobs')
      .values(row)
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('sha256')
      .executeTakeFirst();
    if (inserted) {
      return { sha256, size: this.written, kind: meta.kind, mediaType: meta.mediaType, createdAt, deduplicated: false };
    }
    // The same bytes are already stored: keep theirs, drop ours.
    await this.deleteChunks();
    const existing = await this.db
      .selectFrom('blobs')
      .selectAll()
      .where('sha256', '=', sha256)
      .executeTakeFirstOrThrow();
    return {
      sha256,
      size: Number(existing.size),
      kind: existing.kind,
      mediaType: existing.media_type,
      createdAt: existing.created_at,
      deduplicated: true,
    };
  }

  async abort(): Promise<void> {
    this.finished = true;
    this.pending = [];
    this.pendingBytes = 0;
    await this.deleteChunks();
  }

  private async flush(): Promise<void> {
    // Always a copy: the pieces are views into the caller's buffers.
    const data = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    const seq = this.chunks++;
    await this.db
      .insertInto('blob_chunks')
      .values({ content_id: this.contentId, seq, data, created_at: this.clock().toISOString() })
      .execute();
  }

  private async deleteChunks(): Promise<void> {
    if (this.chunks > 0) await this.db.deleteFrom('blob_chunks').where('content_id', '=', this.contentId).execute();
  }
}
